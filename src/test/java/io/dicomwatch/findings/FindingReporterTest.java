package io.dicomwatch.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.inventory.FindingTable;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Evidence held below a rule's threshold and moved into the finding when it is raised. */
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
    void holdingStopsAtCap() {
        for (int i = 0; i <= FindingReporter.MAX_HELD; i++) {
            reporter.hold(FindingRule.PORT_SWEEP, address(i), null, null, 100, record -> { });
        }
        assertThat(reportSweep(address(0), 200).count()).isEqualTo(2);
        assertThat(reportSweep(address(FindingReporter.MAX_HELD), 200).count()).isEqualTo(1);
    }
}
