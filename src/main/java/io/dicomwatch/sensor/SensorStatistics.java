package io.dicomwatch.sensor;

import io.dicomwatch.capture.LiveStats;
import io.dicomwatch.dicom.DicomStats;
import io.dicomwatch.inventory.Statistics;
import io.dicomwatch.pipeline.Pipeline;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of the live capture: published into the inventory's statistics (sections
 * {@code capture} and {@code sensorQueue}), logged as one periodic line, and watched for silent
 * interfaces. Used on the decoding thread only.
 */
final class SensorStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(SensorStatistics.class);
    /** Decoder errors logged in full; later ones are only counted. */
    private static final int LOGGED_DECODER_ERRORS = 10;

    private final List<InterfaceCapture> captures;
    private final FrameQueue queue;
    private final DuplicateFilter duplicates;
    private final Pipeline pipeline;
    private final long silentNanos;
    private final boolean[] silent;
    private long decoderErrors;

    SensorStatistics(List<InterfaceCapture> captures, FrameQueue queue, DuplicateFilter duplicates, Pipeline pipeline,
            long silentNanos) {
        this.captures = captures;
        this.queue = queue;
        this.duplicates = duplicates;
        this.pipeline = pipeline;
        this.silentNanos = silentNanos;
        this.silent = new boolean[captures.size()];
    }

    /** Adds the capture sections to {@code statistics}. */
    void publish(Statistics statistics) {
        long frames = 0;
        long bytes = 0;
        long reopens = 0;
        LiveStats pcap = LiveStats.ZERO;
        for (InterfaceCapture capture : captures) {
            frames += capture.framesCaptured;
            bytes += capture.bytesCaptured;
            reopens += capture.reopens;
            pcap = pcap.plus(capture.pcapTotals);
        }
        statistics.set("capture", "framesCaptured", frames);
        statistics.set("capture", "bytesCaptured", bytes);
        statistics.set("capture", "pcapReceived", pcap.received());
        statistics.set("capture", "pcapDroppedByKernel", pcap.droppedByKernel());
        statistics.set("capture", "pcapDroppedByInterface", pcap.droppedByInterface());
        statistics.set("capture", "interfaceReopens", reopens);
        statistics.set("capture", "duplicateFramesDropped", duplicates.duplicates());
        statistics.set("capture", "decoderErrors", decoderErrors);
        FrameQueue.Counters counters = queue.counters();
        statistics.set("sensorQueue", "framesQueued", counters.framesQueued());
        statistics.set("sensorQueue", "framesDropped", counters.framesDropped());
        statistics.set("sensorQueue", "bytesDropped", counters.bytesDropped());
        statistics.set("sensorQueue", "peakDepth", counters.peakDepth());
    }

    /** Logs one line of counters since the start of this run. */
    void logLine() {
        Statistics statistics = new Statistics();
        publish(statistics);
        DicomStats dicom = pipeline.dicomStats();
        LOG.info("Statistics: {} frames, {} bytes captured, {} received by libpcap; dropped: {} by the kernel, {} "
                        + "by the interface, {} by the queue, {} duplicates; {} TCP connections, {} DICOM connections, "
                        + "{} associations, {} assets",
                statistics.get("capture", "framesCaptured"), statistics.get("capture", "bytesCaptured"),
                statistics.get("capture", "pcapReceived"),
                statistics.get("capture", "pcapDroppedByKernel"), statistics.get("capture", "pcapDroppedByInterface"),
                statistics.get("sensorQueue", "framesDropped"), statistics.get("capture", "duplicateFramesDropped"),
                pipeline.reassembler().stats().openConnections, dicom.dicomConnections,
                dicom.associationsRequested + dicom.midStreamAssociations, pipeline.inventory().assets().size());
    }

    /** Warns once when an interface has delivered nothing for the configured time, and notes when it recovers. */
    void checkSilence(long now) {
        for (int i = 0; i < captures.size(); i++) {
            InterfaceCapture capture = captures.get(i);
            long quietNanos = now - capture.lastFrameNanos;
            if (!silent[i] && quietNanos > silentNanos) {
                silent[i] = true;
                LOG.warn("No packets on {} for {} s: check that the interface is up and that the SPAN session "
                        + "mirrors traffic to it", capture.interfaceName(), TimeUnit.NANOSECONDS.toSeconds(quietNanos));
            } else if (silent[i] && quietNanos <= silentNanos) {
                silent[i] = false;
                LOG.info("Packets arrive again on {}", capture.interfaceName());
            }
        }
    }

    void countDecoderError(long frameNumber, RuntimeException e) {
        decoderErrors++;
        if (decoderErrors <= LOGGED_DECODER_ERRORS) {
            LOG.error("Decoding frame {} failed; the frame is skipped ({} such error(s) so far, only the first {} "
                    + "are logged)", frameNumber, decoderErrors, LOGGED_DECODER_ERRORS, e);
        }
    }
}
