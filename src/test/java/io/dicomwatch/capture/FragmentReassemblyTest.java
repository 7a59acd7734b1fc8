package io.dicomwatch.capture;

import static io.dicomwatch.capture.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FragmentReassemblyTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;
    /** 100 bytes of payload behind a 20-byte TCP header: 120 bytes to fragment. */
    private static final byte[] PAYLOAD = payload(100, 'P');
    private static final byte[] TCP = Packets.tcp(PAYLOAD);

    private PacketDecoder decoder = new PacketDecoder();
    private final TcpSegment segment = new TcpSegment();
    private long frameNumber;

    @Test
    void ipv4InOrderReassembled() {
        assertThat(decode(v4(7, 0, 48, true))).isFalse();
        assertThat(decode(v4(7, 48, 48, true))).isFalse();
        assertThat(decode(v4(7, 96, 24, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(segment.ipVersion).isEqualTo(4);
        assertThat(Arrays.copyOf(segment.sourceAddress, 4)).containsExactly(Packets.CLIENT_IPV4);
        assertThat(segment.sequenceNumber).isEqualTo(1000);
        PacketStats stats = decoder.stats();
        assertThat(stats.ipFragments).isEqualTo(3);
        assertThat(stats.ipDatagramsReassembled).isEqualTo(1);
        assertThat(stats.ipReassembledTcpSegments).isEqualTo(1);
        assertThat(stats.tcpSegments).isZero();
        assertThat(stats.outcomes()).isEqualTo(stats.frames);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void ipv4ReverseOrderReassembled() {
        assertThat(decode(v4(7, 96, 24, false))).isFalse();
        assertThat(decode(v4(7, 48, 48, true))).isFalse();
        assertThat(decode(v4(7, 0, 48, true))).isTrue();

        assertReassembled(PAYLOAD);
    }

    @Test
    void interleavedDatagramsKeptApart() {
        byte[] other = Packets.tcp(payload(100, 'Q'));

        decode(v4(1, 0, 64, true));
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 2, other, 64, 56, false));
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 2, other, 0, 64, true));
        assertReassembled(payload(100, 'Q'));
        assertThat(decode(v4(1, 64, 56, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipDatagramsReassembled).isEqualTo(2);
    }

    @Test
    void protocolIsPartOfIpv4Key() {
        decode(v4(5, 0, 64, true));
        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_UDP, 5, TCP, 64, 56, false))).isFalse();

        assertThat(decode(v4(5, 64, 56, false))).isTrue();
        assertReassembled(PAYLOAD);
    }

    @Test
    void duplicateFragmentCounted() {
        decode(v4(7, 0, 64, true));
        decode(v4(7, 0, 64, true));
        assertThat(decode(v4(7, 64, 56, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentDuplicates).isEqualTo(1);
        assertThat(decoder.stats().ipFragmentConflicts).isZero();
    }

    @Test
    void overlapWithSameBytesDiscardsDatagram() {
        decode(v4(7, 0, 48, true));
        assertThat(decode(v4(7, 40, 40, true))).isFalse();

        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isZero();
        assertThat(decode(v4(7, 80, 40, false))).isFalse();
        assertThat(decoder.stats().ipDatagramsReassembled).isZero();
    }

    @Test
    void conflictingOverlapDiscardsDatagram() {
        byte[] forged = TCP.clone();
        Arrays.fill(forged, 40, 80, (byte) 'X');

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 7, forged, 40, 40, true));
        decode(v4(7, 0, 48, true));
        decode(v4(7, 48, 32, true));
        assertThat(decode(v4(7, 80, 40, false))).isFalse();

        PacketStats stats = decoder.stats();
        assertThat(stats.ipDatagramsDiscardedOverlap).isEqualTo(1);
        assertThat(stats.ipFragmentConflicts).isZero();
        assertThat(stats.ipDatagramsReassembled).isZero();
        assertThat(stats.outcomes()).isEqualTo(stats.frames);
    }

    @Test
    void laterFragmentsStartNewDatagram() {
        decode(v4(7, 0, 48, true));
        decode(v4(7, 40, 40, true));                     // overlaps: both are discarded

        decode(v4(7, 0, 64, true));
        assertThat(decode(v4(7, 64, 56, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsReassembled).isEqualTo(1);
    }

    @Test
    void retransmissionAfterOverlapReassembled() {
        byte[] forged = TCP.clone();
        Arrays.fill(forged, 40, 80, (byte) 'X');

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 7, forged, 40, 40, true));
        decode(v4(7, 0, 64, true));
        decode(v4(7, 64, 56, false));
        // The host got nothing, so TCP sends the segment again, here in fragments with a new identification.
        decode(v4(8, 0, 64, true));
        assertThat(decode(v4(8, 64, 56, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isEqualTo(1);
    }

    @Test
    void conflictingDuplicateChangesNothing() {
        byte[] forged = TCP.clone();
        Arrays.fill(forged, 64, 120, (byte) 'X');

        decode(v4(7, 64, 56, false));
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 7, forged, 64, 56, false));
        assertThat(decode(v4(7, 0, 64, true))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentDuplicates).isZero();
        assertThat(decoder.stats().ipFragmentConflicts).isEqualTo(1);
    }

    @Test
    void conflictingDuplicateFirstWins() {
        byte[] forged = TCP.clone();
        Arrays.fill(forged, 64, 120, (byte) 'X');

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 7, forged, 64, 56, false));
        decode(v4(7, 64, 56, false));
        assertThat(decode(v4(7, 0, 64, true))).isTrue();

        // Linux drops the second copy of a fragment whatever its bytes, so the host got the forged one too.
        byte[] expected = PAYLOAD.clone();
        Arrays.fill(expected, 44, 100, (byte) 'X');
        assertReassembled(expected);
        assertThat(decoder.stats().ipFragmentConflicts).isEqualTo(1);
    }

    @Test
    void fragmentInsideOneFragmentIsDuplicate() {
        decode(v4(7, 0, 64, true));
        decode(v4(7, 16, 16, true));
        assertThat(decode(v4(7, 64, 56, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentDuplicates).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isZero();
    }

    @Test
    void fragmentReachingPastHeldRunOverlaps() {
        decode(v4(7, 0, 16, true));
        decode(v4(7, 64, 56, false));
        decode(v4(7, 0, 48, true));                      // starts with the first run but ends in a hole

        assertThat(decoder.stats().ipFragmentDuplicates).isZero();
        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isEqualTo(1);
    }

    @Test
    void fragmentAcrossInOrderRunIsDuplicate() {
        decode(v4(7, 0, 32, true));
        decode(v4(7, 32, 32, true));                     // starts where the first ends: one run
        decode(v4(7, 16, 32, true));
        assertThat(decode(v4(7, 64, 56, false))).isTrue();

        assertThat(decoder.stats().ipFragmentDuplicates).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isZero();
    }

    @Test
    void fragmentAcrossSeparateRunsOverlaps() {
        decode(v4(7, 32, 32, true));
        decode(v4(7, 0, 32, true));                      // arrives later, below: a run of its own
        decode(v4(7, 16, 32, true));

        assertThat(decoder.stats().ipFragmentDuplicates).isZero();
        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isEqualTo(1);
    }

    @Test
    void tinyFirstFragmentReassembledAndCounted() {
        decode(v4(7, 0, 8, true));                       // ports and sequence number only
        assertThat(decode(v4(7, 8, 112, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipTinyFirstFragments).isEqualTo(1);
    }

    @Test
    void firstFragmentWithWholeTcpHeaderNotTiny() {
        decode(v4(7, 0, 24, true));
        assertThat(decode(v4(7, 24, 96, false))).isTrue();

        assertThat(decoder.stats().ipTinyFirstFragments).isZero();
    }

    @Test
    void fragmentBeyond65535Dropped() {
        byte[] big = new byte[65_536];

        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 9, big, 65_512, 24, false))).isFalse();
        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 9, big, 65_488, 16, false))).isFalse();

        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(1);
        assertThat(decoder.stats().ipFragments).isEqualTo(2);
    }

    @Test
    void emptyFragmentDropped() {
        decode(v4(7, 0, 0, true));
        decode(v4(7, 120, 0, false));

        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(2);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void emptyFragmentDiscardsDatagram() {
        decode(v4(7, 0, 64, true));
        decode(v4(7, 64, 0, true));

        assertThat(decoder.stats().ipDatagramsDiscardedLength).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void ipv4MisalignedFragmentCutToMultipleOf8() {
        decode(v4(7, 0, 44, true));                      // held as its first 40 bytes
        assertThat(decode(v4(7, 40, 80, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentsDropped).isZero();
    }

    @Test
    void ipv4MisalignedFragmentBelow8Discards() {
        decode(v4(7, 64, 56, false));
        decode(v4(7, 0, 5, true));                       // cut to nothing

        assertThat(decoder.stats().ipDatagramsDiscardedLength).isEqualTo(1);
    }

    @Test
    void ipv6MisalignedFragmentDropped() {
        decode(v6(7, new byte[0], 0, 44, true));

        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void totalLengthZeroFragmentDropped() {
        byte[] packet = Packets.ipv4(Packets.PROTOCOL_TCP, 7, new byte[0], Arrays.copyOf(TCP, 48), 0, 0x2000);

        assertThat(decode(packet)).isFalse();
        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(1);
    }

    @Test
    void secondLastFragmentWithOtherEndDiscards() {
        decode(v4(7, 64, 56, false));
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 7, concat(TCP, new byte[16]), 64, 72, false));
        assertThat(decode(v4(7, 0, 64, true))).isFalse();

        assertThat(decoder.stats().ipDatagramsDiscardedLength).isEqualTo(1);
        assertThat(decoder.stats().ipFragmentConflicts).isZero();
        assertThat(decoder.stats().ipDatagramsReassembled).isZero();
    }

    @Test
    void lastFragmentBeforeHeldBytesDiscards() {
        decode(v4(7, 64, 56, true));                     // claims more bytes follow byte 120
        decode(v4(7, 8, 56, false));                     // then ends the datagram at 64

        assertThat(decoder.stats().ipDatagramsDiscardedLength).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsReassembled).isZero();
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void fragmentPastSetEndDiscards() {
        decode(v4(7, 64, 56, false));
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 7, concat(TCP, new byte[16]), 120, 16, true));
        assertThat(decode(v4(7, 0, 64, true))).isFalse();

        assertThat(decoder.stats().ipDatagramsDiscardedLength).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsReassembled).isZero();
    }

    @Test
    void duplicateLastFragmentKeepsLength() {
        decode(v4(7, 64, 56, false));
        decode(v4(7, 64, 56, false));
        assertThat(decode(v4(7, 0, 64, true))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentDuplicates).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsDiscardedLength).isZero();
    }

    @Test
    void ipv4OptionsOnlyInFirstFragment() {
        byte[] routerAlert = {(byte) 0x94, 4, 0, 0};
        byte[] first = Packets.ipv4(Packets.PROTOCOL_TCP, 7, routerAlert, Arrays.copyOf(TCP, 64), 88, 0x2000);

        decode(first);
        assertThat(decode(v4(7, 64, 56, false))).isTrue();

        assertReassembled(PAYLOAD);
    }

    @Test
    void completingFrameGivesLinkFields() {
        byte[] first = Packets.ethernet(0x8100, concat(Packets.u16(10), Packets.u16(Packets.ETHERTYPE_IPV4),
                v4(7, 0, 64, true)));
        byte[] last = Packets.ethernet(0x8100, concat(Packets.u16(20), Packets.u16(Packets.ETHERTYPE_IPV4),
                v4(7, 64, 56, false)));

        decodeFrame(LinkType.ETHERNET, first, 5 * SECOND);
        assertThat(decodeFrame(LinkType.ETHERNET, last, 6 * SECOND)).isTrue();

        assertThat(segment.timestampNanos).isEqualTo(6 * SECOND);
        assertThat(segment.frameNumber).isEqualTo(2);
        assertThat(segment.vlanCount).isEqualTo(1);
        assertThat(segment.vlanIds[0]).isEqualTo(20);
        assertThat(segment.sourceMac).isEqualTo(0x020000000001L);
    }

    @Test
    void reassembledUdpNotTcp() {
        byte[] udp = payload(40, 'U');

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_UDP, 3, udp, 0, 24, true));
        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_UDP, 3, udp, 24, 16, false))).isFalse();

        assertThat(decoder.stats().ipDatagramsReassembled).isEqualTo(1);
        assertThat(decoder.stats().ipReassembledTcpSegments).isZero();
        assertThat(decoder.stats().udp).isZero();
    }

    @Test
    void reassembledShortTcpHeaderMalformed() {
        byte[] shortTcp = Arrays.copyOf(TCP, 16);

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 3, shortTcp, 0, 8, true));
        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 3, shortTcp, 8, 8, false))).isFalse();

        assertThat(decoder.stats().ipReassembledMalformed).isEqualTo(1);
        assertThat(decoder.stats().malformed).isZero();
    }

    @Test
    void ipv4TimesOutAfter30Seconds() {
        decodeAt(v4(7, 0, 64, true), 0);
        assertThat(decodeAt(v4(7, 64, 56, false), 30 * SECOND)).isFalse();

        assertThat(decoder.stats().ipDatagramsTimedOut).isEqualTo(1);
        assertThat(decoder.stats().ipDatagramsReassembled).isZero();
    }

    @Test
    void ipv4CompletesWithinTimeout() {
        decodeAt(v4(7, 0, 64, true), 0);

        assertThat(decodeAt(v4(7, 64, 56, false), 30 * SECOND - 1)).isTrue();
    }

    @Test
    void ipv6WaitsLongerThanIpv4() {
        decodeAt(v6(7, new byte[0], 0, 64, true), 0);

        assertThat(decodeAt(v6(7, new byte[0], 64, 56, false), 45 * SECOND)).isTrue();
        assertThat(decoder.stats().ipDatagramsTimedOut).isZero();
    }

    @Test
    void ipv6TimesOutAfter60Seconds() {
        decodeAt(v6(7, new byte[0], 0, 64, true), 0);

        assertThat(decodeAt(v6(7, new byte[0], 64, 56, false), 60 * SECOND)).isFalse();
        assertThat(decoder.stats().ipDatagramsTimedOut).isEqualTo(1);
    }

    @Test
    void clockNeverGoesBackwards() {
        decodeAt(v4(1, 0, 64, true), 100 * SECOND);
        decodeAt(v4(2, 0, 64, true), 50 * SECOND);
        decodeAt(v4(3, 0, 64, true), 130 * SECOND);

        assertThat(decoder.stats().ipDatagramsTimedOut).isEqualTo(2);
    }

    @Test
    void datagramCapEvictsOldest() {
        decoder = new PacketDecoder(new FragmentReassemblyConfig(2, 1 << 20, 30 * SECOND, 60 * SECOND));

        decodeAt(v4(1, 0, 64, true), SECOND);
        decodeAt(v4(2, 0, 64, true), 2 * SECOND);
        decodeAt(v4(3, 0, 64, true), 3 * SECOND);

        assertThat(decoder.stats().ipDatagramsEvicted).isEqualTo(1);
        assertThat(decodeAt(v4(2, 64, 56, false), 4 * SECOND)).isTrue();
        assertThat(decodeAt(v4(1, 64, 56, false), 4 * SECOND)).isFalse();
    }

    @Test
    void byteCapEvictsOldestOthers() {
        long cap = FragmentReassemblyConfig.MIN_BUFFERED_BYTES;
        decoder = new PacketDecoder(new FragmentReassemblyConfig(100, cap, 30 * SECOND, 60 * SECOND));
        byte[] big = new byte[65_000];

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 1, big, 0, 40_000, true));
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 2, big, 0, 20_000, true));
        assertThat(decoder.stats().ipDatagramsEvicted).isZero();
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 3, big, 0, 30_000, true));

        assertThat(decoder.stats().ipDatagramsEvicted).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isLessThanOrEqualTo(cap);
        assertThat(decoder.stats().peakIpFragmentBytes).isLessThanOrEqualTo(cap);
        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 4, big, 0, 64_976, true));
        assertThat(decoder.stats().ipDatagramsEvicted).isEqualTo(3);
        assertThat(decoder.fragmentBytes()).isLessThanOrEqualTo(cap);
    }

    @Test
    void sparseFragmentsHoldOneBlockEach() {
        byte[] big = new byte[65_000];

        for (int offset = 0; offset < 60_000; offset += 4096) {
            decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 1, big, offset, 8, true));
        }

        assertThat(decoder.fragmentBytes()).isEqualTo(15 * FragmentedDatagram.BLOCK_SIZE);
    }

    @Test
    void runBoundDropsFragments() {
        byte[] big = new byte[20_000];

        for (int unit = 1; unit <= FragmentedDatagram.MAX_RUNS + 2; unit++) {
            decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 1, big, 16 * unit, 8, true));
        }
        // Each fragment starts past the previous one's end, so each needs a run of its own.
        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(2);

        decode(Packets.ipv4Fragment(Packets.PROTOCOL_TCP, 1, big, 16 * FragmentedDatagram.MAX_RUNS + 8, 8, true));
        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(2);   // extends the highest run
    }

    @Test
    void unfinishedDatagramsCountedAtEnd() {
        decode(v4(1, 0, 64, true));
        decode(v6(2, new byte[0], 0, 64, true));

        decoder.finish();

        assertThat(decoder.stats().ipDatagramsIncomplete).isEqualTo(2);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void truncatedFragmentDropped() {
        byte[] packet = v4(7, 0, 64, true);
        Frame frame = Packets.frame(LinkType.RAW, packet);
        frame.capturedLength = packet.length - 10;

        assertThat(decoder.decode(frame, segment)).isFalse();
        assertThat(decoder.stats().ipFragmentsTruncated).isEqualTo(1);
        assertThat(decoder.stats().ipFragments).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void truncatedFragmentHeaderIsTruncatedFrame() {
        byte[] packet = v4(7, 0, 64, true);
        Frame frame = Packets.frame(LinkType.RAW, packet);
        frame.capturedLength = 12;

        assertThat(decoder.decode(frame, segment)).isFalse();
        assertThat(decoder.stats().truncated).isEqualTo(1);
        assertThat(decoder.stats().ipFragments).isZero();
    }

    @Test
    void fragmentShorterThanItsHeaderSaysDropped() {
        byte[] packet = Arrays.copyOf(v4(7, 0, 64, true), 60);   // the header announces 84 bytes

        assertThat(decode(packet)).isFalse();
        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(1);
    }

    @Test
    void ipv6ReassembledInAnyOrder() {
        assertThat(decode(v6(7, new byte[0], 56, 64, false))).isFalse();
        assertThat(decode(v6(7, new byte[0], 0, 56, true))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(segment.ipVersion).isEqualTo(6);
        assertThat(segment.sourceAddress).containsExactly(Packets.CLIENT_IPV6);
        assertThat(decoder.stats().ipDatagramsReassembled).isEqualTo(1);
    }

    @Test
    void ipv6ExtensionHeadersAroundFragmentHeader() {
        byte[] unfragmentable = concat(Packets.extension(ROUTING, 0), Packets.extension(FRAGMENT, 1));
        byte[] fragmentable = concat(Packets.extension(Packets.PROTOCOL_TCP, 0), TCP);   // destination options

        decode(Packets.ipv6Fragment(HOP_BY_HOP, unfragmentable, DESTINATION_OPTIONS, 9, fragmentable, 0, 16, true));
        assertThat(decode(Packets.ipv6Fragment(HOP_BY_HOP, unfragmentable, DESTINATION_OPTIONS, 9, fragmentable,
                16, fragmentable.length - 16, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipTinyFirstFragments).isEqualTo(1);
    }

    @Test
    void ipv6UnfragmentablePartsMayDiffer() {
        byte[] hopByHop = Packets.extension(FRAGMENT, 0);

        decode(Packets.ipv6Fragment(HOP_BY_HOP, hopByHop, Packets.PROTOCOL_TCP, 9, TCP, 0, 64, true));
        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_TCP, 9, TCP, 64, 56, false)))
                .isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentConflicts).isZero();
    }

    @Test
    void ipv6NextHeaderOfLaterFragmentIgnored() {
        decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_UDP, 9, TCP, 64, 56, false));
        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_TCP, 9, TCP, 0, 64, true)))
                .isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragmentConflicts).isZero();
    }

    @Test
    void ipv6FirstNextHeaderWins() {
        decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_TCP, 9, TCP, 0, 64, true));
        decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_UDP, 9, TCP, 0, 64, true));
        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_TCP, 9, TCP, 64, 56, false)))
                .isTrue();

        assertThat(decoder.stats().ipFragmentConflicts).isEqualTo(1);
        assertThat(decoder.stats().ipFragmentDuplicates).isZero();
    }

    @Test
    void ipv6OverlapDiscardsDatagram() {
        decode(v6(7, new byte[0], 0, 64, true));
        assertThat(decode(v6(7, new byte[0], 56, 64, false))).isFalse();

        assertThat(decoder.stats().ipDatagramsDiscardedOverlap).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void ipv6NestedFragmentHeaderMalformed() {
        byte[] inner = concat(Packets.fragment6(Packets.PROTOCOL_TCP, 0, true), TCP);

        decode(Packets.ipv6Fragment(0, new byte[0], FRAGMENT, 9, inner, 0, 64, true));
        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], FRAGMENT, 9, inner, 64, inner.length - 64, false)))
                .isFalse();

        assertThat(decoder.stats().ipDatagramsReassembled).isEqualTo(1);
        assertThat(decoder.stats().ipReassembledMalformed).isEqualTo(1);
    }

    @Test
    void ipv6NestedAtomicFragmentHeaderMalformed() {
        byte[] inner = concat(Packets.fragment6(Packets.PROTOCOL_TCP, 0, false), TCP);

        decode(Packets.ipv6Fragment(0, new byte[0], FRAGMENT, 9, inner, 0, 64, true));
        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], FRAGMENT, 9, inner, 64, inner.length - 64, false)))
                .isFalse();

        assertThat(decoder.stats().ipReassembledMalformed).isEqualTo(1);
    }

    @Test
    void ipv6FragmentHeaderAfterAtomicMalformed() {
        byte[] inner = concat(Packets.fragment6(Packets.PROTOCOL_TCP, 0, true), Arrays.copyOf(TCP, 64));

        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], FRAGMENT, 9, inner, 0, inner.length, false)))
                .isFalse();

        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.fragmentBytes()).isZero();
    }

    @Test
    void ipv6AtomicFragmentNotHeld() {
        assertThat(decode(Packets.ipv6Fragment(0, new byte[0], Packets.PROTOCOL_TCP, 9, TCP, 0, TCP.length, false)))
                .isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().ipFragments).isZero();
        assertThat(decoder.stats().tcpSegments).isEqualTo(1);
    }

    @Test
    void ipv6JumbogramFragmentDropped() {
        byte[] packet = Packets.ipv6(FRAGMENT, Packets.fragment6(Packets.PROTOCOL_TCP, 0, true),
                Arrays.copyOf(TCP, 64), 0);

        decode(packet);

        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(1);
    }

    @Test
    void ipv6UnfragmentablePartCountsTowardMaximum() {
        byte[] big = new byte[65_536];
        byte[] routing = Packets.extension(FRAGMENT, 1);   // 16 bytes before the fragment header

        decode(Packets.ipv6Fragment(ROUTING, routing, Packets.PROTOCOL_TCP, 9, big, 65_512, 16, false));
        decode(Packets.ipv6Fragment(ROUTING, routing, Packets.PROTOCOL_TCP, 9, big, 65_496, 16, false));

        assertThat(decoder.stats().ipFragmentsDropped).isEqualTo(1);
    }

    @Test
    void outcomesMatchFramesUnderMixedInput() {
        decode(v4(1, 0, 64, true));
        decode(v4(1, 0, 64, true));
        decode(v4(1, 64, 56, false));
        decode(v4(2, 0, 44, true));
        decode(Packets.ipv4(Packets.PROTOCOL_TCP, TCP));
        decode(v6(3, new byte[0], 0, 64, true));

        PacketStats stats = decoder.stats();
        assertThat(stats.frames).isEqualTo(6);
        assertThat(stats.outcomes()).isEqualTo(stats.frames);
        assertThat(stats.ipFragments).isEqualTo(5);
        assertThat(stats.tcpSegments).isEqualTo(1);
    }

    @Test
    void fragmentedTunnelPacketIsOpened() {
        byte[] tunnelPayload = Packets.gre(0, Packets.ETHERTYPE_IPV4, Packets.ipv4(Packets.PROTOCOL_TCP, TCP));
        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_GRE, 7, tunnelPayload, 0, 64, true))).isFalse();
        assertThat(decode(Packets.ipv4Fragment(Packets.PROTOCOL_GRE, 7, tunnelPayload, 64,
                tunnelPayload.length - 64, false))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().tunnelGre).isEqualTo(1);
        assertThat(decoder.stats().ipReassembledTcpSegments).isEqualTo(1);
        assertThat(decoder.stats().outcomes()).isEqualTo(decoder.stats().frames);
    }

    @Test
    void fragmentsInsideTunnelAreReassembled() {
        assertThat(decode(Packets.outerIpv4(Packets.PROTOCOL_GRE, Packets.gre(0, Packets.ETHERTYPE_IPV4,
                v4(9, 0, 24, true))))).isFalse();
        assertThat(decode(Packets.outerIpv4(Packets.PROTOCOL_GRE, Packets.gre(0, Packets.ETHERTYPE_IPV4,
                v4(9, 24, TCP.length - 24, false))))).isTrue();

        assertReassembled(PAYLOAD);
        assertThat(decoder.stats().tunnelGre).isEqualTo(2);
        assertThat(decoder.stats().ipFragments).isEqualTo(2);
    }

    private static byte[] payload(int length, char fill) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (fill + i % 7);
        }
        return bytes;
    }

    private static byte[] v4(int identification, int offset, int length, boolean more) {
        return Packets.ipv4Fragment(Packets.PROTOCOL_TCP, identification, TCP, offset, length, more);
    }

    private static byte[] v6(int identification, byte[] unfragmentable, int offset, int length, boolean more) {
        return Packets.ipv6Fragment(HOP_BY_HOP, unfragmentable, Packets.PROTOCOL_TCP, identification, TCP, offset,
                length, more);
    }

    private boolean decode(byte[] packet) {
        return decodeAt(packet, SECOND);
    }

    private boolean decodeAt(byte[] packet, long timestampNanos) {
        return decodeFrame(LinkType.RAW, packet, timestampNanos);
    }

    private boolean decodeFrame(int linkType, byte[] data, long timestampNanos) {
        Frame frame = Packets.frame(linkType, data);
        frame.timestampNanos = timestampNanos;
        frame.number = ++frameNumber;
        return decoder.decode(frame, segment);
    }

    private void assertReassembled(byte[] expected) {
        byte[] payload = Arrays.copyOfRange(segment.payload, segment.payloadOffset,
                segment.payloadOffset + segment.payloadLength);
        assertThat(payload).containsExactly(expected);
        assertThat(segment.payloadMissing).isZero();
        assertThat(segment.sourcePort).isEqualTo(Packets.CLIENT_PORT);
        assertThat(segment.destinationPort).isEqualTo(Packets.DICOM_PORT);
    }
}
