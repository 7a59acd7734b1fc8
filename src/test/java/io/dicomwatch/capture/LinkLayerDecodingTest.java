package io.dicomwatch.capture;

import static io.dicomwatch.capture.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkLayerDecodingTest {
    private static final byte[] PAYLOAD = {'A', 'B', 'C'};
    private static final byte[] IPV4_TCP = Packets.ipv4(Packets.PROTOCOL_TCP, Packets.tcp(PAYLOAD));
    private static final byte[] IPV6_TCP = Packets.ipv6(Packets.PROTOCOL_TCP, new byte[0], Packets.tcp(PAYLOAD));

    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpSegment segment = new TcpSegment();

    @Test
    void ethernetIpv4() {
        byte[] data = Packets.ethernet(Packets.ETHERTYPE_IPV4, IPV4_TCP);

        assertThat(decode(LinkType.ETHERNET, data)).isTrue();
        assertThat(segment.destinationMac).isEqualTo(0x02_00_00_00_00_02L);
        assertThat(segment.sourceMac).isEqualTo(0x02_00_00_00_00_01L);
        assertThat(segment.vlanCount).isZero();
        assertThat(segment.ipVersion).isEqualTo(4);
        assertPayload();
    }

    @Test
    void ethernetIpv6() {
        assertThat(decode(LinkType.ETHERNET, Packets.ethernet(Packets.ETHERTYPE_IPV6, IPV6_TCP))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
        assertPayload();
    }

    @Test
    void stackedVlansRecordOuterTwo() {
        byte[] data = Packets.ethernet(0x88A8, concat(
                Packets.u16(100),                     // outer TCI: VLAN 100
                Packets.vlanTag(0x8100, 200),         // inner tag: VLAN 200
                Packets.vlanTag(0x9100, 300),         // third tag, old QinQ TPID
                Packets.u16(Packets.ETHERTYPE_IPV4),  // EtherType
                IPV4_TCP));

        assertThat(decode(LinkType.ETHERNET, data)).isTrue();
        assertThat(segment.vlanCount).isEqualTo(2);
        assertThat(segment.vlanIds[0]).isEqualTo(100);
        assertThat(segment.vlanIds[1]).isEqualTo(200);
        assertPayload();
    }

    @Test
    void vlanPriorityBitsIgnored() {
        byte[] data = Packets.ethernet(0x8100, concat(Packets.u16(0xE000 | 42), Packets.u16(0x0800), IPV4_TCP));

        assertThat(decode(LinkType.ETHERNET, data)).isTrue();
        assertThat(segment.vlanIds[0]).isEqualTo(42);
    }

    @Test
    void endlessVlanTagsMalformed() {
        byte[] tags = new byte[4 * (LinkLayerDecoder.MAX_VLAN_TAGS + 1)];
        for (int i = 0; i < tags.length; i += 4) {
            tags[i] = (byte) 0x81;                   // TPID 0x8100 again and again
        }
        byte[] data = Packets.ethernet(0x8100, concat(Packets.u16(1), tags, IPV4_TCP));

        assertThat(decode(LinkType.ETHERNET, data)).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void ieee8023LengthIsNonIp() {
        byte[] llc = {(byte) 0xAA, (byte) 0xAA, 3, 0, 0, 0, 8, 0};
        byte[] data = Packets.ethernet(llc.length + IPV4_TCP.length, concat(llc, IPV4_TCP));

        assertThat(decode(LinkType.ETHERNET, data)).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
    }

    @Test
    void arpIsNonIp() {
        assertThat(decode(LinkType.ETHERNET, Packets.ethernet(0x0806, new byte[28]))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 24, 28, 30})
    void nullBothByteOrders(int family) {
        byte[] little = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(family).array();
        byte[] big = ByteBuffer.allocate(4).putInt(family).array();
        byte[] packet = family == 2 ? IPV4_TCP : IPV6_TCP;

        assertThat(decode(LinkType.NULL, concat(little, packet))).isTrue();
        assertThat(decode(LinkType.NULL, concat(big, packet))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(family == 2 ? 4 : 6);
        assertThat(segment.sourceMac).isEqualTo(-1);
        assertPayload();
    }

    @Test
    void nullOtherFamilyIsNonIp() {
        byte[] appleTalk = {16, 0, 0, 0};

        assertThat(decode(LinkType.NULL, concat(appleTalk, IPV4_TCP))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
    }

    @Test
    void loopNetworkOrder() {
        byte[] inet6 = {0, 0, 0, 24};

        assertThat(decode(LinkType.LOOP, concat(inet6, IPV6_TCP))).isTrue();
        assertPayload();
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.RAW_DLT_12, LinkType.RAW_DLT_14})
    void rawBothVersions(int linkType) {
        assertThat(decode(linkType, IPV4_TCP)).isTrue();
        assertThat(segment.ipVersion).isEqualTo(4);
        assertThat(decode(linkType, IPV6_TCP)).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
    }

    @Test
    void rawOtherVersionMalformed() {
        assertThat(decode(LinkType.RAW, new byte[] {0x50, 0, 0, 0})).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void ipv4AndIpv6LinkTypes() {
        assertThat(decode(LinkType.IPV4, IPV4_TCP)).isTrue();
        assertThat(decode(LinkType.IPV6, IPV6_TCP)).isTrue();
        assertThat(decode(LinkType.IPV4, IPV6_TCP)).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void linuxCookedV1() {
        assertThat(decode(LinkType.LINUX_SLL, Packets.sll(Packets.ETHERTYPE_IPV4, IPV4_TCP))).isTrue();
        assertThat(segment.sourceMac).isEqualTo(0x02_00_00_00_00_01L);
        assertThat(segment.destinationMac).isEqualTo(-1);
        assertPayload();
    }

    @Test
    void linuxCookedV1WithVlanTag() {
        byte[] tagged = concat(Packets.u16(7), Packets.u16(Packets.ETHERTYPE_IPV4), IPV4_TCP);

        assertThat(decode(LinkType.LINUX_SLL, Packets.sll(0x8100, tagged))).isTrue();
        assertThat(segment.vlanIds[0]).isEqualTo(7);
        assertPayload();
    }

    @Test
    void linuxCookedV2() {
        assertThat(decode(LinkType.LINUX_SLL2, Packets.sll2(Packets.ETHERTYPE_IPV6, 1, IPV6_TCP))).isTrue();
        assertThat(segment.sourceMac).isEqualTo(0x02_00_00_00_00_01L);
        assertPayload();
    }

    @Test
    void linuxCookedNetlinkIsNonIp() {
        assertThat(decode(LinkType.LINUX_SLL2, Packets.sll2(Packets.ETHERTYPE_IPV4, 824, IPV4_TCP))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
    }

    @Test
    void linuxCookedPseudoProtocolIsNonIp() {
        int ethP8022 = 4;

        assertThat(decode(LinkType.LINUX_SLL, Packets.sll(ethP8022, IPV4_TCP))).isFalse();
        assertThat(decoder.stats().nonIp).isEqualTo(1);
    }

    @Test
    void unknownLinkTypeCounted() {
        int ieee80211 = 105;

        assertThat(decode(ieee80211, IPV4_TCP)).isFalse();
        assertThat(decoder.stats().unsupportedLinkType).isEqualTo(1);
    }

    @Test
    void inconsistentFrameMalformed() {
        Frame frame = Packets.frame(LinkType.RAW, IPV4_TCP);
        frame.capturedLength = IPV4_TCP.length + 1;

        assertThat(decoder.decode(frame, segment)).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void frameAtOffsetInBuffer() {
        byte[] buffer = concat(new byte[] {9, 9, 9}, IPV4_TCP, new byte[] {9, 9});
        Frame frame = Packets.frame(LinkType.RAW, buffer);
        frame.offset = 3;
        frame.capturedLength = IPV4_TCP.length;
        frame.originalLength = IPV4_TCP.length;

        assertThat(decoder.decode(frame, segment)).isTrue();
        assertPayload();
    }

    private boolean decode(int linkType, byte[] data) {
        return decoder.decode(Packets.frame(linkType, data), segment);
    }

    private void assertPayload() {
        byte[] payload = java.util.Arrays.copyOfRange(segment.payload, segment.payloadOffset,
                segment.payloadOffset + segment.payloadLength);
        assertThat(payload).containsExactly(PAYLOAD);
        assertThat(segment.payloadMissing).isZero();
        assertThat(segment.sourcePort).isEqualTo(Packets.CLIENT_PORT);
        assertThat(segment.destinationPort).isEqualTo(Packets.DICOM_PORT);
    }
}
