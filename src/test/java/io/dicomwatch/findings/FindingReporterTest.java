package io.dicomwatch.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.inventory.FindingTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Evidence held below a rule's threshold and moved into the finding when it is raised, and the
 * events of findings loaded with the inventory.
 */
class FindingReporterTest {
    private final FindingTable table = new FindingTable();
    private final FindingReporter reporter = new FindingReporter(table, Set.of(), null);

    private static IpAddress address(int index) {
        return IpAddress.of(new byte[] {10, (byte) (index >>> 16), (byte) (index >>> 8), (byte) index}, 0, 4);
    }

    private FindingRecord reportSweep(IpAddress source, long timestampNanos) {
        return reporter.report(FindingRule.PORT_SWEEP, FindingSeverity.MEDIUM, source, null, null, timestampNanos,
                true, record -> record.addPeer("held-or-not"));
    }

    @Test
    void heldEvidenceMovesIntoFinding() {
        reporter.hold(FindingRule.PORT_SWEEP, address(1), null, null, 100, record -> record.addPeer("192.0.2.1:104"));
        FindingRecord record = reportSweep(address(1), 200);
        assertThat(record.count()).isEqualTo(2);
        assertThat(record.firstSeen()).isEqualTo(100);
        assertThat(record.lastSeen()).isEqualTo(200);
        assertThat(record.peers()).containsExactly("192.0.2.1:104", "held-or-not");
        assertThat(record.severity()).isEqualTo(FindingSeverity.MEDIUM);
    }

    @Test
    void heldEvidenceIsNotAFinding() {
        reporter.hold(FindingRule.PORT_SWEEP, address(1), null, null, 100, record -> record.addPeer("192.0.2.1:104"));
        assertThat(table.sorted()).isEmpty();
    }

    @Test
    void heldEvidenceMovesOnlyOnce() {
        reporter.hold(FindingRule.PORT_SWEEP, address(1), null, null, 100, record -> { });
        reportSweep(address(1), 200);
        FindingRecord record = reportSweep(address(1), 300);
        assertThat(record.count()).isEqualTo(3);
    }

    @Test
    void collidingTitlesStayApart() {
        // "Aa" and "BB" have the same String hash, so these titles share one hash map bin.
        List<String> titles = List.of("AaAa", "AaBB", "BBAa", "BBBB");
        for (String title : titles) {
            assertThat(title.hashCode()).isEqualTo("AaAa".hashCode());
            reporter.report(FindingRule.NEW_MOVE_DESTINATION, FindingSeverity.MEDIUM, address(1),
                    new AeTitle(title, false), null, 100, true, record -> { });
        }
        reporter.report(FindingRule.NEW_MOVE_DESTINATION, FindingSeverity.MEDIUM, address(1),
                new AeTitle("BBBB", false), null, 200, true, record -> { });

        assertThat(table.sorted()).hasSize(titles.size());
        FindingRecord last = reporter.find(FindingRule.NEW_MOVE_DESTINATION, address(1),
                new AeTitle("BBBB", false), null);
        assertThat(last.count()).isEqualTo(2);
    }

    @Test
    void holdingStopsAtCap() {
        for (int i = 0; i <= FindingReporter.MAX_HELD; i++) {
            reporter.hold(FindingRule.PORT_SWEEP, address(i), null, null, 100, record -> { });
        }
        assertThat(reportSweep(address(0), 200).count()).isEqualTo(2);
        assertThat(reportSweep(address(FindingReporter.MAX_HELD), 200).count()).isEqualTo(1);
    }

    /** Adds a finding to the table as loading an inventory does, before any reporter exists. */
    private FindingRecord loadSweep(IpAddress source, FindingSeverity severity, boolean acknowledged) {
        String id = FindingIds.of(FindingRule.PORT_SWEEP.id(), source, null, null);
        FindingRecord loaded = table.findOrCreate(id, FindingRule.PORT_SWEEP.id(), source, null, null);
        loaded.raiseSeverity(severity);
        loaded.setAcknowledged(acknowledged);
        loaded.touch(50);
        loaded.addCount(10);
        return loaded;
    }

    private static List<String> eventNames(ByteArrayOutputStream events) {
        return Arrays.stream(events.toString(StandardCharsets.UTF_8).split("\n")).filter(line -> !line.isEmpty())
                .map(line -> line.replaceAll(".*\"event\":\"([a-z-]+)\".*", "$1")).toList();
    }

    @Test
    void loadedFindingTakesObservationBelowThreshold() {
        FindingRecord loaded = loadSweep(address(1), FindingSeverity.MEDIUM, false);
        FindingReporter restarted = new FindingReporter(table, Set.of(), null);
        restarted.reportAtThreshold(false, FindingRule.PORT_SWEEP, FindingSeverity.MEDIUM, address(1), null, null,
                200, record -> record.addPeer("192.0.2.9:104"));
        assertThat(loaded.count()).isEqualTo(11);
        assertThat(loaded.peers()).containsExactly("192.0.2.9:104");
    }

    @Test
    void loadedFindingIsNotRaisedAgain() {
        loadSweep(address(1), FindingSeverity.MEDIUM, false);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        FindingReporter restarted = new FindingReporter(table, Set.of(), new EventLog(events));
        restarted.report(FindingRule.PORT_SWEEP, FindingSeverity.MEDIUM, address(1), null, null, 200, true,
                record -> { });
        assertThat(eventNames(events)).isEmpty();
        restarted.report(FindingRule.PORT_SWEEP, FindingSeverity.HIGH, address(1), null, null, 300, true,
                record -> { });
        assertThat(eventNames(events)).containsExactly("finding-severity-raised");
    }

    @Test
    void newFindingIsRaisedOnce() {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        FindingReporter withEvents = new FindingReporter(table, Set.of(), new EventLog(events));
        withEvents.report(FindingRule.PORT_SWEEP, FindingSeverity.MEDIUM, address(1), null, null, 200, true,
                record -> { });
        withEvents.report(FindingRule.PORT_SWEEP, FindingSeverity.MEDIUM, address(1), null, null, 300, true,
                record -> { });
        assertThat(eventNames(events)).containsExactly("finding-raised");
    }

    @Test
    void withdrawnAcknowledgementRaisesOnce() {
        FindingRecord loaded = loadSweep(address(1), FindingSeverity.MEDIUM, true);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        FindingReporter restarted = new FindingReporter(table, Set.of(), new EventLog(events));
        assertThat(loaded.acknowledged()).isFalse();
        assertThat(eventNames(events)).containsExactly("finding-raised");
        restarted.report(FindingRule.PORT_SWEEP, FindingSeverity.MEDIUM, address(1), null, null, 200, true,
                record -> { });
        assertThat(eventNames(events)).containsExactly("finding-raised");
    }

    @Test
    void acknowledgedLoadedFindingStaysSilent() {
        String id = loadSweep(address(1), FindingSeverity.MEDIUM, true).id();
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        FindingReporter restarted = new FindingReporter(table, Set.of(id), new EventLog(events));
        restarted.report(FindingRule.PORT_SWEEP, FindingSeverity.HIGH, address(1), null, null, 200, true,
                record -> { });
        assertThat(eventNames(events)).isEmpty();
    }
}
