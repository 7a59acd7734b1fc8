package io.dicomwatch.pipeline;

import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.tcp.ReassemblyConfig;

/** Settings of every stage of the pipeline. */
public record PipelineConfig(ReassemblyConfig reassembly, DicomTrackingConfig dicom, InventoryLimits inventory) {
    public static final PipelineConfig DEFAULTS =
            new PipelineConfig(ReassemblyConfig.DEFAULTS, DicomTrackingConfig.DEFAULTS, InventoryLimits.DEFAULTS);
}
