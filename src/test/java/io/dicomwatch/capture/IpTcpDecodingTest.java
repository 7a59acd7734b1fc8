package io.dicomwatch.capture;

import static io.dicomwatch.capture.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IpTcpDecodingTest {
    private static final byte[] PAYLOAD = {'D', 'I', 'C', 'O', 'M'};
    private static final byte[] TCP = Packets.tcp(PAYLOAD);
    private static final byte[] NO_OPTIONS = new byte[0];
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int ESP = 50;
    private static final int AH = 51;
    private static final int NO_NEXT_HEADER = 59;
    private static final int DESTINATION_OPTIONS = 60;

    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpSegment segment = new TcpSegment();

    @Test
    void ipv4FieldsDecoded() {
        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, TCP))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(4);
        assertThat(Arrays.copyOf(segment.sourceAddress, 4)).containsExactly(Packets.CLIENT_IPV4);
        assertThat(Arrays.copyOf(segment.destinationAddress, 4)).containsExactly(Packets.SERVER_IPV4);
        assertThat(segment.sequenceNumber).isEqualTo(1000);
        assertThat(segment.acknowledgementNumber).isEqualTo(0x80000001L);
        assertThat(segment.flags).isEqualTo(TcpSegment.ACK | TcpSegment.PSH);
        assertThat(segment.frameNumber).isEqualTo(1);
        assertPayload(PAYLOAD);
    }

    @Test
    void sequenceNumberUnsigned() {
        byte[] tcp = Packets.tcp(0xFFFF_FFFEL, TcpSegment.SYN, NO_OPTIONS, new byte[0]);

        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, tcp))).isTrue();
        assertThat(segment.sequenceNumber).isEqualTo(0xFFFF_FFFEL);
        assertThat(segment.hasFlag(TcpSegment.SYN)).isTrue();
        assertThat(segment.payloadLength).isZero();
    }

    @Test
    void ipv4OptionsSkipped() {
        byte[] routerAlert = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0};   // router alert, NOP, NOP, NOP, end

        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, routerAlert, TCP))).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void tcpOptionsSkipped() {
        byte[] options = {2, 4, 5, (byte) 0xB4, 1, 1, 4, 2};       // MSS 1460, NOP, NOP, SACK permitted
        byte[] tcp = Packets.tcp(1, TcpSegment.ACK, options, PAYLOAD);

        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, tcp))).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void ethernetPaddingTrimmed() {
        byte[] ack = Packets.ipv4(Packets.PROTOCOL_TCP, Packets.tcp(new byte[0]));
        byte[] padding = {'P', 'A', 'D', 'P', 'A', 'D'};            // 14 + 40 + 6 = 60-byte minimum frame
        byte[] data = Packets.ethernet(Packets.ETHERTYPE_IPV4, concat(ack, padding));

        assertThat(decoder.decode(Packets.frame(LinkType.ETHERNET, data), segment)).isTrue();
        assertThat(segment.payloadLength).isZero();
        assertThat(segment.payloadMissing).isZero();
    }

    @Test
    void ethernetFcsTrimmed() {
        byte[] fcs = {1, 2, 3, 4};
        byte[] data = Packets.ethernet(Packets.ETHERTYPE_IPV4, concat(Packets.ipv4(Packets.PROTOCOL_TCP, TCP), fcs));

        assertThat(decoder.decode(Packets.frame(LinkType.ETHERNET, data), segment)).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void ipv6PaddingTrimmed() {
        byte[] data = Packets.ethernet(Packets.ETHERTYPE_IPV6,
                concat(Packets.ipv6(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP), new byte[] {7, 7, 7}));

        assertThat(decoder.decode(Packets.frame(LinkType.ETHERNET, data), segment)).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void totalLengthZeroUsesCaptured() {
        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 0, 0))).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void totalLengthBelowHeaderMalformed() {
        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 19, 0))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void totalLengthCutsTcpHeaderMalformed() {
        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 30, 0))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void headerLengthBelowFiveMalformed() {
        byte[] packet = Packets.ipv4(Packets.PROTOCOL_TCP, TCP);
        packet[0] = 0x44;

        assertThat(decodeRaw(packet)).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void ipv4FragmentsCounted() {
        int moreFragments = 0x2000;
        int offset8 = 0x0001;

        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 45, moreFragments))).isFalse();
        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 45, offset8))).isFalse();
        assertThat(decoder.stats().ipFragments).isEqualTo(2);
    }

    @Test
    void dontFragmentIsWhole() {
        int dontFragment = 0x4000;

        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 45, dontFragment))).isTrue();
    }

    @Test
    void otherProtocolsCounted() {
        decodeRaw(Packets.ipv4(Packets.PROTOCOL_UDP, new byte[8]));
        decodeRaw(Packets.ipv4(1, new byte[8]));
        decodeRaw(Packets.ipv6(58, NO_OPTIONS, new byte[8]));
        int sctp = 132;
        decodeRaw(Packets.ipv4(sctp, new byte[8]));

        assertThat(decoder.stats().udp).isEqualTo(1);
        assertThat(decoder.stats().icmp).isEqualTo(2);
        assertThat(decoder.stats().otherIp).isEqualTo(1);
        assertThat(decoder.stats().tcpSegments).isZero();
    }

    @Test
    void ipv6ExtensionHeadersSkipped() {
        byte[] extensions = concat(
                Packets.extension(ROUTING, 0),              // hop-by-hop, 8 bytes
                Packets.extension(DESTINATION_OPTIONS, 1),  // routing, 16 bytes
                Packets.extension(AH, 0),                   // destination options, 8 bytes
                authenticationHeader(Packets.PROTOCOL_TCP));

        assertThat(decodeRaw(Packets.ipv6(HOP_BY_HOP, extensions, TCP))).isTrue();
        assertThat(segment.ipVersion).isEqualTo(6);
        assertThat(segment.sourceAddress).containsExactly(Packets.CLIENT_IPV6);
        assertThat(segment.destinationAddress).containsExactly(Packets.SERVER_IPV6);
        assertPayload(PAYLOAD);
    }

    @Test
    void ipv6MobilityHipShim6Skipped() {
        int mobility = 135;
        int hip = 139;
        int shim6 = 140;
        byte[] extensions = concat(Packets.extension(hip, 0), Packets.extension(shim6, 1),
                Packets.extension(Packets.PROTOCOL_TCP, 0));

        assertThat(decodeRaw(Packets.ipv6(mobility, extensions, TCP))).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void ipv6FragmentsCounted() {
        byte[] first = Packets.fragment6(Packets.PROTOCOL_TCP, 0, true);
        byte[] later = Packets.fragment6(Packets.PROTOCOL_TCP, 100, false);

        assertThat(decodeRaw(Packets.ipv6(FRAGMENT, first, TCP))).isFalse();
        assertThat(decodeRaw(Packets.ipv6(FRAGMENT, later, TCP))).isFalse();
        assertThat(decoder.stats().ipFragments).isEqualTo(2);
    }

    @Test
    void ipv6AtomicFragmentDecoded() {
        byte[] atomic = Packets.fragment6(Packets.PROTOCOL_TCP, 0, false);

        assertThat(decodeRaw(Packets.ipv6(FRAGMENT, atomic, TCP))).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void ipv6EspAndNoNextHeader() {
        decodeRaw(Packets.ipv6(ESP, NO_OPTIONS, new byte[16]));
        decodeRaw(Packets.ipv6(HOP_BY_HOP, Packets.extension(NO_NEXT_HEADER, 0), new byte[0]));

        assertThat(decoder.stats().otherIp).isEqualTo(2);
    }

    @Test
    void ipv6JumbogramUsesCaptured() {
        assertThat(decodeRaw(Packets.ipv6(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 0))).isTrue();
        assertPayload(PAYLOAD);
    }

    @Test
    void ipv6ExtensionChainBounded() {
        byte[] chain = new byte[0];
        for (int i = 0; i <= Ipv6Decoder.MAX_EXTENSION_HEADERS; i++) {
            chain = concat(chain, Packets.extension(DESTINATION_OPTIONS, 0));
        }

        assertThat(decodeRaw(Packets.ipv6(DESTINATION_OPTIONS, chain, TCP))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void tcpDataOffsetBelowFiveMalformed() {
        byte[] tcp = TCP.clone();
        tcp[12] = 0x40;

        assertThat(decodeRaw(Packets.ipv4(Packets.PROTOCOL_TCP, tcp))).isFalse();
        assertThat(decoder.stats().malformed).isEqualTo(1);
    }

    @Test
    void snapLengthCutsPayload() {
        byte[] packet = Packets.ipv4(Packets.PROTOCOL_TCP, TCP);
        Frame frame = Packets.frame(LinkType.RAW, packet);
        frame.capturedLength = packet.length - 3;

        assertThat(decoder.decode(frame, segment)).isTrue();
        assertPayload(new byte[] {'D', 'I'});
        assertThat(segment.payloadMissing).isEqualTo(3);
        assertThat(decoder.stats().tcpPayloadTruncated).isEqualTo(1);
    }

    @Test
    void missingLimitedToWire() {
        // The IP header announces 100 bytes, but the whole 45-byte frame was captured.
        byte[] packet = Packets.ipv4(Packets.PROTOCOL_TCP, NO_OPTIONS, TCP, 100, 0);

        assertThat(decodeRaw(packet)).isTrue();
        assertPayload(PAYLOAD);
        assertThat(segment.payloadMissing).isZero();
    }

    @Test
    void snapLengthCutsHeaderTruncated() {
        byte[] packet = Packets.ipv4(Packets.PROTOCOL_TCP, TCP);
        Frame frame = Packets.frame(LinkType.RAW, packet);
        frame.capturedLength = 30;

        assertThat(decoder.decode(frame, segment)).isFalse();
        assertThat(decoder.stats().truncated).isEqualTo(1);
    }

    @Test
    void statsCountBytesAndOutcomes() {
        byte[] packet = Packets.ipv4(Packets.PROTOCOL_TCP, TCP);
        Frame frame = Packets.frame(LinkType.RAW, packet);
        frame.originalLength = 1500;
        decoder.decode(frame, segment);
        decodeRaw(Packets.ipv4(Packets.PROTOCOL_UDP, new byte[8]));
        PacketStats merged = new PacketStats();
        merged.add(decoder.stats());
        merged.add(decoder.stats());

        assertThat(decoder.stats().frames).isEqualTo(2);
        assertThat(decoder.stats().bytes).isEqualTo(1500 + 28);
        assertThat(decoder.stats().capturedBytes).isEqualTo(packet.length + 28);
        assertThat(decoder.stats().outcomes()).isEqualTo(2);
        assertThat(merged.frames).isEqualTo(4);
        assertThat(merged.udp).isEqualTo(2);
        assertThat(merged.tcpSegments).isEqualTo(2);
    }

    /** AH with a 12-byte ICV: payload length 4, in 4-byte units minus 2. */
    private static byte[] authenticationHeader(int nextHeader) {
        byte[] header = new byte[24];
        header[0] = (byte) nextHeader;                     // next header
        header[1] = 4;                                     // payload length: (24 / 4) - 2
        return header;
    }

    private boolean decodeRaw(byte[] packet) {
        return decoder.decode(Packets.frame(LinkType.RAW, packet), segment);
    }

    private void assertPayload(byte[] expected) {
        byte[] payload = Arrays.copyOfRange(segment.payload, segment.payloadOffset,
                segment.payloadOffset + segment.payloadLength);
        assertThat(payload).containsExactly(expected);
    }
}
