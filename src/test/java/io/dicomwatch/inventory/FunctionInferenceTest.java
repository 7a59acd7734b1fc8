package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions inferred from samples-pcap/multihost.pcap: a modality, a PACS and a workstation on three hosts. */
class FunctionInferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Map<String, String> functionsByAsset() throws IOException {
        Path output = directory.resolve("inventory.json");
        assertThat(Main.run("replay", "-q", "-o", output.toString(), "samples-pcap/multihost.pcap")).isZero();
        Map<String, String> functions = new TreeMap<>();
        for (JsonNode asset : JSON.readTree(output.toFile()).get("assets")) {
            StringBuilder names = new StringBuilder();
            for (JsonNode function : asset.get("functions")) {
                names.append(names.length() == 0 ? "" : ",").append(function.get("function").asText());
            }
            functions.put(asset.get("ip").asText(), names.toString());
        }
        return functions;
    }

    @Test
    void pacsIsArchive() throws IOException {
        assertThat(functionsByAsset()).containsEntry("192.0.2.20", "archive");
    }

    @Test
    void workstationIsWorkstation() throws IOException {
        assertThat(functionsByAsset()).containsEntry("192.0.2.30", "workstation");
    }

    @Test
    void modalitySendingThreeStationsIsRouter() throws IOException {
        // The sample's MODALITY1 sends objects that name three stations (CT, MR, SC), which is
        // what a forwarding node does; one real modality names one station.
        assertThat(functionsByAsset()).containsEntry("192.0.2.10", "router");
    }
}
