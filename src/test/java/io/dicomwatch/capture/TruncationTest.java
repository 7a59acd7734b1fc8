package io.dicomwatch.capture;

import static io.dicomwatch.capture.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TruncationTest {
    private static final byte[] PAYLOAD = {'A', '-', 'A', 'S', 'S', 'O', 'C'};
    private static final byte[] TCP_OPTIONS = {2, 4, 5, (byte) 0xB4, 1, 1, 4, 2};
    private static final byte[] TCP = Packets.tcp(7, TcpSegment.ACK, TCP_OPTIONS, PAYLOAD);
    private static final byte[] IPV4 = Packets.ipv4(Packets.PROTOCOL_TCP, new byte[] {1, 1, 1, 0}, TCP);
    /** IPv6 with a hop-by-hop header and an atomic fragment header in front of TCP. */
    private static final byte[] IPV6 = Packets.ipv6(0,
            concat(Packets.extension(44, 0), Packets.fragment6(Packets.PROTOCOL_TCP, 0, false)), TCP);
    private static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.LOOP,
        LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, LinkType.RAW_DLT_12};

    record Sample(String name, int linkType, byte[] data) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sample> samples() {
        byte[] vlanEthernet = Packets.ethernet(0x88A8, concat(Packets.u16(10), Packets.vlanTag(0x8100, 20),
                Packets.u16(Packets.ETHERTYPE_IPV4), IPV4));
        return List.of(
                new Sample("ethernet-vlan-ipv4", LinkType.ETHERNET, vlanEthernet),
                new Sample("ethernet-ipv6", LinkType.ETHERNET, Packets.ethernet(Packets.ETHERTYPE_IPV6, IPV6)),
                new Sample("null-ipv4", LinkType.NULL, concat(new byte[] {2, 0, 0, 0}, IPV4)),
                new Sample("loop-ipv6", LinkType.LOOP, concat(new byte[] {0, 0, 0, 30}, IPV6)),
                new Sample("raw-ipv4", LinkType.RAW, IPV4),
                new Sample("ipv6", LinkType.IPV6, IPV6),
                new Sample("sll-ipv4", LinkType.LINUX_SLL, Packets.sll(Packets.ETHERTYPE_IPV4, IPV4)),
                new Sample("sll2-ipv6", LinkType.LINUX_SLL2, Packets.sll2(Packets.ETHERTYPE_IPV6, 1, IPV6)));
    }

    /** Frames whose packet is inside one or two tunnels, with the same TCP segment. */
    static List<Sample> tunnelSamples() {
        byte[] innerIpv4 = Packets.innerEthernet(Packets.ETHERTYPE_IPV4, IPV4);
        byte[] innerVlanIpv4 = concat(Packets.INNER_SERVER_MAC, Packets.INNER_CLIENT_MAC, Packets.vlanTag(0x8100, 30),
                Packets.u16(Packets.ETHERTYPE_IPV4), IPV4);
        byte[] erspanII = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_II,
                Packets.erspanII(42, 0, innerIpv4));
        byte[] erspanIII = Packets.gre(Packets.GRE_SEQUENCE, Packets.ETHERTYPE_ERSPAN_III,
                Packets.erspanIII(42, 0, true, Packets.innerEthernet(Packets.ETHERTYPE_IPV6, IPV6)));
        byte[] vxlan = Packets.udp(4789, Packets.vxlan(0x08, innerVlanIpv4));
        byte[] geneve = Packets.udp(6081, Packets.geneve(0, Packets.ETHERTYPE_TEB, Packets.geneveOption(),
                Packets.innerEthernet(Packets.ETHERTYPE_IPV6, IPV6)));
        byte[] greIpv6 = Packets.gre(Packets.GRE_CHECKSUM | Packets.GRE_KEY, Packets.ETHERTYPE_IPV6, IPV6);
        byte[] greMpls = Packets.gre(0, Packets.ETHERTYPE_MPLS, Packets.mpls(IPV4, 100, 200));
        return List.of(
                new Sample("erspan2-ipv4", LinkType.ETHERNET,
                        Packets.ethernet(Packets.ETHERTYPE_IPV4, Packets.outerIpv4(Packets.PROTOCOL_GRE, erspanII))),
                new Sample("erspan3-ipv6", LinkType.RAW, Packets.outerIpv4(Packets.PROTOCOL_GRE, erspanIII)),
                new Sample("vxlan-vlan-ipv4", LinkType.ETHERNET,
                        Packets.ethernet(Packets.ETHERTYPE_IPV4, Packets.outerIpv4(Packets.PROTOCOL_UDP, vxlan))),
                new Sample("geneve-ipv6-over-ipv6", LinkType.RAW,
                        Packets.ipv6(Packets.PROTOCOL_UDP, new byte[0], geneve)),
                new Sample("gre-ipv6-over-ipv6", LinkType.RAW,
                        Packets.ipv6(Packets.PROTOCOL_GRE, new byte[0], greIpv6)),
                new Sample("6in4", LinkType.RAW, Packets.outerIpv4(41, IPV6)),
                new Sample("mpls-ipv4", LinkType.ETHERNET,
                        Packets.ethernet(Packets.ETHERTYPE_MPLS, Packets.mpls(IPV4, 1000, 2000))),
                new Sample("vxlan-in-gre-mpls", LinkType.RAW, Packets.outerIpv4(Packets.PROTOCOL_GRE,
                        Packets.gre(0, Packets.ETHERTYPE_MPLS, Packets.mpls(Packets.outerIpv4(Packets.PROTOCOL_UDP,
                                vxlan), 300)))),
                new Sample("gre-mpls-ipv4", LinkType.RAW, Packets.outerIpv4(Packets.PROTOCOL_GRE, greMpls)));
    }

    static List<Sample> allSamples() {
        List<Sample> all = new java.util.ArrayList<>(samples());
        all.addAll(tunnelSamples());
        return all;
    }

    @ParameterizedTest
    @MethodSource("allSamples")
    void snapCutAtEveryByte(Sample sample) {
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        int headersLength = sample.data().length - PAYLOAD.length;

        for (int cut = 0; cut <= sample.data().length; cut++) {
            Frame frame = Packets.frame(sample.linkType(), sample.data());
            frame.capturedLength = cut;
            boolean decoded = decoder.decode(frame, segment);

            assertThat(decoded).as("decoded at cut %d", cut).isEqualTo(cut >= headersLength);
            if (decoded) {
                assertThat(segment.payloadLength).as("payload at cut %d", cut).isEqualTo(cut - headersLength);
                assertThat(segment.payloadMissing).as("missing at cut %d", cut)
                        .isEqualTo(sample.data().length - cut);
            }
        }
        PacketStats stats = decoder.stats();
        assertThat(stats.truncated).isEqualTo(headersLength);
        assertThat(stats.malformed).isZero();
        assertThat(stats.outcomes()).isEqualTo(stats.frames);
    }

    @ParameterizedTest
    @MethodSource("allSamples")
    void shortFrameAtEveryByte(Sample sample) {
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        int headersLength = sample.data().length - PAYLOAD.length;

        for (int cut = 0; cut <= sample.data().length; cut++) {
            Frame frame = Packets.frame(sample.linkType(), sample.data());
            frame.capturedLength = cut;
            frame.originalLength = cut;

            assertThat(decoder.decode(frame, segment)).as("decoded at cut %d", cut).isEqualTo(cut >= headersLength);
        }
        PacketStats stats = decoder.stats();
        assertThat(stats.truncated).isZero();
        assertThat(stats.malformed).isEqualTo(headersLength);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20240613);
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        byte[] data = new byte[256];

        for (int i = 0; i < 200_000; i++) {
            random.nextBytes(data);
            Frame frame = Packets.frame(LINK_TYPES[i % LINK_TYPES.length], data);
            frame.capturedLength = random.nextInt(data.length + 1);
            frame.originalLength = frame.capturedLength + (random.nextBoolean() ? 0 : random.nextInt(2000));
            decoder.decode(frame, segment);
        }

        assertThat(decoder.stats().outcomes()).isEqualTo(decoder.stats().frames);
    }

    @ParameterizedTest
    @MethodSource("allSamples")
    void mutatedHeadersNeverThrow(Sample sample) {
        Random random = new Random(sample.name().hashCode());
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();

        for (int i = 0; i < 20_000; i++) {
            byte[] data = sample.data().clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            Frame frame = Packets.frame(sample.linkType(), data);
            frame.capturedLength = random.nextInt(data.length + 1);
            if (decoder.decode(frame, segment)) {
                assertThat(segment.payloadOffset + segment.payloadLength).isLessThanOrEqualTo(frame.capturedLength);
                assertThat(segment.payloadLength).isNotNegative();
            }
        }

        assertThat(decoder.stats().outcomes()).isEqualTo(decoder.stats().frames);
    }
}
