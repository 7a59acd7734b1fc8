package io.dicomwatch.pipeline;

import io.dicomwatch.capture.FragmentReassemblyConfig;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.tcp.ReassemblyConfig;

/** Settings of every stage of the pipeline. */
public record PipelineConfig(FragmentReassemblyConfig fragments, ReassemblyConfig reassembly,
        DicomTrackingConfig dicom, InventoryLimits inventory) {
    public static final PipelineConfig DEFAULTS = new PipelineConfig(FragmentReassemblyConfig.DEFAULTS,
            ReassemblyConfig.DEFAULTS, DicomTrackingConfig.DEFAULTS, InventoryLimits.DEFAULTS);

    /** Settings with the default bounds of fragment reassembly. */
    public PipelineConfig(ReassemblyConfig reassembly, DicomTrackingConfig dicom, InventoryLimits inventory) {
        this(FragmentReassemblyConfig.DEFAULTS, reassembly, dicom, inventory);
    }
}
