package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.dicomwatch.pipeline.Replays;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample's inventory must match the JSON Schema that CMDB importers are given. */
class InventorySchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> samples() throws IOException {
        return Files.list(Path.of("samples-pcap"))
                .filter(path -> path.toString().endsWith(".pcap") || path.toString().endsWith(".pcapng"))
                .sorted();
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docs", "inventory.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleInventoryMatchesSchema(Path capture) throws IOException {
        JsonNode inventory = JSON.readTree(Replays.toJson(Replays.replay(capture)));
        Set<ValidationMessage> errors = schema().validate(inventory);
        assertThat(errors).as("schema violations for %s", capture).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void schemaRejectsUnknownField() throws IOException {
        JsonNode inventory = JSON.readTree(Replays.toJson(Replays.replay(Path.of("samples-pcap", "echo.pcap"))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) inventory.get("assets").get(0)).put("hostname", "pacs1");
        assertThat(schema().validate(inventory)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writeThenReadGivesSameBytes(Path capture) throws IOException {
        byte[] written = Replays.toJson(Replays.replay(capture));
        Inventory reread = new InventoryJsonReader(InventoryLimits.DEFAULTS)
                .read(new java.io.ByteArrayInputStream(written), capture.toString());
        assertThat(new String(Replays.toJson(reread), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8));
    }
}
