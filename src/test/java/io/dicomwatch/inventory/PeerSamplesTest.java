package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays samples-pcap/gdcm.pcap (GDCM's gdcmscu against dcmtk peers) and worklist.pcap (dcmtk's
 * worklist client and server), made by samples-pcap/generate-peers.sh.
 */
class PeerSamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private JsonNode replay(String sample) throws IOException {
        Path output = directory.resolve("inventory.json");
        assertThat(Main.run("replay", "-q", "-o", output.toString(), Path.of("samples-pcap", sample).toString()))
                .isZero();
        return JSON.readTree(output.toFile());
    }

    private static JsonNode entity(JsonNode inventory, String title) {
        for (JsonNode asset : inventory.get("assets")) {
            for (JsonNode entity : asset.get("applicationEntities")) {
                if (title.equals(entity.get("aeTitle").asText())) {
                    return entity;
                }
            }
        }
        throw new AssertionError("no entity " + title);
    }

    /** Returns the text of every file the replay wrote: the inventory and the state files. */
    private String writtenText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    @Test
    void gdcmImplementationIsFingerprinted() throws IOException {
        JsonNode implementation = entity(replay("gdcm.pcap"), "GDCMSCU").get("implementations").get(0);
        assertThat(implementation.get("implementationVersionName").asText()).isEqualTo("GDCM 3.0.21");
        assertThat(implementation.get("product").asText()).isEqualTo("GDCM");
        assertThat(implementation.get("version").asText()).isEqualTo("3.0.21");
    }

    @Test
    void gdcmEquipmentReadPastUndefinedLengthItem() throws IOException {
        List<String> stations = new ArrayList<>();
        for (JsonNode equipment : entity(replay("gdcm.pcap"), "GDCMSCU").get("equipment")) {
            stations.add(equipment.get("stationName").asText());
            assertThat(equipment.get("manufacturer").asText()).isEqualTo("DWID TEST");
        }
        assertThat(stations).containsExactly("DWID-EXPLICIT", "DWID-IMPLICIT");
    }

    @Test
    void gdcmSampleLeavesNoPatientValue() throws IOException {
        replay("gdcm.pcap");
        String written = writtenText();
        assertThat(written).doesNotContain("DWSENT");
        assertThat(written).doesNotContain("8675309");
    }

    @Test
    void worklistServerAndModalityAreInferred() throws IOException {
        JsonNode inventory = replay("worklist.pcap");
        JsonNode service = entity(inventory, "WLMSCP").get("services").get(0);
        assertThat(service.get("service").asText()).isEqualTo("worklist");
        assertThat(service.get("role").asText()).isEqualTo("SCP");
        List<String> functions = new ArrayList<>();
        inventory.get("assets").get(0).get("functions").forEach(function -> functions.add(function.get("function").asText()));
        assertThat(functions).contains("worklist", "modality");
    }

    @Test
    void onlyBroadWorklistQueryIsFlagged() throws IOException {
        JsonNode findings = replay("worklist.pcap").get("findings");
        List<String> broad = new ArrayList<>();
        for (JsonNode finding : findings) {
            if (finding.get("ruleId").asText().equals("query.broad-c-find")) {
                broad.add(finding.get("evidence").get("example").asText());
                assertThat(finding.get("count").asLong()).isEqualTo(1);
            }
        }
        assertThat(broad).hasSize(1);
    }

    @Test
    void worklistSampleLeavesNoPatientValue() throws IOException {
        replay("worklist.pcap");
        String written = writtenText();
        assertThat(written).doesNotContain("DWTEST");
        assertThat(written).doesNotContain("DWACC");
        assertThat(written).doesNotContain("WORKLIST1");
    }
}
