package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays samples-pcap/identity-midstream.pcap, identity.pcap without each connection's handshake
 * and A-ASSOCIATE exchange, so every data set's encoding must be inferred from its bytes.
 */
class IdentityMidStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private JsonNode inventory;

    @BeforeEach
    void replay() throws IOException {
        Path output = directory.resolve("inventory.json");
        assertThat(Main.run("replay", "-q", "-o", output.toString(), "samples-pcap/identity-midstream.pcap")).isZero();
        inventory = JSON.readTree(output.toFile());
    }

    @Test
    void everyAssociationIsMidStream() {
        assertThat(inventory.get("statistics").get("dicom").get("midStreamAssociations").asLong()).isEqualTo(6);
    }

    @Test
    void inferredEncodingsGiveStations() {
        JsonNode scu = inventory.get("assets").get(0).get("applicationEntities").get(0);
        List<String> stations = new ArrayList<>();
        scu.get("equipment").forEach(equipment -> stations.add(equipment.get("stationName").asText()));
        assertThat(scu.get("role").asText()).isEqualTo("SCU");
        assertThat(stations).containsExactly("DWID-BIG", "DWID-EXPLICIT", "DWID-IMPLICIT", "DWID-JPEG", "DWID-RLE");
    }

    @Test
    void deflatedDataSetIsMalformedNotGuessed() {
        assertThat(inventory.get("statistics").get("dicom").get("dataSetsMalformed").asLong()).isEqualTo(1);
    }

    @Test
    void storedObjectsAreStillCounted() {
        JsonNode scp = inventory.get("assets").get(0).get("applicationEntities").get(1);
        assertThat(scp.get("utilisation").get("hourly").get(0).get("objectsStored").asLong()).isEqualTo(6);
    }
}
