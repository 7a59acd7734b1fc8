package io.dicomwatch.capture;

/**
 * Decodes the UDP header of a datagram to a tunnel port and the VXLAN (RFC 7348) or Geneve
 * (RFC 8926) header after it.
 *
 * <pre>
 * VXLAN, 8 bytes:
 * |R|R|R|R|I|R|R|R|                   Reserved                    |
 * |                VXLAN Network Identifier (VNI) |   Reserved    |
 *
 * Geneve, 8 bytes, then Opt Len 4-byte words of options:
 * |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
 * |        Virtual Network Identifier (VNI)       |    Reserved   |
 * </pre>
 *
 * <p>The destination port alone identifies the tunnel: the IANA ports 4789 and 6081. No setting
 * changes them: the packet decoder has no configuration. Linux's own VXLAN default port, 8472,
 * is therefore not opened. On {@link DecodeOutcome#CONTINUE} the cursor is past the tunnel header
 * and its protocol is {@link TunnelDecoder#ETHERTYPE_TRANSPARENT_ETHERNET} or, for Geneve, the
 * EtherType its protocol type names.
 */
final class UdpTunnelDecoder {
    static final int PROTOCOL_UDP = 17;
    static final int VXLAN_PORT = 4789;
    static final int GENEVE_PORT = 6081;
    /** Bytes of the UDP header up to the end of the destination port. */
    static final int PORTS_LENGTH = 4;

    private static final int UDP_HEADER_LENGTH = 8;
    private static final int DESTINATION_PORT_OFFSET = 2;
    private static final int LENGTH_OFFSET = 4;

    private static final int VXLAN_HEADER_LENGTH = 8;
    /** The I flag: the VNI is valid. RFC 7348 requires it, and receivers ignore the reserved bits. */
    private static final int VXLAN_VNI_VALID = 0x08;

    private static final int GENEVE_HEADER_LENGTH = 8;
    private static final int GENEVE_VERSION_SHIFT = 6;
    private static final int GENEVE_OPTIONS_LENGTH_MASK = 0x3F;
    private static final int GENEVE_OPTIONS_UNIT = 4;
    private static final int GENEVE_PROTOCOL_TYPE_OFFSET = 2;

    private UdpTunnelDecoder() {
    }

    /**
     * Returns the tunnel port that the UDP header at the cursor is addressed to, or -1 for another
     * port. The caller checks that {@link #PORTS_LENGTH} bytes were captured.
     */
    static int tunnelPort(PacketCursor cursor) {
        int port = Bytes.u16(cursor.data, cursor.offset + DESTINATION_PORT_OFFSET);
        return port == VXLAN_PORT || port == GENEVE_PORT ? port : -1;
    }

    /** Decodes the UDP header and the tunnel header of {@code port}, from {@link #tunnelPort}. */
    static DecodeOutcome decode(PacketCursor cursor, int port) {
        if (cursor.remaining() < UDP_HEADER_LENGTH) {
            return cursor.shortHeader(UDP_HEADER_LENGTH);
        }
        int start = cursor.offset;
        int udpLength = Bytes.u16(cursor.data, start + LENGTH_OFFSET);
        // A length of 0 is an IPv6 jumbogram's (RFC 2675): the IP layer bounds the datagram.
        if (udpLength != 0) {
            if (udpLength < UDP_HEADER_LENGTH) {
                return DecodeOutcome.MALFORMED;
            }
            cursor.endPacketAt(start + udpLength);
        }
        cursor.offset = start + UDP_HEADER_LENGTH;
        return port == VXLAN_PORT ? decodeVxlan(cursor) : decodeGeneve(cursor);
    }

    private static DecodeOutcome decodeVxlan(PacketCursor cursor) {
        if (cursor.remaining() < VXLAN_HEADER_LENGTH) {
            return cursor.shortHeader(VXLAN_HEADER_LENGTH);
        }
        if ((Bytes.u8(cursor.data, cursor.offset) & VXLAN_VNI_VALID) == 0) {
            return DecodeOutcome.MALFORMED;
        }
        cursor.offset += VXLAN_HEADER_LENGTH;
        cursor.protocol = TunnelDecoder.ETHERTYPE_TRANSPARENT_ETHERNET;
        return DecodeOutcome.CONTINUE;
    }

    /** Decodes a Geneve header of version 0, the only one defined. RFC 8926 drops the others. */
    private static DecodeOutcome decodeGeneve(PacketCursor cursor) {
        if (cursor.remaining() < GENEVE_HEADER_LENGTH) {
            return cursor.shortHeader(GENEVE_HEADER_LENGTH);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        int first = Bytes.u8(data, start);
        if (first >>> GENEVE_VERSION_SHIFT != 0) {
            return DecodeOutcome.MALFORMED;
        }
        int length = GENEVE_HEADER_LENGTH + (first & GENEVE_OPTIONS_LENGTH_MASK) * GENEVE_OPTIONS_UNIT;
        if (cursor.remaining() < length) {
            return cursor.shortHeader(length);
        }
        cursor.protocol = Bytes.u16(data, start + GENEVE_PROTOCOL_TYPE_OFFSET);
        cursor.offset = start + length;
        return DecodeOutcome.CONTINUE;
    }
}
