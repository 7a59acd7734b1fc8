package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every capture in samples-pcap/ with the packaged jar and compares the association rows
 * with samples-pcap/expected-associations.tsv, whose facts were read from the captures with
 * tshark, not with dicomwatch.
 */
class SampleCapturesIT {
    private static final Path SAMPLES = Path.of("samples-pcap").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The outer MACs of the wrapped tunnel samples: the mirroring switch's and the sensor's. */
    private static final List<String> OUTER_MACS = List.of("02:00:00:00:fe:01", "02:00:00:00:fe:02");

    @TempDir
    Path directory;

    /** One expected association row, as text in the export's own terms. */
    record Row(String file, String key, String counts, String operations) {
    }

    static List<Row> expectedRows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLES.resolve("expected-associations.tsv"))) {
            if (line.startsWith("#") || line.startsWith("file\t") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String key = String.join(" ", fields[1], fields[2], fields[3], fields[4], fields[5]);
            String counts = String.join(" ", fields[6], fields[7], fields[8], fields[9], fields[10]);
            rows.add(new Row(fields[0], key, counts, fields[11]));
        }
        return rows;
    }

    static Stream<String> sampleFiles() throws IOException {
        return expectedRows().stream().map(Row::file).distinct();
    }

    private JsonNode replay(String file, Path output) throws IOException, InterruptedException {
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", "-o", output.toString(),
                SAMPLES.resolve(file).toString());
        assertThat(result.exitCode()).as("exit code, stderr: %s", result.stderr()).isZero();
        return JSON.readTree(output.toFile());
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void replayFindsExpectedAssociations(String file) throws Exception {
        JsonNode inventory = replay(file, directory.resolve("inventory.json"));

        Map<String, String> expected = new TreeMap<>();
        for (Row row : expectedRows()) {
            if (row.file().equals(file)) {
                expected.put(row.key(), row.counts() + " | " + row.operations());
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode association : inventory.get("associations")) {
            String key = String.join(" ", association.get("clientIp").asText(),
                    association.get("callingAeTitle").asText(), association.get("serverIp").asText(),
                    association.get("serverPort").asText(), association.get("calledAeTitle").asText());
            String counts = String.join(" ", association.get("requested").asText(),
                    association.get("accepted").asText(), association.get("rejected").asText(),
                    association.get("released").asText(), association.get("aborted").asText());
            List<String> operations = new ArrayList<>();
            association.get("operations").fields()
                    .forEachRemaining(entry -> operations.add(entry.getKey() + "=" + entry.getValue().asText()));
            actual.put(key, counts + " | " + String.join(",", operations));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** Every capture in samples-pcap/, each with its expected inventory in samples-pcap/expected/. */
    static Stream<String> allCaptures() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".pcap") || name.endsWith(".pcapng"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void replayMatchesExpectedInventory(String file) throws Exception {
        JsonNode actual = replay(file, directory.resolve("inventory.json"));
        JsonNode expected = JSON.readTree(SAMPLES.resolve("expected").resolve(file + ".json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) actual.get("generator")).remove("version");
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("generator")).remove("version");
        assertThat(actual.toPrettyString())
                .as("inventory of %s; after a reviewed export change run samples-pcap/update-expected.sh", file)
                .isEqualTo(expected.toPrettyString());
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void replayOfRealPeersHasNoAnomalies(String file) throws Exception {
        JsonNode statistics = replay(file, directory.resolve("inventory.json")).get("statistics");
        List<String> nonZero = new ArrayList<>();
        statistics.get("dicomAnomalies").fields().forEachRemaining(entry -> {
            if (entry.getValue().asLong() != 0) {
                nonZero.add(entry.getKey());
            }
        });
        assertThat(nonZero).as("DICOM anomalies").isEmpty();
        assertThat(statistics.get("dicom").get("gaps").asLong()).as("reassembly gaps").isZero();
        assertThat(statistics.get("dicom").get("midStreamAssociations").asLong()).isZero();
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void replayIsByteIdentical(String file) throws Exception {
        Path first = directory.resolve("first.json");
        Path second = directory.resolve("second.json");
        replay(file, first);
        replay(file, second);
        assertThat(Files.readString(second, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(first, StandardCharsets.UTF_8));
    }

    @Test
    void storeSampleDescribesBothEntities() throws Exception {
        JsonNode inventory = replay("store.pcap", directory.resolve("inventory.json"));
        JsonNode assets = inventory.get("assets");
        assertThat(assets).hasSize(1);
        List<String> entities = new ArrayList<>();
        for (JsonNode entity : assets.get(0).get("applicationEntities")) {
            entities.add(entity.get("role").asText() + " " + entity.get("aeTitle").asText() + " "
                    + entity.get("port").asText());
            JsonNode implementation = entity.get("implementations").get(0);
            assertThat(implementation.get("implementationClassUid").asText()).isEqualTo("1.2.276.0.7230010.3.0.3.6.7");
            assertThat(implementation.get("implementationVersionName").asText()).isEqualTo("OFFIS_DCMTK_367");
        }
        assertThat(entities).containsExactly("SCU MODALITY null", "SCP STORESCP 11113");
        JsonNode scp = assets.get(0).get("applicationEntities").get(1);
        TreeSet<String> transferSyntaxes = new TreeSet<>();
        scp.get("transferSyntaxes").forEach(syntax -> transferSyntaxes.add(syntax.get("name").asText()));
        assertThat(transferSyntaxes).contains("Deflated Explicit VR Little Endian", "Explicit VR Big Endian");
    }

    @Test
    void multihostSampleHasMacAddressesPerAsset() throws Exception {
        JsonNode inventory = replay("multihost.pcap", directory.resolve("inventory.json"));
        List<String> addresses = new ArrayList<>();
        for (JsonNode asset : inventory.get("assets")) {
            addresses.add(asset.get("ip").asText());
            assertThat(asset.get("macAddresses")).as("MACs of %s", asset.get("ip")).hasSize(1);
            assertThat(asset.get("routerMacAddresses")).isEmpty();
        }
        assertThat(addresses).containsExactly("192.0.2.10", "192.0.2.20", "192.0.2.30", "2001:db8::10",
                "2001:db8::20");
    }

    @ParameterizedTest
    @CsvSource({
        "vxlan.pcap, tunnelVxlan", "gre.pcap, tunnelGre", "gretap.pcap, tunnelGre", "erspan2.pcap, tunnelErspan",
        "erspan3.pcap, tunnelErspan", "geneve.pcap, tunnelGeneve", "ipip.pcap, tunnelIpInIp",
        "sit.pcap, tunnelIpInIp", "mpls.pcap, tunnelMpls"})
    void tunnelSampleOpensEveryFrame(String file, String counter) throws Exception {
        JsonNode packets = replay(file, directory.resolve("inventory.json")).get("statistics").get("packets");
        long frames = packets.get("frames").asLong();

        assertThat(frames).isPositive();
        assertThat(packets.get("tunnelled").asLong()).isEqualTo(frames);
        assertThat(packets.get(counter).asLong()).as(counter).isEqualTo(frames);
        assertThat(packets.get("tunnelMalformed").asLong()).isZero();
        assertThat(packets.get("malformed").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"erspan2.pcap", "erspan3.pcap"})
    void erspanSampleRecordsInnerMacAndVlan(String file) throws Exception {
        JsonNode inventory = replay(file, directory.resolve("inventory.json"));

        assertThat(inventory.get("assets")).hasSize(2);
        for (JsonNode asset : inventory.get("assets")) {
            assertThat(asset.get("vlanIds").toString()).as("VLANs of %s", asset.get("ip")).isEqualTo("[100]");
            assertThat(asset.get("macAddresses")).as("MACs of %s", asset.get("ip")).hasSize(1);
            assertThat(OUTER_MACS).doesNotContain(asset.get("macAddresses").get(0).asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gre.pcap", "ipip.pcap", "sit.pcap", "mpls.pcap"})
    void ipTunnelSampleRecordsNoMac(String file) throws Exception {
        JsonNode inventory = replay(file, directory.resolve("inventory.json"));

        assertThat(inventory.get("assets")).hasSize(2);
        for (JsonNode asset : inventory.get("assets")) {
            assertThat(asset.get("macAddresses")).as("MACs of %s", asset.get("ip")).isEmpty();
            assertThat(asset.get("vlanIds")).as("VLANs of %s", asset.get("ip")).isEmpty();
        }
    }

    @Test
    void fragmentedSampleMatchesOriginal() throws Exception {
        JsonNode original = replay("fragments-original.pcap", directory.resolve("original.json"));
        JsonNode fragmented = replay("fragments.pcap", directory.resolve("fragmented.json"));

        for (String field : List.of("capture", "assets", "associations", "findings", "overflow")) {
            assertThat(fragmented.get(field)).as(field).isEqualTo(original.get(field));
        }
        JsonNode statistics = fragmented.get("statistics");
        assertThat(statistics.get("reassembly")).isEqualTo(original.get("statistics").get("reassembly"));
        assertThat(statistics.get("dicom")).isEqualTo(original.get("statistics").get("dicom"));
        JsonNode packets = statistics.get("packets");
        long originalSegments = original.get("statistics").get("packets").get("tcpSegments").asLong();
        assertThat(packets.get("tcpSegments").asLong() + packets.get("ipReassembledTcpSegments").asLong())
                .isEqualTo(originalSegments);
        assertThat(packets.get("ipDatagramsReassembled").asLong()).isPositive();
        assertThat(packets.get("ipTinyFirstFragments").asLong()).isPositive();
        assertThat(packets.get("ipFragmentConflicts").asLong()).isZero();
        assertThat(packets.get("ipFragmentsDropped").asLong()).isZero();
    }

    @Test
    void vlanSampleRecordsVlanId() throws Exception {
        JsonNode inventory = replay("vlan.pcap", directory.resolve("inventory.json"));
        for (JsonNode asset : inventory.get("assets")) {
            assertThat(asset.get("vlanIds").toString()).as("VLANs of %s", asset.get("ip")).isEqualTo("[100]");
        }
    }
}
