package io.dicomwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.UpperLayerLimits;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryJsonReader;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.inventory.Statistics;
import io.dicomwatch.tcp.ReassemblyConfig;
import io.dicomwatch.testing.PcapWriter;
import io.dicomwatch.testing.SegmentScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for the whole pipeline: the input is a {@link SegmentScript}, written as a pcap file
 * and replayed under small bounds; the inventory is exported as JSON and read back. No exception
 * may escape, and the bounds must hold.
 */
class PipelineFuzzTest {
    private static final ReassemblyConfig REASSEMBLY = new ReassemblyConfig(
            4, 32_768, 65_536, 16, 10_000_000_000L, 1_000_000_000L, 2_000_000_000L);
    private static final UpperLayerLimits DECODER = new UpperLayerLimits(4096, 512, 4, 1 << 20, true);
    private static final InventoryLimits INVENTORY = new InventoryLimits(4, 4, 2, 4, 2);
    private static final PipelineConfig CONFIG =
            new PipelineConfig(REASSEMBLY, new DicomTrackingConfig(DECODER, 8192, 4), INVENTORY);
    /** One segment of at most 65,535 bytes may be buffered before the bound is enforced. */
    private static final long BUFFER_SLACK = 70_000;
    private static final Path FILE = createFile();

    @FuzzTest(maxDuration = "2m")
    void replay(byte[] script) throws IOException {
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(FILE))) {
            SegmentScript.write(script, writer);
        }
        Pipeline pipeline = new Pipeline(new Inventory(INVENTORY), CONFIG);
        new ReplayJob(pipeline, ReplayProgress.NONE, Long.MAX_VALUE).run(List.of(FILE));

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new InventoryJsonWriter("fuzz").write(pipeline.inventory(), json);
        Inventory reread = new InventoryJsonReader(INVENTORY).read(new ByteArrayInputStream(json.toByteArray()), "fuzz");
        Statistics statistics = reread.statistics();
        assertTrue(statistics.get("reassembly", "openConnections") == 0, "connections open after the end");
        assertTrue(statistics.get("reassembly", "peakBufferedBytes") <= REASSEMBLY.maxBufferedBytes() + BUFFER_SLACK,
                "buffered bytes bound");
        assertTrue(reread.assets().size() <= INVENTORY.maxAssets(), "asset cap");
        assertTrue(reread.associations().size() <= INVENTORY.maxAssociations(), "association cap");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(FILE);
    }

    private static Path createFile() {
        try {
            Path file = Files.createTempFile("dicomwatch-fuzz", ".pcap");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
