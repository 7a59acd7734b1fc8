package io.dicomwatch.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.Frame;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {
    private static final long MS = 1_000_000L;
    /** IPv4 header (TTL 64, checksum 0x1234) and TCP header start, after the Ethernet type. */
    private static final String IPV4_TCP = "4500003c1c4640004006123"
            + "4c0000201c0000202c35b2b6700000001000000005002ffff00000000";

    private static Frame ethernet(String vlanTags, String ipPacket, long timestamp) {
        byte[] data = HexFormat.of().parseHex("020000000001020000000002" + vlanTags + "0800" + ipPacket);
        Frame frame = new Frame();
        frame.linkType = 1;
        frame.data = data;
        frame.capturedLength = data.length;
        frame.originalLength = data.length;
        frame.timestampNanos = timestamp;
        return frame;
    }

    @Test
    void sameFrameWithinWindowIsDuplicate() {
        DuplicateFilter filter = new DuplicateFilter(20 * MS, 8);
        assertThat(filter.isDuplicate(ethernet("", IPV4_TCP, 0))).isFalse();
        assertThat(filter.isDuplicate(ethernet("", IPV4_TCP, 5 * MS))).isTrue();
        assertThat(filter.duplicates()).isEqualTo(1);
    }

    @Test
    void sameFrameAfterWindowIsKept() {
        DuplicateFilter filter = new DuplicateFilter(20 * MS, 8);
        filter.isDuplicate(ethernet("", IPV4_TCP, 0));
        assertThat(filter.isDuplicate(ethernet("", IPV4_TCP, 30 * MS))).isFalse();
    }

    @Test
    void differentPacketIsKept() {
        DuplicateFilter filter = new DuplicateFilter(20 * MS, 8);
        filter.isDuplicate(ethernet("", IPV4_TCP, 0));
        String otherSequence = IPV4_TCP.replace("2b670000", "2b670001");
        assertThat(filter.isDuplicate(ethernet("", otherSequence, MS))).isFalse();
    }

    @Test
    void vlanTaggedCopyIsDuplicate() {
        DuplicateFilter filter = new DuplicateFilter(20 * MS, 8);
        filter.isDuplicate(ethernet("", IPV4_TCP, 0));
        assertThat(filter.isDuplicate(ethernet("810000648100000a", IPV4_TCP, MS))).isTrue();
    }

    @Test
    void copyOneHopLaterIsDuplicate() {
        DuplicateFilter filter = new DuplicateFilter(20 * MS, 8);
        filter.isDuplicate(ethernet("", IPV4_TCP, 0));
        String routed = IPV4_TCP.replace("40061234", "3f061334");
        assertThat(filter.isDuplicate(ethernet("", routed, MS))).isTrue();
    }

    @Test
    void zeroWindowKeepsEverything() {
        DuplicateFilter filter = new DuplicateFilter(0, 8);
        filter.isDuplicate(ethernet("", IPV4_TCP, 0));
        assertThat(filter.isDuplicate(ethernet("", IPV4_TCP, 0))).isFalse();
    }

    @Test
    void networkOffsetSkipsQinqTags() {
        assertThat(DuplicateFilter.networkOffset(ethernet("88a8006481000064", IPV4_TCP, 0))).isEqualTo(22);
    }
}
