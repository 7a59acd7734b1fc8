package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays samples-pcap/identity.pcap, dcmtk 3.6.7 storing one CT per transfer syntax (see
 * samples-pcap/identity.sh), and checks what the inventory records and what it must never contain.
 */
class IdentitySampleTest {
    private static final Path SAMPLE = Path.of("samples-pcap", "identity.pcap");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prefix of every sentinel patient, study and operator value in the sample's objects. */
    private static final String SENTINEL = "DWSENT";
    /** Suffix of the sample's Study Instance UIDs, which must only be hashed. */
    private static final String STUDY_UID_SUFFIX = "8675309";

    @TempDir
    Path directory;

    private JsonNode replay(Path output, String... extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("replay", "-q", "-o", output.toString()));
        arguments.addAll(List.of(extra));
        arguments.add(SAMPLE.toString());
        assertThat(Main.run(arguments.toArray(String[]::new))).isZero();
        return JSON.readTree(output.toFile());
    }

    private static JsonNode entity(JsonNode inventory, String title) {
        for (JsonNode entity : inventory.get("assets").get(0).get("applicationEntities")) {
            if (title.equals(entity.get("aeTitle").asText())) {
                return entity;
            }
        }
        throw new AssertionError("no entity " + title);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMPLICIT", "EXPLICIT", "BIG", "DEFLATED", "RLE", "JPEG"})
    void equipmentReadInEachTransferSyntax(String name) throws IOException {
        JsonNode entity = entity(replay(directory.resolve("inventory.json")), "DWID_" + name);
        JsonNode equipment = entity.get("equipment");
        assertThat(equipment).hasSize(1);
        assertThat(equipment.get(0).get("stationName").asText()).isEqualTo("DWID-" + name);
        assertThat(equipment.get(0).get("manufacturerModelName").asText()).isEqualTo("DWID MODEL " + name);
        assertThat(equipment.get(0).get("manufacturer").asText()).isEqualTo("DWID TEST");
        assertThat(equipment.get(0).get("modality").asText()).isEqualTo("CT");
        assertThat(equipment.get(0).get("softwareVersions").asText()).isEqualTo("dwid 1.0\\dwid-recon 2");
        assertThat(equipment.get(0).get("institutionName").asText()).isEqualTo("DWID HOSPITAL");
        assertThat(equipment.get(0).get("institutionalDepartmentName").asText()).isEqualTo("DWID RADIOLOGY");
        assertThat(equipment.get(0).get("deviceSerialNumber").asText()).startsWith("DWIDSN-");
        assertThat(equipment.get(0).get("objects").asLong()).isEqualTo(1);
    }

    @Test
    void identityComesFromDataSetAndFingerprint() throws IOException {
        JsonNode identity = entity(replay(directory.resolve("inventory.json")), "DWID_RLE").get("identity");
        assertThat(identity.get("equipmentConsistent").asBoolean()).isTrue();
        assertThat(identity.get("stationName").get("value").asText()).isEqualTo("DWID-RLE");
        assertThat(identity.get("stationName").get("source").asText()).isEqualTo("dataSet");
        assertThat(identity.get("software").get("product").asText()).isEqualTo("DCMTK");
        assertThat(identity.get("software").get("version").asText()).isEqualTo("3.6.7");
        assertThat(identity.get("software").get("source").asText()).isEqualTo("fingerprint");
    }

    @Test
    void implementationHasFingerprint() throws IOException {
        JsonNode implementation = entity(replay(directory.resolve("inventory.json")), "DWIDSTORE")
                .get("implementations").get(0);
        assertThat(implementation.get("product").asText()).isEqualTo("DCMTK");
        assertThat(implementation.get("vendor").asText()).isEqualTo("OFFIS");
        assertThat(implementation.get("version").asText()).isEqualTo("3.6.7");
    }

    @Test
    void scpCountsObjectsAndStudies() throws IOException {
        JsonNode hour = entity(replay(directory.resolve("inventory.json")), "DWIDSTORE")
                .get("utilisation").get("hourly").get(0);
        assertThat(hour.get("associations").asLong()).isEqualTo(6);
        assertThat(hour.get("objectsStored").asLong()).isEqualTo(6);
        assertThat(hour.get("studies").asLong()).isEqualTo(2);
        assertThat(hour.get("bytes").asLong()).isPositive();
    }

    @Test
    void scpBytesIncludeAssociationSetup() throws IOException {
        JsonNode inventory = replay(directory.resolve("inventory.json"));
        long associationBytes = 0;
        for (JsonNode association : inventory.get("associations")) {
            if ("DWIDSTORE".equals(association.get("calledAeTitle").asText())) {
                associationBytes += association.get("bytesClientToServer").asLong()
                        + association.get("bytesServerToClient").asLong();
            }
        }
        JsonNode hour = entity(inventory, "DWIDSTORE").get("utilisation").get("hourly").get(0);
        assertThat(hour.get("bytes").asLong()).isEqualTo(associationBytes);
    }

    @Test
    void scpHasStorageService() throws IOException {
        JsonNode service = entity(replay(directory.resolve("inventory.json")), "DWIDSTORE").get("services").get(0);
        assertThat(service.get("service").asText()).isEqualTo("storage-image");
        assertThat(service.get("role").asText()).isEqualTo("SCP");
        assertThat(service.get("associations").asLong()).isEqualTo(6);
        assertThat(service.get("requests").asLong()).isEqualTo(6);
    }

    @Test
    void noSentinelInAnyWrittenFile() throws IOException {
        replay(directory.resolve("inventory.json"));
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.toList();
        }
        assertThat(files).hasSize(3);
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(SENTINEL);
            assertThat(content).as(file.toString()).doesNotContain(STUDY_UID_SUFFIX);
        }
    }

    @Test
    void stateFilesAreOwnerOnly() throws IOException {
        replay(directory.resolve("inventory.json"));
        for (String name : List.of(StateDirectory.KEY_FILE, StateDirectory.SKETCH_FILE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void replayWithSameStateIsByteIdentical() throws IOException {
        Path first = directory.resolve("first.json");
        Path second = directory.resolve("second.json");
        replay(first);
        replay(second);
        assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    }

    @Test
    void mergeDoesNotCountStudiesTwice() throws IOException {
        Path output = directory.resolve("inventory.json");
        replay(output);
        JsonNode merged = replay(output, "--merge");
        JsonNode hour = entity(merged, "DWIDSTORE").get("utilisation").get("hourly").get(0);
        assertThat(hour.get("associations").asLong()).isEqualTo(12);
        assertThat(hour.get("studies").asLong()).isEqualTo(2);
    }

    @Test
    void mergeKeepsEquipmentCounts() throws IOException {
        Path output = directory.resolve("inventory.json");
        replay(output);
        JsonNode merged = replay(output, "--merge");
        assertThat(entity(merged, "DWID_JPEG").get("equipment").get(0).get("objects").asLong()).isEqualTo(2);
    }

    @Test
    void separateStateDirectoryHoldsKey() throws IOException {
        Path state = directory.resolve("state");
        replay(directory.resolve("inventory.json"), "--state-directory", state.toString());
        assertThat(state.resolve(StateDirectory.KEY_FILE)).exists();
        assertThat(directory.resolve(StateDirectory.KEY_FILE)).doesNotExist();
    }

    @Test
    void readThenWriteGivesSameFile() throws IOException {
        Path output = directory.resolve("inventory.json");
        replay(output);
        Inventory loaded = new InventoryJsonReader(InventoryLimits.DEFAULTS).read(output);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        new InventoryJsonWriter(JSON.readTree(output.toFile()).get("generator").get("version").asText())
                .write(loaded, rewritten);
        assertThat(rewritten.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(output));
    }
}
