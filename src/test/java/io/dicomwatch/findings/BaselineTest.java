package io.dicomwatch.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final IpAddress PACS = address(0x0B00_0001);
    private static final int PORT = 104;

    private static IpAddress address(int value) {
        return IpAddress.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
            (byte) value}, 0, 4);
    }

    @Test
    void learnsAssociationThatExchangedData() {
        Baseline baseline = new Baseline();

        baseline.learn(address(0x0A00_0001), "MODALITY", PACS, PORT, "PACS");

        assertThat(baseline.isEstablished(address(0x0A00_0001))).isTrue();
        assertThat(baseline.isEstablished(PACS)).isTrue();
        assertThat(baseline.isKnownCallingTitle(PACS, PORT, "MODALITY")).isTrue();
        assertThat(baseline.isKnownScpTitle("PACS")).isTrue();
    }

    @Test
    void collidingEndpointsCompare() {
        // One more in the address's last byte adds 31 to the hash, which 31 less in the port
        // takes back: crafted endpoints can share one hash map bin.
        Baseline.Endpoint first = new Baseline.Endpoint(address(0x0A00_0001), 2000);
        Baseline.Endpoint second = new Baseline.Endpoint(address(0x0A00_0002), 1969);

        assertThat(first.hashCode()).isEqualTo(second.hashCode());
        assertThat(first).isNotEqualTo(second);
        assertThat(first.compareTo(second)).isNegative();
        assertThat(second.compareTo(first)).isPositive();
        assertThat(first.compareTo(new Baseline.Endpoint(address(0x0A00_0001), 2000))).isZero();
    }

    @Test
    void floodStopsAtMaxEntries() {
        Baseline baseline = new Baseline();
        // Each association has new addresses on both sides and new titles, as crafted ones can.
        int associations = Baseline.MAX_ENTRIES + 1000;
        for (int i = 0; i < associations; i++) {
            baseline.learn(address(0x0A00_0000 + i), "SCU" + i, address(0x0C00_0000 + i), PORT, "SCP" + i);
        }

        // Two nodes per association fill the node set halfway through.
        int lastNode = Baseline.MAX_ENTRIES / 2 - 1;
        assertThat(baseline.isEstablished(address(0x0A00_0000 + lastNode))).isTrue();
        assertThat(baseline.isEstablished(address(0x0A00_0000 + lastNode + 1))).isFalse();
        assertThat(baseline.isEstablished(address(0x0C00_0000 + lastNode + 1))).isFalse();
        int lastTitle = Baseline.MAX_ENTRIES - 1;
        assertThat(baseline.isKnownCallingTitle(address(0x0C00_0000 + lastTitle), PORT, "SCU" + lastTitle)).isTrue();
        assertThat(baseline.isKnownCallingTitle(address(0x0C00_0000 + lastTitle + 1), PORT, "SCU" + (lastTitle + 1)))
                .isFalse();
        assertThat(baseline.isKnownScpTitle("SCP" + lastTitle)).isTrue();
        assertThat(baseline.isKnownScpTitle("SCP" + (lastTitle + 1))).isFalse();
    }

    @Test
    void fullTitlesOfOneScpStillKeepNodes() {
        Baseline baseline = new Baseline();
        for (int i = 0; i < Baseline.MAX_ENTRIES; i++) {
            baseline.learn(PACS, "SCU" + i, PACS, PORT, "PACS");
        }

        baseline.learn(address(0x0A00_0001), "LATE", PACS, PORT, "PACS");

        assertThat(baseline.isEstablished(address(0x0A00_0001))).isTrue();
        assertThat(baseline.isKnownCallingTitle(PACS, PORT, "SCU0")).isTrue();
        assertThat(baseline.isKnownCallingTitle(PACS, PORT, "LATE")).isFalse();
    }
}
