package io.dicomwatch.capture;

/**
 * Decodes an IPv4 header (RFC 791) at the cursor.
 *
 * <p>On {@link DecodeOutcome#CONTINUE} the cursor is at the transport header, its protocol is
 * the IP protocol number and its end is the packet's end by the total length field, which drops
 * Ethernet padding. A total length of 0, which captures of TCP segmentation offload show, means
 * the captured bytes. A fragment (more-fragments flag or a non-zero offset) ends decoding as
 * {@link DecodeOutcome#IP_FRAGMENT} with the cursor still at the IPv4 header, for
 * {@link FragmentReassembler}. Checksums are not checked, because captures of offloaded traffic
 * carry zeros.
 */
final class Ipv4Decoder {
    static final int VERSION = 4;
    private static final int MIN_HEADER_LENGTH = 20;
    private static final int TOTAL_LENGTH_OFFSET = 2;
    private static final int FRAGMENT_OFFSET = 6;
    /** More-fragments flag and the 13-bit fragment offset; the don't-fragment flag is left out. */
    private static final int FRAGMENT_MASK = 0x3FFF;
    private static final int PROTOCOL_OFFSET = 9;
    private static final int SOURCE_OFFSET = 12;
    private static final int DESTINATION_OFFSET = 16;
    private static final int ADDRESS_LENGTH = 4;
    private static final int IHL_UNIT = 4;

    private Ipv4Decoder() {
    }

    static DecodeOutcome decode(PacketCursor cursor, TcpSegment segment) {
        if (cursor.remaining() < MIN_HEADER_LENGTH) {
            return cursor.shortHeader(MIN_HEADER_LENGTH);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        cursor.networkOffset = start;
        int versionAndLength = Bytes.u8(data, start);
        if (versionAndLength >>> 4 != VERSION) {
            return DecodeOutcome.MALFORMED;
        }
        int headerLength = (versionAndLength & 0x0F) * IHL_UNIT;
        if (headerLength < MIN_HEADER_LENGTH) {
            return DecodeOutcome.MALFORMED;
        }

        int totalLength = Bytes.u16(data, start + TOTAL_LENGTH_OFFSET);
        // NOTE: with a total length of 0 nothing bounds the packet, so a short frame keeps any
        // Ethernet padding as TCP payload. This assumes offload captures show 0 only on large segments.
        if (totalLength != 0) {
            if (totalLength < headerLength) {
                return DecodeOutcome.MALFORMED;
            }
            cursor.endPacketAt(start + totalLength);
        }
        if (cursor.remaining() < headerLength) {
            return cursor.shortHeader(headerLength);
        }

        segment.ipVersion = VERSION;
        System.arraycopy(data, start + SOURCE_OFFSET, segment.sourceAddress, 0, ADDRESS_LENGTH);
        System.arraycopy(data, start + DESTINATION_OFFSET, segment.destinationAddress, 0, ADDRESS_LENGTH);
        if ((Bytes.u16(data, start + FRAGMENT_OFFSET) & FRAGMENT_MASK) != 0) {
            return DecodeOutcome.IP_FRAGMENT;
        }
        cursor.protocol = Bytes.u8(data, start + PROTOCOL_OFFSET);
        cursor.offset = start + headerLength;
        return DecodeOutcome.CONTINUE;
    }
}
