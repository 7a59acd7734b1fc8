package io.dicomwatch.findings;

import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRj;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.ascii;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.userIdentityRq;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static io.dicomwatch.dicom.PduBuilder.maximumLength;
import static io.dicomwatch.dicom.PduBuilder.implementationClassUid;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.dicom.DicomConnectionTracker;
import io.dicomwatch.dicom.DicomStats;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.FakeConnection;
import io.dicomwatch.dicom.KnownScpEndpoints;
import io.dicomwatch.dicom.PduBuilder;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule on synthetic associations fed through a real tracker, without packets. */
class FindingsEngineTest {
    private static final String SCANNER = "203.0.113.50";
    private static final String PACS = "192.0.2.20";
    private static final FindingsConfig CONFIG = FindingsConfig.DEFAULTS.withPolicy(new NetworkPolicy(
            NetworkPolicy.parseAll(List.of("192.0.2.0/24")), NetworkPolicy.parseAll(List.of("198.51.100.64/26")),
            List.of(AllowList.parse("192.0.2.20:104 = 192.0.2.0/24"))));

    private final Inventory inventory = new Inventory(InventoryLimits.DEFAULTS);
    private final FindingsEngine engine = new FindingsEngine(CONFIG, inventory, null, KnownScpEndpoints.NONE);
    private int clientPort = 40000;
    private long clock;

    private static byte[] request(String called, String calling, String abstractSyntax, byte[]... userItems) {
        byte[][] subItems = new byte[userItems.length + 2][];
        subItems[0] = maximumLength(16384);
        subItems[1] = implementationClassUid("1.2.3");
        System.arraycopy(userItems, 0, subItems, 2, userItems.length);
        return associateRq(called, calling, applicationContext(),
                presentationContextRq(1, abstractSyntax, PduBuilder.IMPLICIT_VR_LE), userInformation(subItems));
    }

    private static byte[] accept(String called, String calling) {
        return associateAc(called, calling, applicationContext(),
                presentationContextAc(1, 0, PduBuilder.IMPLICIT_VR_LE), userInformation(maximumLength(16384)));
    }

    /** Runs one association from client to server: the request, then the answer if given, then a close. */
    private void associate(String client, String server, int port, byte[] request, byte[] answer) {
        FakeConnection connection = new FakeConnection(client, clientPort++, server, port, true);
        DicomConnectionTracker tracker = new DicomConnectionTracker(connection, engine, KnownScpEndpoints.NONE,
                DicomTrackingConfig.DEFAULTS, new DicomStats());
        tracker.onData(Direction.CLIENT_TO_SERVER, request, 0, request.length, clock + 1_000);
        if (answer != null) {
            tracker.onData(Direction.SERVER_TO_CLIENT, answer, 0, answer.length, clock + 2_000);
        }
        tracker.onClose(CloseReason.FIN, clock + 3_000);
        clock += 10_000;
    }

    private FindingRecord finding(String ruleId) {
        engine.finish(clock);
        return inventory.findings().sorted().stream().filter(record -> record.ruleId().equals(ruleId)).findFirst()
                .orElseThrow();
    }

    private Set<String> rules() {
        engine.finish(4_000);
        return Set.copyOf(inventory.findings().sorted().stream().map(FindingRecord::ruleId).toList());
    }

    @Test
    void inboundAcceptedIsHigh() {
        associate(SCANNER, PACS, 104, request("PACS", "REMOTE", PduBuilder.CT_IMAGE_STORAGE), accept("PACS", "REMOTE"));
        assertThat(rules()).contains("exposure.inbound-from-outside", "boundary.cleartext-dicom",
                "boundary.peer-outside-vpn", "policy.peer-not-allowed");
        FindingRecord inbound = inventory.findings().sorted().stream()
                .filter(f -> f.ruleId().equals("exposure.inbound-from-outside")).findFirst().orElseThrow();
        assertThat(inbound.severity().key()).isEqualTo("high");
    }

    @Test
    void vpnPeerIsNotExposure() {
        associate("198.51.100.77", PACS, 11112, request("PACS", "HOME", PduBuilder.CT_IMAGE_STORAGE),
                accept("PACS", "HOME"));
        assertThat(rules()).isEmpty();
    }

    @Test
    void outboundToOutside() {
        associate(PACS, "198.51.100.7", 104, request("TELERAD", "PACS", PduBuilder.CT_IMAGE_STORAGE), null);
        assertThat(rules()).contains("exposure.outbound-to-outside", "boundary.peer-outside-vpn");
    }

    @Test
    void userIdentityWithoutSecret() {
        associate("192.0.2.30", PACS, 11112, request("PACS", "WS", PduBuilder.CT_IMAGE_STORAGE,
                userIdentityRq(2, false, ascii("alice"), ascii("secret"))), null);
        assertThat(rules()).containsExactly("credentials.cleartext-user-identity");
        FindingRecord record = inventory.findings().sorted().get(0);
        assertThat(record.counters()).containsEntry("withPasscode", 1L);
        assertThat(record.toString()).doesNotContain("secret");
    }

    @Test
    void scannerShapeAndProbe() {
        associate("192.0.2.99", PACS, 11112, request("ANY-SCP", "ECHOSCU", PduBuilder.VERIFICATION), null);
        assertThat(rules()).containsExactlyInAnyOrder("scan.scanner-request-shape", "scan.verification-probe");
    }

    @Test
    void namedEchoFromUnknownHostIsOnlyProbe() {
        associate("192.0.2.99", PACS, 11112, request("PACS", "MODALITY1", PduBuilder.VERIFICATION), null);
        assertThat(rules()).containsExactly("scan.verification-probe");
    }

    @Test
    void guessingNeedsFiveTitles() {
        for (int i = 0; i < 4; i++) {
            associate("192.0.2.99", PACS, 11112, request("TRY" + i, "X", PduBuilder.CT_IMAGE_STORAGE),
                    associateRj(1, 1, 7));
        }
        assertThat(rules()).doesNotContain("scan.ae-title-guessing");
        associate("192.0.2.99", PACS, 11112, request("TRY5", "X", PduBuilder.CT_IMAGE_STORAGE),
                associateRj(1, 1, 7));
        assertThat(rules()).contains("scan.ae-title-guessing");
    }

    @Test
    void guessingEvidenceStartsAtFirstRejection() {
        for (int i = 0; i < 5; i++) {
            associate("192.0.2.99", PACS, 11112, request("TRY" + i, "X", PduBuilder.CT_IMAGE_STORAGE),
                    associateRj(1, 1, 7));
        }
        FindingRecord guessing = finding("scan.ae-title-guessing");
        assertThat(guessing.count()).isEqualTo(5);
        assertThat(guessing.firstSeen()).isEqualTo(2_000);
        assertThat(guessing.aeTitles()).containsExactly("TRY0", "TRY1", "TRY2", "TRY3", "TRY4");
        assertThat(guessing.counters()).containsEntry("calledTitleRejections", 5L);
        assertThat(guessing.counters()).containsEntry("distinctTitlesRejected", 5L);
    }

    @Test
    void scpAcceptingScannerTitle() {
        associate("192.0.2.99", PACS, 11112, request("ANY-SCP", "ECHOSCU", PduBuilder.VERIFICATION),
                accept("ANY-SCP", "ECHOSCU"));
        assertThat(rules()).contains("scp.accepts-any-calling-ae");
    }

    @Test
    void twoPortsOnOneHost() {
        associate("192.0.2.30", PACS, 104, request("PACS", "WS", PduBuilder.CT_IMAGE_STORAGE), accept("PACS", "WS"));
        assertThat(rules()).doesNotContain("service.multiple-dicom-ports");
        associate("192.0.2.30", PACS, 11112, request("PACS", "WS", PduBuilder.CT_IMAGE_STORAGE),
                accept("PACS", "WS"));
        assertThat(rules()).contains("service.multiple-dicom-ports");
    }

    @Test
    void twoPortsEvidenceCountsFirstPort() {
        associate("192.0.2.30", PACS, 104, request("PACS", "WS", PduBuilder.CT_IMAGE_STORAGE), accept("PACS", "WS"));
        associate("192.0.2.30", PACS, 11112, request("PACS", "WS", PduBuilder.CT_IMAGE_STORAGE),
                accept("PACS", "WS"));
        FindingRecord ports = finding("service.multiple-dicom-ports");
        assertThat(ports.count()).isEqualTo(2);
        assertThat(ports.counters()).containsEntry("associationsOnPort104", 1L);
        assertThat(ports.counters()).containsEntry("associationsOnPort11112", 1L);
        assertThat(ports.firstSeen()).isEqualTo(2_000);
    }

    @Test
    void sweepEvidenceStartsAtFirstHost() {
        for (int host = 1; host <= 10; host++) {
            FakeConnection connection = new FakeConnection("192.0.2.99", 50000 + host, "192.0.2." + host, 104,
                    true);
            engine.onNonDicomConnectionClosed(connection, host * 1_000L);
        }
        FindingRecord sweep = finding("scan.dicom-port-sweep");
        assertThat(sweep.count()).isEqualTo(10);
        assertThat(sweep.peers()).hasSize(10);
        assertThat(sweep.firstSeen()).isEqualTo(1_000);
        assertThat(sweep.counters()).containsEntry("answeredAttempts", 10L);
        assertThat(sweep.counters()).containsEntry("distinctHosts", 10L);
    }

    @Test
    void sweepOfBareConnections() {
        for (int host = 1; host <= 10; host++) {
            FakeConnection connection = new FakeConnection("192.0.2.99", 50000 + host, "192.0.2." + host, 104,
                    true);
            engine.onNonDicomConnectionClosed(connection, 1_000);
        }
        assertThat(rules()).contains("scan.dicom-port-sweep");
    }

    @Test
    void bareConnectionsToOtherPortsAreQuiet() {
        for (int host = 1; host <= 10; host++) {
            engine.onNonDicomConnectionClosed(new FakeConnection("192.0.2.99", 50000 + host, "192.0.2." + host, 443,
                    true), 1_000);
        }
        assertThat(rules()).isEmpty();
    }

    /** Sends a study-level C-FIND whose keys are all empty from {@code client} to {@code server} on {@code port}. */
    private void broadFind(String client, String server, int port) {
        String studyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";
        byte[] find = PduBuilder.commandSet().uid(0x0002, studyRootFind).us(0x0100, 0x0020).us(0x0110, 1)
                .us(0x0700, 0x0000).us(0x0800, 0x0000).bytes();
        // Query/Retrieve Level (0008,0052) "STUDY " and an empty Patient's Name (0010,0010), implicit VR.
        byte[] identifier = PduBuilder.concat(PduBuilder.le16(0x0008), PduBuilder.le16(0x0052), PduBuilder.le32(6),
                ascii("STUDY "), PduBuilder.le16(0x0010), PduBuilder.le16(0x0010), PduBuilder.le32(0));
        FakeConnection connection = new FakeConnection(client, clientPort++, server, port, true);
        DicomConnectionTracker tracker = new DicomConnectionTracker(connection, engine, KnownScpEndpoints.NONE,
                DicomTrackingConfig.DEFAULTS, new DicomStats());
        byte[][] pdus = {request("PACS", "WS", studyRootFind), accept("PACS", "WS"),
            PduBuilder.pDataTf(PduBuilder.commandPdv(1, true, find), PduBuilder.dataPdv(1, true, identifier))};
        for (int i = 0; i < pdus.length; i++) {
            Direction direction = i % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            clock += 1_000;
            tracker.onData(direction, pdus[i], 0, pdus[i].length, clock);
        }
        tracker.onClose(CloseReason.FIN, clock + 1_000);
        clock += 10_000;
    }

    @Test
    void broadQueryIsAboutRequestor() {
        broadFind("192.0.2.30", PACS, 104);
        broadFind("192.0.2.30", "192.0.2.21", 104);
        FindingRecord broad = finding("query.broad-c-find");
        assertThat(broad.asset()).hasToString("192.0.2.30");
        assertThat(broad.port()).isNull();
        assertThat(broad.peers()).containsExactlyInAnyOrder("192.0.2.20:104", "192.0.2.21:104");
        assertThat(broad.count()).isEqualTo(2);
    }

    @Test
    void broadQueryShape() {
        assertThat(QueryRules.isBroad(List.of(new io.dicomwatch.dicom.QueryShape(0x00080052, 6, false, false),
                new io.dicomwatch.dicom.QueryShape(0x00100010, 0, true, false)))).isTrue();
        assertThat(QueryRules.isBroad(List.of(new io.dicomwatch.dicom.QueryShape(0x00100020, 6, false, false))))
                .isFalse();
        assertThat(QueryRules.isBroad(List.of())).isFalse();
    }
}
