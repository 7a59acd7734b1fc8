package io.dicomwatch.capture;

/**
 * Decodes an IPv6 header and its extension headers (RFC 8200) at the cursor.
 *
 * <p>On {@link DecodeOutcome#CONTINUE} the cursor is at the upper-layer header, its protocol is
 * the last next-header value and its end is the packet's end by the payload length field. A
 * payload length of 0 (a jumbogram, or segmentation offload) means the captured bytes. Skips
 * hop-by-hop, routing, destination options, AH (RFC 4302), mobility (RFC 6275), HIP (RFC 7401)
 * and shim6 (RFC 5533) headers, at most {@link #MAX_EXTENSION_HEADERS} of them. A fragment
 * header ends decoding as {@link DecodeOutcome#IP_FRAGMENT} with the cursor at that header, for
 * {@link FragmentReassembler}, except an atomic fragment (offset 0, no more fragments), which
 * RFC 6946 says to process as a whole packet. A second fragment header in the chain makes the
 * packet malformed, as Linux drops it with a parameter problem ({@code ipv6_frag_rcv} in
 * net/ipv6/reassembly.c). ESP and "no next header" end as other IP.
 */
final class Ipv6Decoder {
    static final int VERSION = 6;
    /** Bound on the extension-header chain; RFC 8200 order has at most 8 in a valid packet. */
    static final int MAX_EXTENSION_HEADERS = 16;

    private static final int HEADER_LENGTH = 40;
    private static final int PAYLOAD_LENGTH_OFFSET = 4;
    private static final int NEXT_HEADER_OFFSET = 6;
    private static final int SOURCE_OFFSET = 8;
    private static final int DESTINATION_OFFSET = 24;
    private static final int ADDRESS_LENGTH = 16;

    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int ESP = 50;
    private static final int AUTHENTICATION = 51;
    private static final int NO_NEXT_HEADER = 59;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int MOBILITY = 135;
    private static final int HIP = 139;
    private static final int SHIM6 = 140;

    /** Every extension header starts with next header and length bytes and spans at least 8. */
    private static final int EXTENSION_MIN_LENGTH = 8;
    private static final int EXTENSION_LENGTH_OFFSET = 1;
    private static final int EXTENSION_UNIT = 8;
    /** AH counts its length in 4-byte units, minus 2. */
    private static final int AH_UNIT = 4;
    private static final int FRAGMENT_HEADER_LENGTH = 8;
    private static final int FRAGMENT_FIELD_OFFSET = 2;
    /** Fragment offset (13 bits, in 8-byte units, shifted left 3) and the more-fragments flag. */
    private static final int FRAGMENT_OFFSET_AND_MORE_MASK = 0xFFF9;

    private Ipv6Decoder() {
    }

    static DecodeOutcome decode(PacketCursor cursor, TcpSegment segment) {
        if (cursor.remaining() < HEADER_LENGTH) {
            return cursor.shortHeader(HEADER_LENGTH);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        cursor.networkOffset = start;
        if (Bytes.u8(data, start) >>> 4 != VERSION) {
            return DecodeOutcome.MALFORMED;
        }
        int payloadLength = Bytes.u16(data, start + PAYLOAD_LENGTH_OFFSET);
        if (payloadLength != 0) {
            cursor.endPacketAt(start + HEADER_LENGTH + payloadLength);
        }
        segment.ipVersion = VERSION;
        System.arraycopy(data, start + SOURCE_OFFSET, segment.sourceAddress, 0, ADDRESS_LENGTH);
        System.arraycopy(data, start + DESTINATION_OFFSET, segment.destinationAddress, 0, ADDRESS_LENGTH);
        cursor.offset = start + HEADER_LENGTH;
        return skipExtensionHeaders(cursor, Bytes.u8(data, start + NEXT_HEADER_OFFSET), false);
    }

    /**
     * Skips the extension headers from the cursor, where {@code firstNextHeader} names the first.
     *
     * @param reassembled whether the headers follow a fragment header already, as in a reassembled
     *     datagram, so that any fragment header among them makes the packet malformed
     */
    static DecodeOutcome skipExtensionHeaders(PacketCursor cursor, int firstNextHeader, boolean reassembled) {
        byte[] data = cursor.data;
        int nextHeader = firstNextHeader;
        boolean fragmentHeaderSeen = reassembled;
        for (int count = 0; count <= MAX_EXTENSION_HEADERS; count++) {
            if (nextHeader == ESP || nextHeader == NO_NEXT_HEADER) {
                return DecodeOutcome.OTHER_IP;
            }
            if (!isExtensionHeader(nextHeader)) {
                cursor.protocol = nextHeader;
                return DecodeOutcome.CONTINUE;
            }
            if (cursor.remaining() < EXTENSION_MIN_LENGTH) {
                return cursor.shortHeader(EXTENSION_MIN_LENGTH);
            }
            int start = cursor.offset;
            int length;
            if (nextHeader == FRAGMENT) {
                if (fragmentHeaderSeen) {
                    return DecodeOutcome.MALFORMED;
                }
                if ((Bytes.u16(data, start + FRAGMENT_FIELD_OFFSET) & FRAGMENT_OFFSET_AND_MORE_MASK) != 0) {
                    return DecodeOutcome.IP_FRAGMENT;
                }
                fragmentHeaderSeen = true;
                length = FRAGMENT_HEADER_LENGTH;
            } else if (nextHeader == AUTHENTICATION) {
                length = (Bytes.u8(data, start + EXTENSION_LENGTH_OFFSET) + 2) * AH_UNIT;
            } else {
                length = (Bytes.u8(data, start + EXTENSION_LENGTH_OFFSET) + 1) * EXTENSION_UNIT;
            }
            if (cursor.remaining() < length) {
                return cursor.shortHeader(length);
            }
            nextHeader = Bytes.u8(data, start);
            cursor.offset = start + length;
        }
        return DecodeOutcome.MALFORMED;
    }

    private static boolean isExtensionHeader(int nextHeader) {
        return switch (nextHeader) {
            case HOP_BY_HOP, ROUTING, FRAGMENT, DESTINATION_OPTIONS, AUTHENTICATION, MOBILITY, HIP, SHIM6 -> true;
            default -> false;
        };
    }
}
