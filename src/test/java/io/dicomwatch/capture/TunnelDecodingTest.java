package io.dicomwatch.capture;

import static io.dicomwatch.capture.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelDecodingTest {
    private static final byte[] PAYLOAD = {'A', '-', 'A', 'S', 'S', 'O', 'C'};
    private static final byte[] TCP = Packets.tcp(PAYLOAD);
    private static final byte[] IPV4_TCP = Packets.ipv4(Packets.PROTOCOL_TCP, TCP);
    private static final byte[] IPV6_TCP = Packets.ipv6(Packets.PROTOCOL_TCP, new byte[0], TCP);
    private static final byte[] INNER_FRAME = Packets.innerEthernet(Packets.ETHERTYPE_IPV4, IPV4_TCP);
    private static final long INNER_CLIENT_MAC = 0x02_00_00_00_00_11L;
    private static final long INNER_SERVER_MAC = 0x02_00_00_00_00_22L;
    private static final int OUTER_VLAN = 999;

    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpSegment segment = new TcpSegment();

    @Test
    void greIpv4InnerAddresses() {
        byte[] gre = Packets.gre(0, Packets.ETHERTYPE_IPV4, IPV4_TCP);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).as("outer MAC is the tunnel's").isEqualTo(-1);
        assertThat(segment.destinationMac).isEqualTo(-1);
        assertThat(segment.vlanCount).as("outer VLAN is the tunnel's").isZero();
        assertCounted("tunnelGre");
    }

    @Test
    void greAllOptionalFields() {
        int flags = Packets.GRE_CHECKSUM | Packets.GRE_KEY | Packets.GRE_SEQUENCE;
        byte[] gre = Packets.gre(flags, Packets.ETHERTYPE_IPV4, IPV4_TCP);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
    }

    @Test
    void greIpv6OverIpv6() {
        byte[] gre = Packets.gre(Packets.GRE_KEY, Packets.ETHERTYPE_IPV6, IPV6_TCP);
        byte[] outer = Packets.ipv6(Packets.PROTOCOL_GRE, new byte[0], gre);

        assertThat(decode(LinkType.RAW, outer)).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
        assertPayload();
        assertCounted("tunnelGre");
    }

    @Test
    void greEthernetKeepsInnerMacVlan() {
        byte[] tagged = concat(Packets.vlanTag(0x8100, 42), Packets.u16(Packets.ETHERTYPE_IPV4), IPV4_TCP);
        byte[] inner = concat(Packets.INNER_SERVER_MAC, Packets.INNER_CLIENT_MAC, tagged);
        byte[] gre = Packets.gre(Packets.GRE_KEY, Packets.ETHERTYPE_TEB, inner);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
        assertThat(segment.destinationMac).isEqualTo(INNER_SERVER_MAC);
        assertThat(segment.vlanCount).isEqualTo(1);
        assertThat(segment.vlanIds[0]).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x4000, 0x0800, 0x0400, 0x0002, 0x0007})
    void greDiscardedBitsMalformed(int flagsAndVersion) {
        byte[] gre = Packets.gre(flagsAndVersion, Packets.ETHERTYPE_IPV4, IPV4_TCP);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelled).isZero();
    }

    @Test
    void greVersionOneIsPptpOtherIp() {
        byte[] gre = Packets.gre(0x2001, 0x880B, new byte[12]);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isFalse();
        assertThat(decoder.stats().otherIp).isEqualTo(1);
        assertThat(decoder.stats().tunnelled).isZero();
    }

    @Test
    void greOtherProtocolTypeNonIp() {
        int ppp = 0x880B;
        byte[] gre = Packets.gre(0, ppp, new byte[12]);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
        assertThat(decoder.stats().tunnelGre).isEqualTo(1);
    }

    @Test
    void erspanTypeOneHasNoHeader() {
        byte[] gre = Packets.gre(0, Packets.ETHERTYPE_ERSPAN_II, INNER_FRAME);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
        assertThat(segment.vlanCount).isZero();
        assertCounted("tunnelErspan");
    }

    @Test
    void erspanVlanFieldForUntaggedFrame() {
        byte[] erspan = Packets.erspanII(42, 0, INNER_FRAME);
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_II, erspan);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
        assertThat(segment.vlanCount).isEqualTo(1);
        assertThat(segment.vlanIds[0]).isEqualTo(42);
        assertCounted("tunnelErspan");
        assertThat(decoder.stats().tunnelGre).as("ERSPAN's GRE is not counted as plain GRE").isZero();
    }

    @Test
    void erspanTagInFrameWins() {
        byte[] tagged = concat(Packets.INNER_SERVER_MAC, Packets.INNER_CLIENT_MAC, Packets.vlanTag(0x8100, 7),
                Packets.u16(Packets.ETHERTYPE_IPV4), IPV4_TCP);
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_II, Packets.erspanII(7, 3, tagged));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertThat(segment.vlanCount).isEqualTo(1);
        assertThat(segment.vlanIds[0]).isEqualTo(7);
    }

    @Test
    void erspanUndefinedVlanIgnored() {
        int tagInFrame = 3;
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_II,
                Packets.erspanII(42, tagInFrame, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertThat(segment.vlanCount).isZero();
    }

    @Test
    void erspanTypeThreeWithSubheader() {
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_III,
                Packets.erspanIII(300, 0, true, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(segment.destinationMac).isEqualTo(INNER_SERVER_MAC);
        assertThat(segment.vlanIds[0]).isEqualTo(300);
        assertCounted("tunnelErspan");
    }

    @Test
    void erspanTypeThreeIpFrame() {
        int frameTypeIp = 2;
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_III,
                Packets.erspanIII(0, frameTypeIp, false, IPV6_TCP));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
        assertThat(segment.sourceMac).isEqualTo(-1);
        assertPayload();
    }

    @Test
    void erspanReservedFrameTypeNonIp() {
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_III,
                Packets.erspanIII(0, 5, false, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
        assertThat(decoder.stats().tunnelErspan).isEqualTo(1);
    }

    @Test
    void erspanUnknownVersionMalformed() {
        byte[] erspan = Packets.erspanII(0, 0, INNER_FRAME);
        erspan[0] = 0x30;                                         // version 3
        byte[] gre = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_II, erspan);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
    }

    @Test
    void vxlanInnerEthernet() {
        byte[] udp = Packets.udp(4789, Packets.vxlan(0x08, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
        assertThat(segment.vlanCount).isZero();
        assertCounted("tunnelVxlan");
    }

    @Test
    void vlanInsideVxlan() {
        byte[] inner = concat(Packets.INNER_SERVER_MAC, Packets.INNER_CLIENT_MAC, Packets.vlanTag(0x88A8, 10),
                Packets.vlanTag(0x8100, 20), Packets.u16(Packets.ETHERTYPE_IPV4), IPV4_TCP);
        byte[] udp = Packets.udp(4789, Packets.vxlan(0x08, inner));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isTrue();
        assertInnerIpv4();
        assertThat(Arrays.copyOf(segment.vlanIds, segment.vlanCount)).containsExactly(10, 20);
    }

    @Test
    void vxlanWithoutValidVniMalformed() {
        byte[] udp = Packets.udp(4789, Packets.vxlan(0x80, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
    }

    @Test
    void vxlanReservedBitsIgnored() {
        byte[] udp = Packets.udp(4789, Packets.vxlan(0xFF, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isTrue();
    }

    @Test
    void udpLengthBelowHeaderMalformed() {
        byte[] udp = Packets.udp(4789, Packets.vxlan(0x08, INNER_FRAME));
        udp[5] = 7;                                               // UDP length 7
        udp[4] = 0;

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isFalse();
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
    }

    @Test
    void otherUdpPortStaysUdp() {
        byte[] udp = Packets.udp(8472, Packets.vxlan(0x08, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isFalse();
        assertThat(decoder.stats().udp).isEqualTo(1);
        assertThat(decoder.stats().tunnelled).isZero();
    }

    @Test
    void geneveWithOptions() {
        byte[] options = concat(Packets.geneveOption(), Packets.geneveOption());
        byte[] udp = Packets.udp(6081, Packets.geneve(0, Packets.ETHERTYPE_TEB, options, INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
        assertCounted("tunnelGeneve");
    }

    @Test
    void geneveIpv4Payload() {
        byte[] udp = Packets.udp(6081, Packets.geneve(0, Packets.ETHERTYPE_IPV4, new byte[0], IPV4_TCP));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(-1);
    }

    @Test
    void geneveOtherVersionMalformed() {
        byte[] udp = Packets.udp(6081, Packets.geneve(1, Packets.ETHERTYPE_TEB, new byte[0], INNER_FRAME));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isFalse();
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
    }

    @Test
    void geneveOptionsOverrunMalformed() {
        byte[] geneve = Packets.geneve(0, Packets.ETHERTYPE_TEB, new byte[0], new byte[8]);
        geneve[0] = 0x3F;                                         // 63 words of options, 252 bytes
        byte[] udp = Packets.udp(6081, geneve);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
    }

    @Test
    void ipv4InIpv4() {
        assertThat(decodeOuter(Packets.outerIpv4(4, IPV4_TCP))).isTrue();
        assertInnerIpv4();
        assertCounted("tunnelIpInIp");
    }

    @Test
    void ipv6InIpv4() {
        assertThat(decodeOuter(Packets.outerIpv4(41, IPV6_TCP))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
        assertThat(segment.sourceAddress).containsExactly(Packets.CLIENT_IPV6);
        assertPayload();
        assertCounted("tunnelIpInIp");
    }

    @Test
    void ipv4AndIpv6InIpv6() {
        assertThat(decode(LinkType.RAW, Packets.ipv6(41, new byte[0], IPV6_TCP))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
        assertThat(decode(LinkType.RAW, Packets.ipv6(4, new byte[0], IPV4_TCP))).isTrue();
        assertInnerIpv4();
        assertThat(decoder.stats().tunnelIpInIp).isEqualTo(2);
    }

    @Test
    void ipInIpWrongVersionMalformed() {
        assertThat(decodeOuter(Packets.outerIpv4(4, IPV6_TCP))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).as("the inner header is at fault, not the tunnel").isZero();
    }

    @Test
    void mplsOnEthernet() {
        byte[] frame = Packets.ethernet(Packets.ETHERTYPE_MPLS, Packets.mpls(IPV4_TCP, 1000, 2000));

        assertThat(decode(LinkType.ETHERNET, frame)).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).as("MAC of the label switch router").isEqualTo(-1);
        assertCounted("tunnelMpls");
    }

    @Test
    void mplsMulticastIpv6() {
        byte[] frame = Packets.ethernet(0x8848, Packets.mpls(IPV6_TCP, 16));

        assertThat(decode(LinkType.ETHERNET, frame)).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
    }

    @Test
    void mplsPseudowireWithControlWord() {
        byte[] controlWord = {0, 0, 0, 1};
        byte[] frame = Packets.ethernet(Packets.ETHERTYPE_MPLS, Packets.mpls(concat(controlWord, INNER_FRAME), 17));

        assertThat(decode(LinkType.ETHERNET, frame)).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
    }

    @Test
    void mplsPseudowireWithoutControlWord() {
        byte[] inner = concat(new byte[] {0x00, 0x1b, 0x21, 0, 0, 1}, Packets.INNER_CLIENT_MAC,
                Packets.u16(Packets.ETHERTYPE_IPV4), IPV4_TCP);
        byte[] frame = Packets.ethernet(Packets.ETHERTYPE_MPLS, Packets.mpls(inner, 17));

        assertThat(decode(LinkType.ETHERNET, frame)).isTrue();
        assertInnerIpv4();
        assertThat(segment.destinationMac).isEqualTo(0x00_1b_21_00_00_01L);
    }

    @Test
    void mplsOtherPayloadNonIp() {
        byte[] associatedChannel = {0x10, 0, 0, 0x21, 0, 0, 0, 0};
        byte[] frame = Packets.ethernet(Packets.ETHERTYPE_MPLS, Packets.mpls(associatedChannel, 13));

        assertThat(decode(LinkType.ETHERNET, frame)).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
        assertThat(decoder.stats().tunnelMpls).isEqualTo(1);
    }

    @Test
    void mplsEndlessStackMalformed() {
        byte[] labels = new byte[4 * (MplsDecoder.MAX_LABELS + 1)];
        byte[] frame = Packets.ethernet(Packets.ETHERTYPE_MPLS, concat(labels, IPV4_TCP));

        assertThat(decode(LinkType.ETHERNET, frame)).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
    }

    @Test
    void mplsOverGre() {
        byte[] gre = Packets.gre(0, Packets.ETHERTYPE_MPLS, Packets.mpls(IPV4_TCP, 100));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(decoder.stats().tunnelGre).isEqualTo(1);
        assertThat(decoder.stats().tunnelMpls).isEqualTo(1);
        assertThat(decoder.stats().tunnelled).isEqualTo(1);
    }

    @Test
    void vxlanInsideGre() {
        byte[] vxlan = Packets.outerIpv4(Packets.PROTOCOL_UDP, Packets.udp(4789, Packets.vxlan(0x08, INNER_FRAME)));
        byte[] gre = Packets.gre(Packets.GRE_KEY, Packets.ETHERTYPE_IPV4, vxlan);

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_GRE, gre))).isTrue();
        assertInnerIpv4();
        assertThat(segment.sourceMac).isEqualTo(INNER_CLIENT_MAC);
        assertThat(decoder.stats().tunnelGre).isEqualTo(1);
        assertThat(decoder.stats().tunnelVxlan).isEqualTo(1);
        assertThat(decoder.stats().tunnelled).isEqualTo(1);
    }

    @Test
    void nestingUpToBoundDecodes() {
        assertThat(decode(LinkType.RAW, nestedIpInIp(TunnelDecoder.MAX_DEPTH))).isTrue();
        assertInnerIpv4();
        assertThat(decoder.stats().tunnelIpInIp).isEqualTo(TunnelDecoder.MAX_DEPTH);
    }

    @Test
    void nestingPastBoundMalformed() {
        assertThat(decode(LinkType.RAW, nestedIpInIp(TunnelDecoder.MAX_DEPTH + 1))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
        assertThat(decoder.stats().tunnelMalformed).isEqualTo(1);
        assertThat(decoder.stats().outcomes()).isEqualTo(decoder.stats().frames);
    }

    @Test
    void plainTcpCountsNoTunnel() {
        assertThat(decode(LinkType.ETHERNET, Packets.ethernet(Packets.ETHERTYPE_IPV4, IPV4_TCP))).isTrue();
        assertThat(decoder.stats().tunnelled).isZero();
        assertThat(segment.sourceMac).isEqualTo(0x02_00_00_00_00_01L);
    }

    @Test
    void tunnelledArpEndsNonIp() {
        byte[] arp = Packets.innerEthernet(0x0806, new byte[28]);
        byte[] udp = Packets.udp(4789, Packets.vxlan(0x08, arp));

        assertThat(decodeOuter(Packets.outerIpv4(Packets.PROTOCOL_UDP, udp))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
        assertThat(decoder.stats().tunnelled).isEqualTo(1);
        assertThat(decoder.stats().outcomes()).isEqualTo(1);
    }

    @Test
    void decodingTunnelsAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.List<Frame> frames = TruncationTest.tunnelSamples().stream()
                .map(sample -> Packets.frame(sample.linkType(), sample.data()))
                .toList();
        Frame[] all = frames.toArray(new Frame[0]);
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            decoded += decoder.decode(all[round % all.length], segment) ? 1 : 0;
        }

        long threadId = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(threadId);
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int round = 0; round < 20_000; round++) {
            decoded += decoder.decode(all[round % all.length], segment) ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(decoded).isEqualTo(40_000);
        // The smallest object takes 16 bytes, so one per decode would add 320,000. The JVM itself
        // allocated about 1 KiB on this thread in one run of 20,000 decodes.
        assertThat(allocated).as("bytes allocated by 20,000 decodes").isLessThan(20_000);
    }

    /** IPv4 in IPv4 {@code depth} times around the TCP packet. */
    private static byte[] nestedIpInIp(int depth) {
        byte[] packet = IPV4_TCP;
        for (int i = 0; i < depth; i++) {
            packet = Packets.outerIpv4(4, packet);
        }
        return packet;
    }

    /** Decodes {@code packet} in an Ethernet frame tagged with VLAN {@link #OUTER_VLAN}, as on a SPAN port. */
    private boolean decodeOuter(byte[] packet) {
        byte[] frame = Packets.ethernet(0x8100, concat(Packets.u16(OUTER_VLAN), Packets.u16(Packets.ETHERTYPE_IPV4),
                packet));
        return decode(LinkType.ETHERNET, frame);
    }

    private boolean decode(int linkType, byte[] data) {
        return decoder.decode(Packets.frame(linkType, data), segment);
    }

    private void assertInnerIpv4() {
        assertThat(segment.ipVersion).isEqualTo(4);
        assertThat(Arrays.copyOf(segment.sourceAddress, 4)).containsExactly(Packets.CLIENT_IPV4);
        assertThat(Arrays.copyOf(segment.destinationAddress, 4)).containsExactly(Packets.SERVER_IPV4);
        assertPayload();
    }

    private void assertPayload() {
        byte[] payload = Arrays.copyOfRange(segment.payload, segment.payloadOffset,
                segment.payloadOffset + segment.payloadLength);
        assertThat(payload).containsExactly(PAYLOAD);
        assertThat(segment.payloadMissing).isZero();
        assertThat(segment.sourcePort).isEqualTo(Packets.CLIENT_PORT);
        assertThat(segment.destinationPort).isEqualTo(Packets.DICOM_PORT);
    }

    /** Checks one decoded frame that opened one tunnel, of the kind that {@code counter} counts. */
    private void assertCounted(String counter) {
        PacketStats stats = decoder.stats();
        assertThat(stats.tcpSegments).isEqualTo(1);
        assertThat(stats.tunnelled).isEqualTo(1);
        assertThat(stats.tunnelMalformed).isZero();
        long kinds = stats.tunnelGre + stats.tunnelErspan + stats.tunnelVxlan + stats.tunnelGeneve
                + stats.tunnelIpInIp + stats.tunnelMpls;
        assertThat(kinds).as("tunnel headers counted").isEqualTo(1);
        try {
            assertThat(PacketStats.class.getField(counter).getLong(stats)).as(counter).isEqualTo(1);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no counter " + counter, e);
        }
        assertThat(stats.outcomes()).isEqualTo(stats.frames);
    }
}
