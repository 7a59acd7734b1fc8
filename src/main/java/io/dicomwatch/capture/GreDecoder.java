package io.dicomwatch.capture;

/**
 * Decodes a GRE header (RFC 2784, with the key and sequence number fields of RFC 2890) at the
 * cursor.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |C|R|K|S|s|Recur|  Flags  | Ver |         Protocol Type         |
 * |      Checksum (optional)      |      Reserved1 (optional)     |   C or R
 * |                         Key (optional)                        |   K
 * |                 Sequence Number (optional)                    |   S
 * </pre>
 *
 * <p>On {@link DecodeOutcome#CONTINUE} the cursor is past the header and its protocol is the
 * header's protocol type, an EtherType. Version 1 is the enhanced GRE of PPTP (RFC 2637), which
 * carries PPP and never mirrored traffic, so it ends as other IP. RFC 2784 requires a receiver
 * to discard a header with the routing, strict source route or top recursion bit set. This
 * decoder counts such a header as malformed, like any other version. The checksum is not checked.
 */
final class GreDecoder {
    static final int PROTOCOL = 47;

    private static final int BASE_LENGTH = 4;
    private static final int OPTIONAL_FIELD_LENGTH = 4;
    private static final int PROTOCOL_TYPE_OFFSET = 2;
    private static final int CHECKSUM_PRESENT = 0x80;
    private static final int KEY_PRESENT = 0x20;
    private static final int SEQUENCE_PRESENT = 0x10;
    /** RFC 1701 routing present, strict source route and the top bit of recursion control. */
    private static final int DISCARDED_BITS = 0x40 | 0x08 | 0x04;
    private static final int VERSION_MASK = 0x07;
    private static final int VERSION_PPTP = 1;

    private GreDecoder() {
    }

    static DecodeOutcome decode(PacketCursor cursor) {
        if (cursor.remaining() < BASE_LENGTH) {
            return cursor.shortHeader(BASE_LENGTH);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        int flags = Bytes.u8(data, start);
        int version = Bytes.u8(data, start + 1) & VERSION_MASK;
        if (version == VERSION_PPTP) {
            return DecodeOutcome.OTHER_IP;
        }
        if (version != 0 || (flags & DISCARDED_BITS) != 0) {
            return DecodeOutcome.MALFORMED;
        }
        int length = BASE_LENGTH;
        if ((flags & CHECKSUM_PRESENT) != 0) {
            length += OPTIONAL_FIELD_LENGTH;
        }
        if ((flags & KEY_PRESENT) != 0) {
            length += OPTIONAL_FIELD_LENGTH;
        }
        if ((flags & SEQUENCE_PRESENT) != 0) {
            length += OPTIONAL_FIELD_LENGTH;
        }
        if (cursor.remaining() < length) {
            return cursor.shortHeader(length);
        }
        cursor.protocol = Bytes.u16(data, start + PROTOCOL_TYPE_OFFSET);
        cursor.offset = start + length;
        return DecodeOutcome.CONTINUE;
    }

    /** Returns whether the GRE header at {@code start}, already decoded, has a sequence number. */
    static boolean hasSequenceNumber(byte[] data, int start) {
        return (Bytes.u8(data, start) & SEQUENCE_PRESENT) != 0;
    }
}
