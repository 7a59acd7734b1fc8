package io.dicomwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.inventory.Statistics;
import io.dicomwatch.testing.CapturedSegment;
import io.dicomwatch.testing.PcapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection whose SYN was captured must begin with proof of DICOM, through the whole pipeline:
 * the reassembler records the SYN after it opens the connection, so the tracker must not decide
 * alignment before the first bytes.
 */
class StreamStartTest {
    private static final int CLIENT = 0x0A00_0001;
    private static final int SERVER = 0x0A00_0002;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;

    @TempDir
    Path directory;

    @Test
    void httpAfterSynIgnored() throws IOException {
        byte[] request = "GET / HTTP/1.1\r\nHost: pacs\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Path file = directory.resolve("http.pcap");
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file))) {
            writer.tcp(1_000, CLIENT, 40_000, SERVER, 104, 100, 0, SYN, new byte[0], 0, 0);
            writer.tcp(2_000, SERVER, 104, CLIENT, 40_000, 900, 101, SYN | ACK, new byte[0], 0, 0);
            writer.tcp(3_000, CLIENT, 40_000, SERVER, 104, 101, 901, ACK, new byte[0], 0, 0);
            writer.tcp(4_000, CLIENT, 40_000, SERVER, 104, 101, 901, PSH_ACK, request, 0, request.length);
        }

        Statistics statistics = replay(file);

        assertThat(statistics.get("dicom", "connectionsIgnored")).isEqualTo(1);
        assertThat(statistics.get("dicom", "connectionsClosedUndecided")).isZero();
    }

    @Test
    void cleanCaptureNoResynchronisation() throws IOException {
        Path file = directory.resolve("store.pcap");
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file))) {
            for (CapturedSegment segment : CapturedSegment.read(Path.of("samples-pcap/store.pcap"))) {
                segment.writeTo(writer);
            }
        }

        Statistics statistics = replay(file);

        assertThat(statistics.get("dicom", "dicomConnections")).isEqualTo(1);
        assertThat(statistics.get("dicom", "resynchronisations")).isZero();
    }

    private static Statistics replay(Path file) throws IOException {
        Pipeline pipeline = new Pipeline(new Inventory(InventoryLimits.DEFAULTS), PipelineConfig.DEFAULTS);
        new ReplayJob(pipeline, ReplayProgress.NONE, Long.MAX_VALUE).run(List.of(file));
        return pipeline.inventory().statistics();
    }
}
