package io.dicomwatch.capture;

/**
 * Opens the tunnels that deliver mirrored traffic to a sensor, so that the packet decoder reaches
 * the packet inside. It opens GRE with an IP, Ethernet or MPLS payload, ERSPAN types I to III,
 * VXLAN, Geneve, IPv4 or IPv6 in IPv4 or IPv6, and MPLS label stacks.
 *
 * <p>The packet decoder passes on every IP payload that is neither TCP nor ICMP, and every
 * network layer that is MPLS. A method returns {@link DecodeOutcome#CONTINUE} when it opened a
 * tunnel and the cursor is at the inner network layer, whose EtherType is the cursor's protocol
 * (IPv4, IPv6 or MPLS). Otherwise it returns the frame's final outcome: the inner frame's when a
 * tunnel opened, such as non-IP for an inner ARP frame.
 *
 * <p>The inner packet is what the inventory records. Opening a tunnel clears the MAC addresses
 * and VLAN IDs decoded so far, because they belong to the mirroring session's own transport. An
 * inner Ethernet frame sets them again, and a tunnel of bare IP packets leaves them unknown. When the
 * mirrored frame of an ERSPAN header has no VLAN tag, the header's VLAN field is recorded instead.
 *
 * <p>At most {@link #MAX_DEPTH} tunnels are opened in one frame. One more, and an invalid tunnel
 * header, make the frame malformed and count in {@link PacketStats#tunnelMalformed}. The
 * decoders read only the captured bytes and allocate nothing.
 */
final class TunnelDecoder {
    /** Transparent Ethernet Bridging: the GRE and Geneve protocol type of an Ethernet frame. */
    static final int ETHERTYPE_TRANSPARENT_ETHERNET = 0x6558;
    /**
     * Protocol of a tunnel payload whose header does not name IP, Ethernet or MPLS: 0 is an 802.3
     * length, never an EtherType.
     */
    static final int ETHERTYPE_UNKNOWN = 0;
    /**
     * Maximum number of tunnels opened in one frame; one more makes it malformed. Mirroring nests
     * two or three, such as ERSPAN over an MPLS core. The bound stops a crafted frame from nesting
     * IP in IP until its end, 20 bytes at a time.
     */
    static final int MAX_DEPTH = 8;

    private static final int PROTOCOL_IPV4_IN_IP = 4;
    private static final int PROTOCOL_IPV6_IN_IP = 41;

    private final PacketStats stats;
    /** Tunnels opened in the current frame. */
    private int depth;

    TunnelDecoder(PacketStats stats) {
        this.stats = stats;
    }

    void reset() {
        depth = 0;
    }

    /**
     * Sets the cursor's protocol to the EtherType of the IP version at the cursor, or to
     * {@link #ETHERTYPE_UNKNOWN} for another version. Some tunnels identify an IP payload only so.
     */
    static DecodeOutcome ipByVersion(PacketCursor cursor) {
        if (cursor.remaining() < 1) {
            return cursor.shortHeader(1);
        }
        int version = Bytes.u8(cursor.data, cursor.offset) >>> 4;
        if (version == Ipv4Decoder.VERSION) {
            cursor.protocol = LinkLayerDecoder.ETHERTYPE_IPV4;
        } else if (version == Ipv6Decoder.VERSION) {
            cursor.protocol = LinkLayerDecoder.ETHERTYPE_IPV6;
        } else {
            cursor.protocol = ETHERTYPE_UNKNOWN;
        }
        return DecodeOutcome.CONTINUE;
    }

    /** Decodes an IP payload of the cursor's protocol number: GRE, IP in IP, or other IP. */
    DecodeOutcome decodeIpPayload(PacketCursor cursor, TcpSegment segment) {
        return switch (cursor.protocol) {
            case GreDecoder.PROTOCOL -> decodeGre(cursor, segment);
            case PROTOCOL_IPV4_IN_IP -> openIpInIp(cursor, segment, LinkLayerDecoder.ETHERTYPE_IPV4);
            case PROTOCOL_IPV6_IN_IP -> openIpInIp(cursor, segment, LinkLayerDecoder.ETHERTYPE_IPV6);
            default -> DecodeOutcome.OTHER_IP;
        };
    }

    /**
     * Decodes a UDP datagram, opening VXLAN and Geneve by their destination ports. A datagram cut
     * before its destination port may be a tunnel, so it ends as truncated or malformed.
     */
    DecodeOutcome decodeUdp(PacketCursor cursor, TcpSegment segment) {
        if (cursor.remaining() < UdpTunnelDecoder.PORTS_LENGTH) {
            return cursor.shortHeader(UdpTunnelDecoder.PORTS_LENGTH);
        }
        int port = UdpTunnelDecoder.tunnelPort(cursor);
        if (port < 0) {
            return DecodeOutcome.UDP;
        }
        DecodeOutcome outcome = countMalformed(UdpTunnelDecoder.decode(cursor, port));
        if (outcome != DecodeOutcome.CONTINUE) {
            return outcome;
        }
        if (!open(segment)) {
            return DecodeOutcome.MALFORMED;
        }
        if (port == UdpTunnelDecoder.VXLAN_PORT) {
            stats.tunnelVxlan++;
        } else {
            stats.tunnelGeneve++;
        }
        return enterPayload(cursor, segment);
    }

    /** Decodes an MPLS label stack, the network layer of the EtherTypes 0x8847 and 0x8848. */
    DecodeOutcome decodeMpls(PacketCursor cursor, TcpSegment segment) {
        DecodeOutcome outcome = countMalformed(MplsDecoder.decode(cursor));
        if (outcome != DecodeOutcome.CONTINUE) {
            return outcome;
        }
        if (!open(segment)) {
            return DecodeOutcome.MALFORMED;
        }
        stats.tunnelMpls++;
        return enterPayload(cursor, segment);
    }

    private DecodeOutcome openIpInIp(PacketCursor cursor, TcpSegment segment, int etherType) {
        if (!open(segment)) {
            return DecodeOutcome.MALFORMED;
        }
        stats.tunnelIpInIp++;
        cursor.protocol = etherType;
        return DecodeOutcome.CONTINUE;
    }

    private DecodeOutcome decodeGre(PacketCursor cursor, TcpSegment segment) {
        int greStart = cursor.offset;
        DecodeOutcome outcome = countMalformed(GreDecoder.decode(cursor));
        if (outcome != DecodeOutcome.CONTINUE) {
            return outcome;
        }
        int protocolType = cursor.protocol;
        if (protocolType != ErspanDecoder.GRE_PROTOCOL_TYPE_II && protocolType != ErspanDecoder.GRE_PROTOCOL_TYPE_III) {
            if (!open(segment)) {
                return DecodeOutcome.MALFORMED;
            }
            stats.tunnelGre++;
            return enterPayload(cursor, segment);
        }

        boolean sequenceNumber = GreDecoder.hasSequenceNumber(cursor.data, greStart);
        int erspanStart = cursor.offset;
        outcome = countMalformed(ErspanDecoder.decode(cursor, protocolType, sequenceNumber));
        if (outcome != DecodeOutcome.CONTINUE) {
            return outcome;
        }
        if (!open(segment)) {
            return DecodeOutcome.MALFORMED;
        }
        stats.tunnelErspan++;
        outcome = enterPayload(cursor, segment);
        int originalVlan = ErspanDecoder.originalVlan(cursor.data, erspanStart, protocolType, sequenceNumber);
        if (originalVlan != 0 && segment.vlanCount == 0) {
            segment.vlanIds[0] = originalVlan;
            segment.vlanCount = 1;
        }
        return outcome;
    }

    /**
     * Counts a tunnel whose header decoded, unless it is one more than {@link #MAX_DEPTH}, and
     * clears the MAC addresses and VLAN IDs of the outer layers. Returns false past the bound.
     */
    private boolean open(TcpSegment segment) {
        if (++depth > MAX_DEPTH) {
            stats.tunnelMalformed++;
            return false;
        }
        if (depth == 1) {
            stats.tunnelled++;
        }
        segment.sourceMac = -1;
        segment.destinationMac = -1;
        segment.vlanCount = 0;
        return true;
    }

    /** Decodes the Ethernet frame a tunnel carries, or leaves an inner IP or MPLS layer to the packet decoder. */
    private static DecodeOutcome enterPayload(PacketCursor cursor, TcpSegment segment) {
        return switch (cursor.protocol) {
            case ETHERTYPE_TRANSPARENT_ETHERNET -> LinkLayerDecoder.decodeEthernet(cursor, segment);
            case LinkLayerDecoder.ETHERTYPE_IPV4, LinkLayerDecoder.ETHERTYPE_IPV6, MplsDecoder.ETHERTYPE_UNICAST,
                    MplsDecoder.ETHERTYPE_MULTICAST -> DecodeOutcome.CONTINUE;
            default -> DecodeOutcome.NON_IP;
        };
    }

    private DecodeOutcome countMalformed(DecodeOutcome outcome) {
        if (outcome == DecodeOutcome.MALFORMED) {
            stats.tunnelMalformed++;
        }
        return outcome;
    }
}
