package io.dicomwatch.capture;

/**
 * Decodes the link-layer header of a frame down to its network-layer EtherType.
 *
 * <p>On {@link DecodeOutcome#CONTINUE} the cursor is at the network header and its protocol is
 * {@link #ETHERTYPE_IPV4}, {@link #ETHERTYPE_IPV6} or an MPLS EtherType, which
 * {@link TunnelDecoder} opens. Sources: the tcpdump.org link-layer header type registry for the
 * pseudo-headers, IEEE 802.1Q for VLAN tags.
 */
final class LinkLayerDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard 802.1ad stacking TPID used by older switches. */
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** Type fields below this are 802.3 lengths, and the frame carries LLC, not IP. */
    private static final int MIN_ETHERTYPE = 0x0600;

    private static final int ETHERNET_HEADER_LENGTH = 14;
    private static final int ETHERNET_DESTINATION_OFFSET = 0;
    private static final int ETHERNET_SOURCE_OFFSET = 6;
    private static final int ETHERNET_TYPE_OFFSET = 12;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int VLAN_ID_MASK = 0x0FFF;
    /**
     * Tags decoded past before a frame counts as malformed. 802.1ad stacks two. The bound leaves
     * room for unusual provider stacks and stops crafted frames from looping long.
     */
    static final int MAX_VLAN_TAGS = 8;

    /** Linux cooked v1: packet type, ARPHRD type, address length, 8-byte address, protocol. */
    private static final int SLL_HEADER_LENGTH = 16;
    private static final int SLL_ARPHRD_OFFSET = 2;
    private static final int SLL_ADDRESS_LENGTH_OFFSET = 4;
    private static final int SLL_ADDRESS_OFFSET = 6;
    private static final int SLL_PROTOCOL_OFFSET = 14;
    /** Linux cooked v2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
    private static final int SLL2_HEADER_LENGTH = 20;
    private static final int SLL2_PROTOCOL_OFFSET = 0;
    private static final int SLL2_ARPHRD_OFFSET = 8;
    private static final int SLL2_ADDRESS_LENGTH_OFFSET = 11;
    private static final int SLL2_ADDRESS_OFFSET = 12;
    private static final int ARPHRD_ETHER = 1;
    /** Netlink messages, whose protocol field is a netlink family and not an EtherType. */
    private static final int ARPHRD_NETLINK = 824;
    private static final int MAC_LENGTH = 6;

    /** BSD loopback address families: IPv4, and IPv6 as NetBSD/OpenBSD, FreeBSD and macOS number it. */
    private static final int LOOPBACK_HEADER_LENGTH = 4;
    private static final int AF_INET = 2;
    private static final int AF_INET6_BSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;

    private static final int IP_VERSION_4 = 4;
    private static final int IP_VERSION_6 = 6;

    private LinkLayerDecoder() {
    }

    static DecodeOutcome decode(PacketCursor cursor, int linkType, TcpSegment segment) {
        return switch (linkType) {
            case LinkType.ETHERNET -> decodeEthernet(cursor, segment);
            case LinkType.NULL -> decodeLoopback(cursor, false);
            case LinkType.LOOP -> decodeLoopback(cursor, true);
            case LinkType.RAW, LinkType.RAW_DLT_12, LinkType.RAW_DLT_14 -> decodeRawIp(cursor);
            case LinkType.IPV4 -> network(cursor, ETHERTYPE_IPV4);
            case LinkType.IPV6 -> network(cursor, ETHERTYPE_IPV6);
            case LinkType.LINUX_SLL -> decodeCooked(cursor, segment, false);
            case LinkType.LINUX_SLL2 -> decodeCooked(cursor, segment, true);
            default -> DecodeOutcome.UNSUPPORTED_LINK_TYPE;
        };
    }

    /** Decodes an Ethernet II header, of a link layer or of a frame inside a tunnel. */
    static DecodeOutcome decodeEthernet(PacketCursor cursor, TcpSegment segment) {
        if (cursor.remaining() < ETHERNET_HEADER_LENGTH) {
            return cursor.shortHeader(ETHERNET_HEADER_LENGTH);
        }
        byte[] data = cursor.data;
        segment.destinationMac = Bytes.mac(data, cursor.offset + ETHERNET_DESTINATION_OFFSET);
        segment.sourceMac = Bytes.mac(data, cursor.offset + ETHERNET_SOURCE_OFFSET);
        int etherType = Bytes.u16(data, cursor.offset + ETHERNET_TYPE_OFFSET);
        cursor.offset += ETHERNET_HEADER_LENGTH;
        return decodeEtherType(cursor, segment, etherType);
    }

    /**
     * Decodes past any VLAN tags (802.1Q, 802.1ad, old QinQ), recording the first
     * {@link TcpSegment#MAX_VLAN_TAGS} IDs outermost first, then dispatches on the EtherType.
     */
    private static DecodeOutcome decodeEtherType(PacketCursor cursor, TcpSegment segment, int firstEtherType) {
        int etherType = firstEtherType;
        int tags = 0;
        while (etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ || etherType == ETHERTYPE_QINQ_OLD) {
            if (++tags > MAX_VLAN_TAGS) {
                return DecodeOutcome.MALFORMED;
            }
            if (cursor.remaining() < VLAN_TAG_LENGTH) {
                return cursor.shortHeader(VLAN_TAG_LENGTH);
            }
            if (segment.vlanCount < TcpSegment.MAX_VLAN_TAGS) {
                segment.vlanIds[segment.vlanCount++] = Bytes.u16(cursor.data, cursor.offset) & VLAN_ID_MASK;
            }
            etherType = Bytes.u16(cursor.data, cursor.offset + 2);
            cursor.offset += VLAN_TAG_LENGTH;
        }
        if (etherType != ETHERTYPE_IPV4 && etherType != ETHERTYPE_IPV6
                && etherType != MplsDecoder.ETHERTYPE_UNICAST && etherType != MplsDecoder.ETHERTYPE_MULTICAST) {
            return DecodeOutcome.NON_IP;
        }
        return network(cursor, etherType);
    }

    /**
     * Decodes a Linux cooked-capture pseudo-header. Its protocol field is an EtherType for IP and
     * VLAN-tagged frames. Values below 0x0600 are Linux pseudo-protocols, none of them IP.
     */
    private static DecodeOutcome decodeCooked(PacketCursor cursor, TcpSegment segment, boolean version2) {
        int headerLength = version2 ? SLL2_HEADER_LENGTH : SLL_HEADER_LENGTH;
        if (cursor.remaining() < headerLength) {
            return cursor.shortHeader(headerLength);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        int arphrd = Bytes.u16(data, start + (version2 ? SLL2_ARPHRD_OFFSET : SLL_ARPHRD_OFFSET));
        int protocol = Bytes.u16(data, start + (version2 ? SLL2_PROTOCOL_OFFSET : SLL_PROTOCOL_OFFSET));
        int addressLength = version2
                ? Bytes.u8(data, start + SLL2_ADDRESS_LENGTH_OFFSET)
                : Bytes.u16(data, start + SLL_ADDRESS_LENGTH_OFFSET);
        if (arphrd == ARPHRD_ETHER && addressLength == MAC_LENGTH) {
            segment.sourceMac = Bytes.mac(data, start + (version2 ? SLL2_ADDRESS_OFFSET : SLL_ADDRESS_OFFSET));
        }
        cursor.offset += headerLength;
        if (arphrd == ARPHRD_NETLINK || protocol < MIN_ETHERTYPE) {
            return DecodeOutcome.NON_IP;
        }
        return decodeEtherType(cursor, segment, protocol);
    }

    /**
     * Decodes the 4-byte address family of NULL (host byte order of the capturing machine, so
     * either order) or LOOP (network byte order).
     */
    private static DecodeOutcome decodeLoopback(PacketCursor cursor, boolean networkOrder) {
        if (cursor.remaining() < LOOPBACK_HEADER_LENGTH) {
            return cursor.shortHeader(LOOPBACK_HEADER_LENGTH);
        }
        int family = Bytes.i32(cursor.data, cursor.offset, networkOrder);
        if (!networkOrder && (family & 0xFFFF_0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        cursor.offset += LOOPBACK_HEADER_LENGTH;
        return switch (family) {
            case AF_INET -> network(cursor, ETHERTYPE_IPV4);
            case AF_INET6_BSD, AF_INET6_FREEBSD, AF_INET6_DARWIN -> network(cursor, ETHERTYPE_IPV6);
            default -> DecodeOutcome.NON_IP;
        };
    }

    /** Decodes raw IP, whose version field distinguishes IPv4 from IPv6. */
    private static DecodeOutcome decodeRawIp(PacketCursor cursor) {
        if (cursor.remaining() < 1) {
            return cursor.shortHeader(1);
        }
        int version = Bytes.u8(cursor.data, cursor.offset) >>> 4;
        if (version == IP_VERSION_4) {
            return network(cursor, ETHERTYPE_IPV4);
        }
        return version == IP_VERSION_6 ? network(cursor, ETHERTYPE_IPV6) : DecodeOutcome.MALFORMED;
    }

    private static DecodeOutcome network(PacketCursor cursor, int etherType) {
        cursor.protocol = etherType;
        return DecodeOutcome.CONTINUE;
    }
}
