package io.dicomwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.tcp.ReassemblyStats;
import io.dicomwatch.testing.CapturedSegment;
import io.dicomwatch.testing.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: re-cutting, locally reordering and duplicating the TCP segments of a real capture
 * changes neither the PDUs decoded nor the inventory (its JSON without the statistics section).
 * Copies with conflicting bytes of segments that wait in the reassembly buffer lose to the copy
 * received first, and each is counted as a conflict. Every case runs with seeded
 * {@link java.util.Random} generators, and failures name the seed.
 */
class ResegmentedReplayTest {
    private static final Path SAMPLES = Path.of("samples-pcap");
    private static final int SEEDS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"store.pcap", "move.pcap", "multihost.pcap"})
    void resegmentedSameResult(String sample) throws IOException {
        List<CapturedSegment> original = CapturedSegment.read(SAMPLES.resolve(sample));
        Outcome expected = replay(Resegmenter.baseline(original), "baseline");
        assertThat(expected.inventory).as("baseline of " + sample).contains("\"callingAeTitle\"");

        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Resegmenter resegmenter = new Resegmenter(random, random.nextInt(33), 0.2, 0);
            Outcome actual = replay(resegmenter.rewrite(original), "seed-" + seed);
            String context = sample + " seed " + seed;
            assertThat(actual.pdus).as("PDUs of " + context).isEqualTo(expected.pdus);
            assertThat(actual.inventory).as("inventory of " + context).isEqualTo(expected.inventory);
            assertThat(actual.reassembly.gaps).as("gaps of " + context).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"store.pcap", "move.pcap", "multihost.pcap"})
    void conflictsFirstWins(String sample) throws IOException {
        List<CapturedSegment> original = CapturedSegment.read(SAMPLES.resolve(sample));
        Outcome expected = replay(Resegmenter.baseline(original), "baseline");

        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Resegmenter resegmenter = new Resegmenter(random, 1 + random.nextInt(32), 0.1, 0.3);
            Outcome actual = replay(resegmenter.rewrite(original), "conflict-seed-" + seed);
            String context = sample + " seed " + seed;
            assertThat(resegmenter.conflictsInjected()).as("conflicts injected in " + context).isPositive();
            assertThat(actual.pdus).as("PDUs of " + context).isEqualTo(expected.pdus);
            assertThat(actual.inventory).as("inventory of " + context).isEqualTo(expected.inventory);
            assertThat(actual.reassembly.conflicts).as("conflicts counted in " + context)
                    .isEqualTo(resegmenter.conflictsInjected());
        }
    }

    /** What one replay produced. */
    private record Outcome(Map<String, List<String>> pdus, String inventory, ReassemblyStats reassembly) {
    }

    private Outcome replay(List<CapturedSegment> segments, String name) throws IOException {
        Path file = directory.resolve(name + ".pcap");
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file))) {
            for (CapturedSegment segment : segments) {
                segment.writeTo(writer);
            }
        }
        PduRecorder recorder = PduRecorder.replay(file);
        Pipeline pipeline = new Pipeline(new Inventory(InventoryLimits.DEFAULTS), PipelineConfig.DEFAULTS);
        new ReplayJob(pipeline, ReplayProgress.NONE, Long.MAX_VALUE).run(List.of(file));
        return new Outcome(recorder.events(), inventoryWithoutStatistics(pipeline.inventory()),
                recorder.reassembler().stats());
    }

    private static String inventoryWithoutStatistics(Inventory inventory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new InventoryJsonWriter("test").write(inventory, out);
        ObjectNode json = (ObjectNode) JSON.readTree(out.toByteArray());
        json.remove("statistics");
        return json.toPrettyString();
    }
}
