package io.dicomwatch.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.UpperLayerLimits;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.pipeline.Pipeline;
import io.dicomwatch.pipeline.PipelineConfig;
import io.dicomwatch.pipeline.ReplayJob;
import io.dicomwatch.pipeline.ReplayProgress;
import io.dicomwatch.pipeline.ReplayResult;
import io.dicomwatch.tcp.ReassemblyConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays every {@link Scenario} through the pipeline under small reassembly bounds and checks
 * structure only, never time: the replay ends, the bounds and caps hold and are counted in the
 * inventory's statistics and overflow sections, and the association LEGIT_SCU to LEGIT_SCP is
 * in the inventory. The inventory caps are three quarters of the connection count, so the
 * legitimate association, written after half of them, fits, while floods still overflow.
 */
class AdversarialCapturesTest {
    private static final int MAX_CONNECTIONS = 1024;
    private static final long MAX_BUFFERED = 1 << 20;
    /** One segment of at most 65,535 bytes may be buffered before the bound is enforced. */
    private static final long BUFFER_SLACK = 70_000;
    private static final ReassemblyConfig REASSEMBLY = new ReassemblyConfig(MAX_CONNECTIONS, MAX_BUFFERED, 65_536,
            64, 600_000_000_000L, 5_000_000_000L, 5_000_000_000L);
    /** PDU buffer budget: room for about 30 of the 32 KiB unfinished requests. */
    private static final long MAX_BUFFERED_PDU = 1 << 20;
    private static final DicomTrackingConfig DICOM = new DicomTrackingConfig(UpperLayerLimits.DEFAULTS, 4L << 20,
            1024, DicomTrackingConfig.DEFAULT_DATA_SET_PREFIX_BYTES, MAX_BUFFERED_PDU);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({
        "HUGE_LENGTHS, 100000", "BAD_NESTING, 20000", "ENDLESS_PDV, 20000", "HALF_OPEN, 100000",
        "ONE_BYTE, 100000", "UNFINISHED_REQUEST, 400", "OVERLAP_CONFLICT, 20000",
        "REVERSE_SEGMENTS, 200", "TIME_BACKWARDS, 20000", "TRUNCATED, 20000",
    })
    void scenarioKeepsBounds(Scenario scenario, int connections) throws IOException {
        Path capture = directory.resolve(scenario + ".pcap");
        AdversarialCaptures.write(scenario, connections, capture, 1);
        InventoryLimits limits = new InventoryLimits(connections * 3 / 4, connections * 3 / 4, 256, 1024, 3);
        Pipeline pipeline = new Pipeline(new Inventory(limits),
                new PipelineConfig(REASSEMBLY, DICOM, limits));
        ReplayResult result = new ReplayJob(pipeline, ReplayProgress.NONE, Long.MAX_VALUE).run(List.of(capture));
        JsonNode inventory = export(pipeline.inventory());
        JsonNode reassembly = inventory.path("statistics").path("reassembly");
        String context = scenario + " with " + connections + " connections, statistics "
                + inventory.path("statistics") + ", overflow " + inventory.path("overflow");

        assertThat(result.fileErrors()).as(context).hasSize(scenario == Scenario.TRUNCATED ? 1 : 0);
        assertThat(reassembly.path("connectionsOpened").asLong()).as(context).isGreaterThanOrEqualTo(connections);
        assertThat(reassembly.path("openConnections").asLong()).as(context).isZero();
        assertThat(reassembly.path("peakBufferedBytes").asLong()).as(context)
                .isLessThanOrEqualTo(MAX_BUFFERED + BUFFER_SLACK);
        assertThat(inventory.path("statistics").path("dicom").path("peakPduBufferBytes").asLong()).as(context)
                .isLessThanOrEqualTo(MAX_BUFFERED_PDU);
        assertThat(inventory.path("assets").size()).as(context).isLessThanOrEqualTo(limits.maxAssets());
        assertThat(inventory.path("associations").size()).as(context).isLessThanOrEqualTo(limits.maxAssociations());
        assertThat(hasLegitimateAssociation(inventory)).as(context).isTrue();
        checkScenario(scenario, connections, inventory, context);
    }

    /** Checks the counter that each scenario is built to drive. */
    private static void checkScenario(Scenario scenario, int connections, JsonNode inventory, String context) {
        JsonNode reassembly = inventory.path("statistics").path("reassembly");
        JsonNode overflow = inventory.path("overflow");
        switch (scenario) {
            case HALF_OPEN, ONE_BYTE, ENDLESS_PDV, HUGE_LENGTHS ->
                assertThat(reassembly.path("closedEvicted").asLong()).as(context).isPositive();
            case BAD_NESTING -> assertThat(overflow.path("assetsDropped").asLong()).as(context).isPositive();
            case UNFINISHED_REQUEST -> {
                // A request that the budget refuses is decoded as cut, and one that stayed within the
                // budget when the capture ends, so every request's titles count.
                JsonNode dicom = inventory.path("statistics").path("dicom");
                assertThat(dicom.path("pduBufferRejections").asLong()).as(context).isGreaterThan(connections / 2);
                assertThat(dicom.path("associationsRequested").asLong()).as(context).isEqualTo(connections + 1);
            }
            case OVERLAP_CONFLICT ->
                assertThat(reassembly.path("conflicts").asLong()).as(context).isGreaterThanOrEqualTo(connections);
            case REVERSE_SEGMENTS ->
                // Each connection buffers segments up to the maximum of 64 pieces, then skips its hole.
                assertThat(reassembly.path("outOfOrderSegments").asLong()).as(context)
                        .isGreaterThanOrEqualTo(connections * 63L);
            case TIME_BACKWARDS, TRUNCATED -> {
                // Every association is complete before a jump in time or the cut, so each one counts.
                JsonNode dicom = inventory.path("statistics").path("dicom");
                assertThat(dicom.path("associationsRequested").asLong()).as(context).isEqualTo(connections + 1);
                assertThat(reassembly.path("closedFin").asLong()).as(context).isEqualTo(connections + 1);
                assertThat(overflow.path("associationsDropped").asLong()).as(context).isPositive();
            }
        }
    }

    private static boolean hasLegitimateAssociation(JsonNode inventory) {
        for (JsonNode row : inventory.path("associations")) {
            if (AdversarialCaptures.LEGIT_SCU.equals(row.path("callingAeTitle").asText())
                    && AdversarialCaptures.LEGIT_SCP.equals(row.path("calledAeTitle").asText())
                    && row.path("accepted").asLong() == 1
                    && row.path("released").asLong() == 1) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode export(Inventory inventory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new InventoryJsonWriter("test").write(inventory, out);
        return JSON.readTree(out.toByteArray());
    }
}
