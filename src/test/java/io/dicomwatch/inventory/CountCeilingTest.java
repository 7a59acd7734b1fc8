package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dicomwatch.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts at the largest value the reader accepts stay there through repeated merges. */
class CountCeilingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = Path.of("samples-pcap", "echo.pcap").toString();

    @TempDir
    Path directory;

    @Test
    void mergedCountStopsAtReaderLimit() throws IOException {
        Path output = directory.resolve("inventory.json");
        assertThat(Main.run("replay", "-q", "-o", output.toString(), SAMPLE)).isZero();
        JsonNode inventory = JSON.readTree(output.toFile());
        ((ObjectNode) inventory.get("associations").get(0)).put("requested", InventoryJsonReader.MAX_COUNT);
        JSON.writeValue(output.toFile(), inventory);

        assertThat(Main.run("replay", "-q", "--merge", "-o", output.toString(), SAMPLE)).isZero();
        assertThat(Main.run("replay", "-q", "--merge", "-o", output.toString(), SAMPLE)).isZero();

        JsonNode merged = JSON.readTree(output.toFile());
        assertThat(merged.get("associations").get(0).get("requested").asLong()).isEqualTo(InventoryJsonReader.MAX_COUNT);
    }
}
