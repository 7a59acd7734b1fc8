package io.dicomwatch.capture;

/**
 * Decodes an MPLS label stack (RFC 3032) at the cursor and guesses what its bottom label carries,
 * because the stack does not name its payload.
 *
 * <p>The first nibble after the stack is the IP version for IPv4 and IPv6. Otherwise the payload
 * may be an Ethernet pseudowire (RFC 4448), with or without the 4-byte control word of RFC 4385,
 * whose first nibble is 0. It counts as Ethernet when an IP or VLAN EtherType sits where the
 * Ethernet header would have it, after the control word or without one, in that order. On
 * {@link DecodeOutcome#CONTINUE} the cursor is past the stack and any control word, and its
 * protocol is an IP EtherType, {@link TunnelDecoder#ETHERTYPE_TRANSPARENT_ETHERNET}, or
 * {@link TunnelDecoder#ETHERTYPE_UNKNOWN} for any other payload.
 */
final class MplsDecoder {
    static final int ETHERTYPE_UNICAST = 0x8847;
    static final int ETHERTYPE_MULTICAST = 0x8848;
    /**
     * Maximum number of labels in a stack; a longer one is malformed. Real stacks contain a few
     * labels, and the bound stops a crafted stack without a bottom at 64 bytes.
     */
    static final int MAX_LABELS = 16;

    private static final int LABEL_LENGTH = 4;
    /** Bottom-of-stack bit, in the third byte of a label entry. */
    private static final int BOTTOM_OF_STACK = 0x01;
    private static final int CONTROL_WORD_LENGTH = 4;
    private static final int ETHERNET_TYPE_OFFSET = 12;

    private MplsDecoder() {
    }

    static DecodeOutcome decode(PacketCursor cursor) {
        byte[] data = cursor.data;
        for (int labels = 1; ; labels++) {
            if (labels > MAX_LABELS) {
                return DecodeOutcome.MALFORMED;
            }
            if (cursor.remaining() < LABEL_LENGTH) {
                return cursor.shortHeader(LABEL_LENGTH);
            }
            boolean bottom = (Bytes.u8(data, cursor.offset + 2) & BOTTOM_OF_STACK) != 0;
            cursor.offset += LABEL_LENGTH;
            if (bottom) {
                break;
            }
        }
        if (cursor.remaining() < 1) {
            return cursor.shortHeader(1);
        }
        if (Bytes.u8(data, cursor.offset) >>> 4 != 0) {
            return TunnelDecoder.ipByVersion(cursor);
        }
        int longestCheck = CONTROL_WORD_LENGTH + ETHERNET_TYPE_OFFSET + 2;
        if (cursor.remaining() < longestCheck && cursor.shortHeader(longestCheck) == DecodeOutcome.TRUNCATED) {
            return DecodeOutcome.TRUNCATED;
        }
        if (carriesEthernet(cursor, CONTROL_WORD_LENGTH)) {
            cursor.offset += CONTROL_WORD_LENGTH;
            cursor.protocol = TunnelDecoder.ETHERTYPE_TRANSPARENT_ETHERNET;
        } else if (carriesEthernet(cursor, 0)) {
            cursor.protocol = TunnelDecoder.ETHERTYPE_TRANSPARENT_ETHERNET;
        } else {
            cursor.protocol = TunnelDecoder.ETHERTYPE_UNKNOWN;
        }
        return DecodeOutcome.CONTINUE;
    }

    /** Returns whether an Ethernet header {@code skip} bytes past the cursor has an IP or VLAN EtherType. */
    private static boolean carriesEthernet(PacketCursor cursor, int skip) {
        int typeOffset = skip + ETHERNET_TYPE_OFFSET;
        if (cursor.remaining() < typeOffset + 2) {
            return false;
        }
        return switch (Bytes.u16(cursor.data, cursor.offset + typeOffset)) {
            case LinkLayerDecoder.ETHERTYPE_IPV4, LinkLayerDecoder.ETHERTYPE_IPV6, LinkLayerDecoder.ETHERTYPE_VLAN,
                    LinkLayerDecoder.ETHERTYPE_QINQ -> true;
            default -> false;
        };
    }
}
