package io.dicomwatch.pipeline;

import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.PacketDecoder;
import io.dicomwatch.capture.TcpSegment;
import io.dicomwatch.dicom.AssociationListener;
import io.dicomwatch.dicom.CompositeAssociationListener;
import io.dicomwatch.dicom.DicomConnectionListener;
import io.dicomwatch.dicom.DicomStats;
import io.dicomwatch.dicom.UpperLayerAnomaly;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryBuilder;
import io.dicomwatch.inventory.Statistics;
import io.dicomwatch.tcp.TcpReassembler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Frames in, inventory out: packet decoding, TCP reassembly, DICOM decoding and inventory
 * building, wired once and driven by one thread. Replay and live capture share it.
 */
public final class Pipeline {
    private final Inventory inventory;
    private final PacketDecoder packetDecoder;
    private final TcpSegment segment = new TcpSegment();
    private final DicomConnectionListener dicom;
    private final TcpReassembler reassembler;
    private final List<Consumer<Statistics>> statisticsSources = new ArrayList<>();
    private long lastTimestampNanos = Long.MIN_VALUE;

    public Pipeline(Inventory inventory, PipelineConfig config) {
        this(inventory, config, null);
    }

    /**
     * Creates a pipeline whose associations also go to {@code observer} (such as the findings
     * engine), after the inventory builder has seen each event; null for none.
     */
    public Pipeline(Inventory inventory, PipelineConfig config, AssociationListener observer) {
        this.inventory = inventory;
        this.packetDecoder = new PacketDecoder(config.fragments());
        InventoryBuilder builder = new InventoryBuilder(inventory);
        AssociationListener listener = observer == null ? builder
                : new CompositeAssociationListener(List.of(builder, observer));
        this.dicom = new DicomConnectionListener(listener, builder, config.dicom());
        this.reassembler = new TcpReassembler(dicom, config.reassembly());
    }

    /** Processes one frame; the frame's buffer may be reused as soon as this returns. */
    public void accept(Frame frame) {
        long timestamp = frame.timestampNanos;
        if (timestamp > lastTimestampNanos) {
            lastTimestampNanos = timestamp;
        }
        inventory.touchCapture(timestamp);
        if (packetDecoder.decode(frame, segment)) {
            reassembler.onSegment(segment);
        }
    }

    /** Ends every open connection and discards incomplete IP datagrams, as at the end of a capture. */
    public void finish() {
        packetDecoder.finish();
        reassembler.closeAll(lastTimestampNanos == Long.MIN_VALUE ? 0 : lastTimestampNanos);
    }

    /** Capture time of the latest frame, or 0 before the first. */
    public long lastTimestampNanos() {
        return lastTimestampNanos == Long.MIN_VALUE ? 0 : lastTimestampNanos;
    }

    public Inventory inventory() {
        return inventory;
    }

    public DicomStats dicomStats() {
        return dicom.stats();
    }

    public PacketDecoder packetDecoder() {
        return packetDecoder;
    }

    public TcpReassembler reassembler() {
        return reassembler;
    }

    /**
     * Adds a source of further statistics sections, such as the live capture's, which
     * {@link #publishStatistics} calls on the pipeline's thread.
     */
    public void addStatisticsSource(Consumer<Statistics> source) {
        statisticsSources.add(source);
    }

    /** Copies the counters of every stage into the inventory, ready for an export. */
    public void publishStatistics() {
        Statistics statistics = new Statistics();
        statistics.setAll("packets", packetDecoder.stats());
        statistics.setAll("reassembly", reassembler.stats());
        DicomStats dicomStats = dicom.stats();
        statistics.setAll("dicom", dicomStats);
        for (UpperLayerAnomaly anomaly : UpperLayerAnomaly.values()) {
            statistics.set("dicomAnomalies", anomaly.name(), dicomStats.anomalies(anomaly));
        }
        for (Consumer<Statistics> source : statisticsSources) {
            source.accept(statistics);
        }
        inventory.setRunStatistics(statistics);
    }
}
