package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live sensor on loopback, as root, with real dcmtk peers: the capture is opened first, the
 * peers exchange C-ECHO and C-STORE, then SIGTERM must write the inventory and exit 0.
 */
class CaptureLoopbackIT {
    @TempDir
    Path directory;

    private int port;

    @BeforeEach
    void requireRootAndDcmtk() throws IOException {
        SensorProcess.assumeRoot();
        for (String tool : List.of("storescp", "storescu", "echoscu", "dump2dcm", "ss")) {
            SensorProcess.assumeTool(tool);
        }
        port = SensorProcess.freePort();
    }

    private SensorProcess startSensor(String... extra) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--interface", "lo", "--filter", "tcp port " + port,
                "--output", directory.resolve("inventory.json").toString()));
        arguments.addAll(List.of(extra));
        SensorProcess sensor = SensorProcess.start(directory, List.of(), arguments.toArray(String[]::new));
        sensor.awaitLog("Capture opened on lo");
        return sensor;
    }

    private JsonNode inventory() throws IOException {
        return new ObjectMapper().readTree(directory.resolve("inventory.json").toFile());
    }

    private static List<String> titles(JsonNode inventory, String field) {
        List<String> titles = new ArrayList<>();
        for (JsonNode association : inventory.path("associations")) {
            titles.add(association.path(field).asText());
        }
        return titles;
    }

    @Test
    void echoAndStoreAreInventoried() throws Exception {
        try (SensorProcess sensor = startSensor(); DcmtkPeers peers = new DcmtkPeers(directory, port)) {
            peers.startStorescp("ITSCP");
            peers.echo("ITECHO", "ITSCP");
            peers.store("ITSTORE", "ITSCP", peers.makeObject("first", 64), peers.makeObject("second", 512));
            peers.close();
            assertThat(sensor.terminate()).as("exit status after SIGTERM").isZero();
            assertThat(sensor.log()).contains("Sensor stopped");
        }
        JsonNode inventory = inventory();
        assertThat(inventory.path("statistics").path("capture").path("framesCaptured").asLong())
                .as("frames captured on lo").isGreaterThan(10);
        assertThat(inventory.path("statistics").path("sensorQueue").path("framesDropped").asLong()).isZero();
        assertThat(titles(inventory, "callingAeTitle")).contains("ITECHO", "ITSTORE");
        assertThat(titles(inventory, "calledAeTitle")).contains("ITSCP");
    }

    @Test
    void restartAccumulates() throws Exception {
        long framesFirstRun;
        try (DcmtkPeers peers = new DcmtkPeers(directory, port)) {
            peers.startStorescp("ITSCP");
            try (SensorProcess sensor = startSensor()) {
                peers.echo("FIRSTRUN", "ITSCP");
                assertThat(sensor.terminate()).isZero();
            }
            framesFirstRun = inventory().path("statistics").path("capture").path("framesCaptured").asLong();
            try (SensorProcess sensor = startSensor()) {
                assertThat(sensor.log()).contains("Loaded the inventory");
                peers.echo("SECONDRUN", "ITSCP");
                assertThat(sensor.terminate()).isZero();
            }
        }
        JsonNode inventory = inventory();
        assertThat(framesFirstRun).as("frames of the first run").isPositive();
        assertThat(inventory.path("statistics").path("capture").path("framesCaptured").asLong())
                .as("frames of both runs").isGreaterThan(framesFirstRun);
        assertThat(titles(inventory, "callingAeTitle")).contains("FIRSTRUN", "SECONDRUN");
        JsonNode association = inventory.path("associations").get(0);
        assertThat(association.path("firstSeen").asText()).isLessThan(association.path("lastSeen").asText());
    }

    private static List<String> ruleIds(JsonNode inventory) {
        List<String> rules = new ArrayList<>();
        for (JsonNode finding : inventory.path("findings")) {
            rules.add(finding.path("ruleId").asText());
        }
        return rules;
    }

    /**
     * Three sensor runs, each seeing one new calling title accepted by storescp (which accepts any
     * title): the third run reaches accept-any-min-titles (3), and no run repeats an event.
     */
    @Test
    void restartsKeepFindingThresholdsAndEvents() throws Exception {
        Path events = directory.resolve("events.jsonl");
        List<String> titles = List.of("SITE1", "SITE2", "SITE3");
        try (DcmtkPeers peers = new DcmtkPeers(directory, port)) {
            peers.startStorescp("ITSCP");
            for (int run = 0; run < titles.size(); run++) {
                try (SensorProcess sensor = startSensor("--events", events.toString())) {
                    peers.echo(titles.get(run), "ITSCP");
                    assertThat(sensor.terminate()).as("exit status after SIGTERM").isZero();
                }
                boolean thresholdReached = run == titles.size() - 1;
                assertThat(ruleIds(inventory()).contains("scp.accepts-any-calling-ae"))
                        .as("accepts-any raised after run %d", run + 1).isEqualTo(thresholdReached);
            }
        }
        JsonNode acceptsAny = null;
        for (JsonNode finding : inventory().path("findings")) {
            if (finding.path("ruleId").asText().equals("scp.accepts-any-calling-ae")) {
                acceptsAny = finding;
            }
        }
        assertThat(acceptsAny).as("accepts-any finding").isNotNull();
        assertThat(acceptsAny.path("evidence").path("counters").path("distinctUnknownTitlesAccepted").asLong())
                .isEqualTo(3);

        Map<String, Integer> raised = new HashMap<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode event = new ObjectMapper().readTree(line);
            if (event.path("event").asText().equals("finding-raised")) {
                raised.merge(event.path("finding").path("id").asText(), 1, Integer::sum);
            }
        }
        assertThat(raised).as("finding-raised lines by id").containsKey(acceptsAny.path("id").asText());
        assertThat(raised).allSatisfy((id, lines) -> assertThat(lines).as("finding-raised lines of %s", id)
                .isEqualTo(1));
    }
}
