package io.dicomwatch.findings;

import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.ascii;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRj;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.dataPdv;
import static io.dicomwatch.dicom.PduBuilder.echoRq;
import static io.dicomwatch.dicom.PduBuilder.le16;
import static io.dicomwatch.dicom.PduBuilder.le32;
import static io.dicomwatch.dicom.PduBuilder.maximumLength;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.storeRq;
import static io.dicomwatch.dicom.PduBuilder.storeRsp;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.dicom.AssociationListener;
import io.dicomwatch.dicom.CompositeAssociationListener;
import io.dicomwatch.dicom.DicomConnectionTracker;
import io.dicomwatch.dicom.DicomStats;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.FakeConnection;
import io.dicomwatch.dicom.PduBuilder;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryBuilder;
import io.dicomwatch.inventory.InventoryJsonReader;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rules that fire at a threshold, and the event file, across restarts: each run loads the
 * inventory that the previous run wrote, as the sensor and {@code replay --merge} do.
 */
class FindingsRestartTest {
    private static final String SCANNER = "203.0.113.50";
    private static final String PACS = "192.0.2.20";
    private static final String WORKSTATION = "192.0.2.30";
    private static final FindingsConfig CONFIG = FindingsConfig.DEFAULTS.withPolicy(new NetworkPolicy(
            NetworkPolicy.parseAll(List.of("192.0.2.0/24")), List.of(), List.of()));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inventory file between runs; null before the first run. */
    private byte[] savedInventory;
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private Inventory inventory;
    private FindingsEngine engine;
    private AssociationListener listener;
    private int clientPort = 40000;
    private long clock = 1_000_000;

    /** Starts a run on the inventory of the previous one. */
    private void start() {
        try {
            inventory = savedInventory == null ? new Inventory(InventoryLimits.DEFAULTS)
                    : new InventoryJsonReader(InventoryLimits.DEFAULTS).read(
                            new ByteArrayInputStream(savedInventory), "saved inventory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine = new FindingsEngine(CONFIG, inventory, new EventLog(events));
        listener = new CompositeAssociationListener(List.of(new InventoryBuilder(inventory), engine));
    }

    /** Ends the run and saves its inventory for the next one. */
    private void stop() {
        engine.finish(clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new InventoryJsonWriter("test").write(inventory, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        savedInventory = out.toByteArray();
    }

    private static byte[] request(String called, String calling, String abstractSyntax) {
        return associateRq(called, calling, applicationContext(),
                presentationContextRq(1, abstractSyntax, PduBuilder.IMPLICIT_VR_LE),
                userInformation(maximumLength(16384)));
    }

    private static byte[] accept(String called, String calling) {
        return associateAc(called, calling, applicationContext(),
                presentationContextAc(1, 0, PduBuilder.IMPLICIT_VR_LE), userInformation(maximumLength(16384)));
    }

    /** Sends {@code pdus} in turn, alternating from client and server, then closes the connection. */
    private void exchange(String client, String server, int port, byte[]... pdus) {
        FakeConnection connection = new FakeConnection(client, clientPort++, server, port, true);
        DicomConnectionTracker tracker = new DicomConnectionTracker(connection, listener, inventory::isKnownScp,
                DicomTrackingConfig.DEFAULTS, new DicomStats());
        for (int i = 0; i < pdus.length; i++) {
            Direction direction = i % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            clock += 1_000;
            tracker.onData(direction, pdus[i], 0, pdus[i].length, clock);
        }
        clock += 1_000;
        tracker.onClose(CloseReason.FIN, clock);
    }

    private void rejectCalledTitle(String calledTitle) {
        exchange(SCANNER, PACS, 11112, request(calledTitle, "X", PduBuilder.CT_IMAGE_STORAGE),
                associateRj(1, 1, 7));
    }

    /** Sends a C-ECHO that the SCP accepts, which leaves the calling title outside its baseline. */
    private void echo(String client, String callingTitle, int port) {
        exchange(client, PACS, port, request("PACS", callingTitle, PduBuilder.VERIFICATION),
                accept("PACS", callingTitle), pDataTf(commandPdv(1, true, echoRq(1))));
    }

    /** Sends a C-STORE that the SCP accepts and stores with success, so the calling title joins its baseline. */
    private void store(String client, String callingTitle, int port) {
        // One implicit VR little endian element: Modality (0008,0060), length 2, "CT".
        byte[] dataSet = concat(le16(0x0008), le16(0x0060), le32(2), ascii("CT"));
        exchange(client, PACS, port, request("PACS", callingTitle, PduBuilder.CT_IMAGE_STORAGE),
                accept("PACS", callingTitle),
                pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.4")), dataPdv(1, true, dataSet)),
                pDataTf(commandPdv(1, true, storeRsp(1, 0x0000, "1.2.3.4"))));
    }

    private void attemptWithoutDicom(String source, String host, int port) {
        clock += 1_000;
        engine.onNonDicomConnectionClosed(new FakeConnection(source, clientPort++, host, port, true), clock);
    }

    private Optional<FindingRecord> finding(String ruleId) {
        return inventory.findings().sorted().stream().filter(record -> record.ruleId().equals(ruleId)).findFirst();
    }

    private FindingRecord raised(String ruleId) {
        Optional<FindingRecord> record = finding(ruleId);
        assertThat(record).as("finding %s", ruleId).isPresent();
        return record.get();
    }

    /** Returns the event lines written so far as "EVENT RULE" and clears them. */
    private List<String> takeEvents() {
        List<String> lines = new ArrayList<>();
        for (String line : events.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode event = JSON.readTree(line);
                lines.add(event.get("event").asText() + " " + event.get("finding").get("ruleId").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        events.reset();
        return lines;
    }

    @Test
    void guessingCountsTitlesRejectedBeforeRestart() {
        start();
        for (String title : List.of("TRY0", "TRY1", "TRY2")) {
            rejectCalledTitle(title);
        }
        stop();
        start();
        long firstRejectionOfSecondRun = clock + 2_000;
        rejectCalledTitle("TRY3");
        rejectCalledTitle("TRY4");

        FindingRecord guessing = raised("scan.ae-title-guessing");
        assertThat(guessing.counters()).containsEntry("distinctTitlesRejected", 5L);
        assertThat(guessing.count()).isEqualTo(2);
        assertThat(guessing.aeTitles()).containsExactly("TRY3", "TRY4");
        assertThat(guessing.firstSeen()).isEqualTo(firstRejectionOfSecondRun);
    }

    @Test
    void guessingCountsRepeatedTitleOnce() {
        start();
        for (String title : List.of("TRY0", "TRY1", "TRY2", "TRY3")) {
            rejectCalledTitle(title);
        }
        stop();
        start();
        rejectCalledTitle("TRY0");
        assertThat(finding("scan.ae-title-guessing")).isEmpty();
    }

    @Test
    void guessingFindingGrowsAfterRestart() {
        start();
        for (int i = 0; i < 5; i++) {
            rejectCalledTitle("TRY" + i);
        }
        stop();
        start();
        rejectCalledTitle("TRY5");

        FindingRecord guessing = raised("scan.ae-title-guessing");
        assertThat(guessing.count()).isEqualTo(6);
        assertThat(guessing.counters()).containsEntry("distinctTitlesRejected", 6L);
        assertThat(guessing.counters()).containsEntry("calledTitleRejections", 6L);
    }

    @Test
    void acceptAnyCountsUnknownTitlesOfEarlierRuns() {
        for (int run = 1; run <= 3; run++) {
            start();
            echo(WORKSTATION, "SITE" + run, 104);
            stop();
        }

        FindingRecord acceptsAny = raised("scp.accepts-any-calling-ae");
        assertThat(acceptsAny.counters()).containsEntry("distinctUnknownTitlesAccepted", 3L);
        assertThat(acceptsAny.count()).isEqualTo(1);
        assertThat(acceptsAny.aeTitles()).containsExactly("SITE3");
    }

    @Test
    void acceptAnyCountsLaterStoringTitle() {
        start();
        store(WORKSTATION, "SITE1", 104);
        echo(WORKSTATION, "SITE2", 104);
        echo(WORKSTATION, "SITE3", 104);
        assertThat(finding("scp.accepts-any-calling-ae")).isPresent();
    }

    @Test
    void acceptAnyForgetsTitlesThatJoinedBaseline() {
        start();
        store(WORKSTATION, "SITE1", 104);
        stop();
        start();
        echo(WORKSTATION, "SITE2", 104);
        echo(WORKSTATION, "SITE3", 104);
        assertThat(finding("scp.accepts-any-calling-ae")).isEmpty();
    }

    @Test
    void probeSkipsKnownTitleAtNewAddress() {
        start();
        store(WORKSTATION, "US1", 104);
        stop();
        start();
        echo("192.0.2.31", "US1", 104);
        assertThat(finding("scan.verification-probe")).isEmpty();
        echo("192.0.2.31", "US1", 11112);
        assertThat(finding("scan.verification-probe")).isPresent();
    }

    @Test
    void probeIgnoresEstablishedSources() {
        start();
        for (int host = 1; host <= 10; host++) {
            store("192.0.2." + (100 + host), "MODALITY" + host, 104);
        }
        for (int host = 1; host <= 10; host++) {
            attemptWithoutDicom("192.0.2." + (100 + host), PACS, 104);
        }
        assertThat(finding("scan.service-probed-by-many")).isEmpty();
        for (int host = 1; host <= 10; host++) {
            attemptWithoutDicom("192.0.2." + (200 + host), PACS, 104);
        }
        assertThat(finding("scan.service-probed-by-many")).isPresent();
    }

    @Test
    void acceptAnyFindingKeepsItsTitles() {
        start();
        for (String title : List.of("SITE1", "SITE2", "SITE3")) {
            store(WORKSTATION, title, 104);
        }
        stop();
        start();
        echo(WORKSTATION, "SITE4", 104);

        FindingRecord acceptsAny = raised("scp.accepts-any-calling-ae");
        assertThat(acceptsAny.counters()).containsEntry("distinctUnknownTitlesAccepted", 4L);
        assertThat(acceptsAny.count()).isEqualTo(4);
    }

    @Test
    void secondPortAfterRestartRaisesMultiplePorts() {
        start();
        store(WORKSTATION, "WS", 104);
        stop();
        start();
        store(WORKSTATION, "WS", 11112);

        FindingRecord ports = raised("service.multiple-dicom-ports");
        assertThat(ports.counters()).containsEntry("distinctPorts", 2L);
        assertThat(ports.counters()).containsEntry("associationsOnPort11112", 1L);
        assertThat(ports.counters()).doesNotContainKey("associationsOnPort104");
        assertThat(ports.count()).isEqualTo(1);
    }

    @Test
    void sweepFindingPeersCountAfterRestart() {
        start();
        for (int host = 1; host <= 10; host++) {
            attemptWithoutDicom(SCANNER, "192.0.2." + host, 104);
        }
        stop();
        start();
        attemptWithoutDicom(SCANNER, "192.0.2.11", 104);

        FindingRecord sweep = raised("scan.dicom-port-sweep");
        assertThat(sweep.counters()).containsEntry("distinctHosts", 11L);
        assertThat(sweep.count()).isEqualTo(11);
    }

    @Test
    void sweepOfIpv6HostsCountsAfterRestart() {
        start();
        for (int host = 1; host <= 10; host++) {
            attemptWithoutDicom("2001:db8:1::50", "2001:db8::" + host, 104);
        }
        stop();
        start();
        attemptWithoutDicom("2001:db8:1::50", "2001:db8::11", 104);

        FindingRecord sweep = raised("scan.dicom-port-sweep");
        assertThat(sweep.peers()).contains("[2001:db8::1]:104");
        assertThat(sweep.counters()).containsEntry("distinctHosts", 11L);
    }

    @Test
    void sweepAttemptsBelowThresholdAreNotKept() {
        start();
        for (int host = 1; host <= 9; host++) {
            attemptWithoutDicom(SCANNER, "192.0.2." + host, 104);
        }
        stop();
        start();
        attemptWithoutDicom(SCANNER, "192.0.2.10", 104);
        assertThat(finding("scan.dicom-port-sweep")).isEmpty();
    }

    @Test
    void probedServiceSourcesCountAfterRestart() {
        start();
        for (int source = 1; source <= 10; source++) {
            attemptWithoutDicom("203.0.113." + source, PACS, 104);
        }
        stop();
        start();
        attemptWithoutDicom("203.0.113.11", PACS, 104);

        FindingRecord probed = raised("scan.service-probed-by-many");
        assertThat(probed.counters()).containsEntry("distinctSources", 11L);
    }

    @Test
    void restartRepeatsNoRaisedEvent() {
        start();
        exchange(SCANNER, PACS, 104, request("PACS", "REMOTE", PduBuilder.CT_IMAGE_STORAGE), associateRj(1, 1, 1));
        stop();
        assertThat(takeEvents()).contains("finding-raised exposure.inbound-from-outside");

        start();
        exchange(SCANNER, PACS, 104, request("PACS", "REMOTE", PduBuilder.CT_IMAGE_STORAGE), associateRj(1, 1, 1));
        stop();
        assertThat(takeEvents()).isEmpty();

        start();
        exchange(SCANNER, PACS, 104, request("PACS", "REMOTE", PduBuilder.CT_IMAGE_STORAGE),
                accept("PACS", "REMOTE"));
        stop();
        List<String> lines = takeEvents();
        assertThat(lines).contains("finding-severity-raised exposure.inbound-from-outside");
        assertThat(lines).noneMatch(line -> line.startsWith("finding-raised exposure.inbound-from-outside"));
    }

    @Test
    void raisedEventAfterMergeOnlyForNewFinding() {
        start();
        for (String title : List.of("TRY0", "TRY1", "TRY2")) {
            rejectCalledTitle(title);
        }
        stop();
        assertThat(takeEvents()).doesNotContain("finding-raised scan.ae-title-guessing");

        start();
        rejectCalledTitle("TRY3");
        rejectCalledTitle("TRY4");
        stop();
        assertThat(takeEvents()).containsOnlyOnce("finding-raised scan.ae-title-guessing");
    }
}
