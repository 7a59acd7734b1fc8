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
 * worklist client and server), made by samples-pcap/generate-peers.sh, and dcmjs.pcap (the Node.js
 * stack dcmjs-dimse against dcmtk and itself), made by samples-pcap/generate-dcmjs.sh, and ctn.pcap,
 * odil.pcap and orthanc.pcap (CTN, Odil and Orthanc against dcmtk and themselves), made by
 * samples-pcap/generate-ctn.sh, generate-odil.sh and generate-orthanc.sh.
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

    private static JsonNode association(JsonNode inventory, String callingAeTitle) {
        for (JsonNode association : inventory.get("associations")) {
            if (callingAeTitle.equals(association.get("callingAeTitle").asText())) {
                return association;
            }
        }
        throw new AssertionError("no association from " + callingAeTitle);
    }

    private static boolean hasEntity(JsonNode inventory, String title) {
        for (JsonNode asset : inventory.get("assets")) {
            for (JsonNode entity : asset.get("applicationEntities")) {
                if (title.equals(entity.get("aeTitle").asText())) {
                    return true;
                }
            }
        }
        return false;
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

    @Test
    void dcmjsAbortKeepsLateResponse() throws IOException {
        JsonNode inventory = replay("dcmjs.pcap");
        JsonNode aborted = association(inventory, "JSABORT");
        assertThat(aborted.get("operations").get("C-STORE-RSP").asInt()).isEqualTo(1);
        assertThat(aborted.get("aborted").asInt()).isEqualTo(1);
        assertThat(aborted.get("abortReasons").get("service-user").asInt()).isEqualTo(1);
        for (JsonNode association : inventory.get("associations")) {
            assertThat(association.get("midStream").asBoolean()).as("mid-stream row").isFalse();
        }
        assertThat(inventory.get("statistics").get("dicom").get("midStreamAssociations").asInt()).isZero();
    }

    @Test
    void dcmjsScpServicesAreCounted() throws IOException {
        JsonNode inventory = replay("dcmjs.pcap");
        JsonNode scp = entity(inventory, "DCMJSSCP");
        List<String> services = new ArrayList<>();
        scp.get("services").forEach(service -> services.add(service.get("service").asText() + " "
                + service.get("role").asText() + " " + service.get("requests").asInt()));
        assertThat(services).containsExactly("mpps SCP 2", "storage-commitment SCP 2");
        JsonNode implementation = scp.get("implementations").get(0);
        assertThat(implementation.get("implementationClassUid").asText()).isEqualTo("1.2.826.0.1.3680043.10.854");
        assertThat(implementation.get("product").asText()).isEqualTo("dcmjs-dimse");
    }

    @Test
    void cancelIsNoQueryRequest() throws IOException {
        JsonNode inventory = replay("dcmjs.pcap");
        for (String title : List.of("JSCANCEL", "PACS")) {
            JsonNode service = entity(inventory, title).get("services").get(0);
            assertThat(service.get("service").asText()).as(title).isEqualTo("query-find");
            assertThat(service.get("requests").asInt()).as(title).isEqualTo(1);
        }
        assertThat(association(inventory, "JSCANCEL").get("operations").get("C-CANCEL-RQ").asInt()).isEqualTo(1);
    }

    @Test
    void callingTitleRejectionIsNamed() throws IOException {
        JsonNode rejected = association(replay("dcmjs.pcap"), "ECHOSCU");
        assertThat(rejected.get("rejectReasons").get("calling-AE-title-not-recognized").asInt()).isEqualTo(1);
    }

    @Test
    void dcmjsSampleLeavesNoPatientValue() throws IOException {
        replay("dcmjs.pcap");
        assertThat(writtenText()).doesNotContain("DWSENT").doesNotContain("DWTEST^");
    }

    @Test
    void ctnImplementationIsFingerprinted() throws IOException {
        JsonNode implementation = entity(replay("ctn.pcap"), "CTNSTORE").get("implementations").get(0);
        assertThat(implementation.get("implementationClassUid").asText()).isEqualTo("1.2.840.113654.2.3.1995.3.0.6");
        assertThat(implementation.get("product").asText()).isEqualTo("CTN");
        assertThat(implementation.get("version").asText()).isEqualTo("11MAR2003");
    }

    @Test
    void ctnAcceptorCloseIsNoRelease() throws IOException {
        JsonNode dropped = null;
        for (JsonNode association : replay("ctn.pcap").get("associations")) {
            if ("CTNABORT".equals(association.get("calledAeTitle").asText())) {
                dropped = association;
            }
        }
        assertThat(dropped).isNotNull();
        assertThat(dropped.get("released").asInt()).isZero();
        assertThat(dropped.get("aborted").asInt()).isZero();
        assertThat(dropped.get("closedWithoutRelease").asInt()).isEqualTo(1);
    }

    @Test
    void ctnWorklistQueryWithoutDataSetIsAborted() throws IOException {
        JsonNode worklist = association(replay("ctn.pcap"), "CTNMWL");
        assertThat(worklist.get("requested").asInt()).isEqualTo(2);
        assertThat(worklist.get("released").asInt()).isEqualTo(1);
        assertThat(worklist.get("abortReasons").get("service-user").asInt()).isEqualTo(1);
        assertThat(worklist.get("statuses").get("pending").asInt()).isEqualTo(2);
    }

    @Test
    void ctnRejectedTitleIsNoEntity() throws IOException {
        JsonNode inventory = replay("ctn.pcap");
        assertThat(hasEntity(inventory, "WRONGAE")).isFalse();
        assertThat(writtenText()).doesNotContain("DWTEST^").doesNotContain("DW0001").doesNotContain("DWACC");
    }

    @Test
    void odilImplementationIsFingerprinted() throws IOException {
        JsonNode inventory = replay("odil.pcap");
        for (String title : List.of("ODILSTORE", "ODILSCP")) {
            JsonNode implementation = entity(inventory, title).get("implementations").get(0);
            assertThat(implementation.get("implementationClassUid").asText()).isEqualTo("1.2.826.0.1.3680043.9.55600.0");
            assertThat(implementation.get("product").asText()).isEqualTo("Odil");
            assertThat(implementation.get("version").asText()).isEqualTo("0");
        }
    }

    @Test
    void odilGetTakesStorageScpRole() throws IOException {
        List<String> services = new ArrayList<>();
        for (JsonNode service : entity(replay("odil.pcap"), "ODILGET").get("services")) {
            services.add(service.get("service").asText() + " " + service.get("role").asText());
        }
        assertThat(services).containsExactlyInAnyOrder("query-get SCU", "storage-image SCP");
    }

    @Test
    void odilUserIdentityKeepsTypeOnly() throws IOException {
        JsonNode identity = association(replay("odil.pcap"), "ODILABORT").get("userIdentities").get(0);
        assertThat(identity.get("type").asText()).isEqualTo("USERNAME_AND_PASSCODE");
        assertThat(identity.get("username").isNull()).isTrue();
        assertThat(writtenText()).doesNotContain("dwodil").doesNotContain("DWTEST^");
    }

    @Test
    void orthancShowsAsItsDcmtk() throws IOException {
        JsonNode implementation = entity(replay("orthanc.pcap"), "ORTHANC").get("implementations").get(0);
        assertThat(implementation.get("product").asText()).isEqualTo("DCMTK");
        assertThat(implementation.get("version").asText()).isEqualTo("3.6.7");
    }

    @Test
    void orthancStorageCommitmentToItself() throws IOException {
        JsonNode inventory = replay("orthanc.pcap");
        JsonNode commitment = null;
        for (JsonNode association : inventory.get("associations")) {
            if ("ORTHANC".equals(association.get("calledAeTitle").asText())
                    && "ORTHANC".equals(association.get("callingAeTitle").asText())) {
                commitment = association;
            }
        }
        assertThat(commitment).isNotNull();
        assertThat(commitment.get("requested").asInt()).isEqualTo(2);
        assertThat(commitment.get("operations").get("N-ACTION-RQ").asInt()).isEqualTo(1);
        assertThat(commitment.get("operations").get("N-EVENT-REPORT-RQ").asInt()).isEqualTo(1);
        assertThat(hasEntity(inventory, "WRONGAE")).isFalse();
        assertThat(writtenText()).doesNotContain("DWTEST^");
    }
}
