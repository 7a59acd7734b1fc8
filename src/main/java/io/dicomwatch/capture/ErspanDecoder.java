package io.dicomwatch.capture;

/**
 * Decodes the ERSPAN header that follows a GRE header of protocol type 0x88BE or 0x22EB. The
 * layouts are those of the Linux kernel's include/net/erspan.h and Wireshark 4.0's
 * packet-erspan.c, which both follow Cisco's draft-foschiano-erspan.
 *
 * <pre>
 * Type I:   no header; GRE 0x88BE without a sequence number, then the mirrored Ethernet frame.
 *
 * Type II (version 1), 8 bytes:
 * |  Ver  |          VLAN         | COS | En|T|    Session ID     |
 * |      Reserved         |                  Index                |
 *
 * Type III (version 2), 12 bytes, then 8 more when O is set:
 * |  Ver  |          VLAN         | COS |BSO|T|    Session ID     |
 * |                          Timestamp                            |
 * |             SGT               |P|    FT   |   Hw ID   |D|Gra|O|
 * </pre>
 *
 * <p>On {@link DecodeOutcome#CONTINUE} the cursor is at the mirrored frame and its protocol is
 * {@link TunnelDecoder#ETHERTYPE_TRANSPARENT_ETHERNET} for an Ethernet frame, the EtherType of an
 * IP packet, which type III carries with frame type 2, or {@link TunnelDecoder#ETHERTYPE_UNKNOWN}
 * for the reserved frame types. As in Wireshark 4.0, the header's version picks its layout
 * whichever GRE protocol type carried it.
 */
final class ErspanDecoder {
    static final int GRE_PROTOCOL_TYPE_II = 0x88BE;
    static final int GRE_PROTOCOL_TYPE_III = 0x22EB;

    private static final int VERSION_TYPE_II = 1;
    private static final int VERSION_TYPE_III = 2;
    private static final int TYPE_II_LENGTH = 8;
    private static final int TYPE_III_LENGTH = 12;
    private static final int PLATFORM_SUBHEADER_LENGTH = 8;
    private static final int VLAN_MASK = 0x0FFF;
    /** The En field of type II: bits 3 and 4 of the third byte. */
    private static final int ENCAPSULATION_SHIFT = 3;
    private static final int ENCAPSULATION_MASK = 0x3;
    /** En value meaning the VLAN tag stayed in the mirrored frame and the VLAN field is undefined. */
    private static final int ENCAPSULATION_TAG_IN_FRAME = 3;
    private static final int TYPE_III_FLAGS_OFFSET = 10;
    private static final int FRAME_TYPE_SHIFT = 10;
    private static final int FRAME_TYPE_MASK = 0x1F;
    private static final int FRAME_TYPE_ETHERNET = 0;
    private static final int FRAME_TYPE_IP = 2;
    private static final int OPTIONAL_SUBHEADER = 0x1;

    private ErspanDecoder() {
    }

    /**
     * Decodes the ERSPAN header at the cursor. {@code greSequenceNumber} distinguishes type I (no
     * header, no sequence number) from type II under protocol type 0x88BE.
     */
    static DecodeOutcome decode(PacketCursor cursor, int greProtocolType, boolean greSequenceNumber) {
        if (greProtocolType == GRE_PROTOCOL_TYPE_II && !greSequenceNumber) {
            cursor.protocol = TunnelDecoder.ETHERTYPE_TRANSPARENT_ETHERNET;
            return DecodeOutcome.CONTINUE;
        }
        if (cursor.remaining() < TYPE_II_LENGTH) {
            return cursor.shortHeader(TYPE_II_LENGTH);
        }
        int version = Bytes.u8(cursor.data, cursor.offset) >>> 4;
        if (version == VERSION_TYPE_II) {
            cursor.offset += TYPE_II_LENGTH;
            cursor.protocol = TunnelDecoder.ETHERTYPE_TRANSPARENT_ETHERNET;
            return DecodeOutcome.CONTINUE;
        }
        return version == VERSION_TYPE_III ? decodeTypeIii(cursor) : DecodeOutcome.MALFORMED;
    }

    private static DecodeOutcome decodeTypeIii(PacketCursor cursor) {
        if (cursor.remaining() < TYPE_III_LENGTH) {
            return cursor.shortHeader(TYPE_III_LENGTH);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        int flags = Bytes.u16(data, start + TYPE_III_FLAGS_OFFSET);
        int length = TYPE_III_LENGTH + ((flags & OPTIONAL_SUBHEADER) != 0 ? PLATFORM_SUBHEADER_LENGTH : 0);
        if (cursor.remaining() < length) {
            return cursor.shortHeader(length);
        }
        cursor.offset = start + length;
        int frameType = (flags >>> FRAME_TYPE_SHIFT) & FRAME_TYPE_MASK;
        if (frameType == FRAME_TYPE_IP) {
            return TunnelDecoder.ipByVersion(cursor);
        }
        cursor.protocol = frameType == FRAME_TYPE_ETHERNET
                ? TunnelDecoder.ETHERTYPE_TRANSPARENT_ETHERNET
                : TunnelDecoder.ETHERTYPE_UNKNOWN;
        return DecodeOutcome.CONTINUE;
    }

    /**
     * Returns the VLAN ID that the header at {@code start}, already decoded, gives for the mirrored
     * frame, or 0 for none: type I has no header, and a type II header with En 3 keeps the tag in
     * the frame and leaves the field undefined. Wireshark 4.0 takes the field as the frame's VLAN
     * in the same cases, and it names the asset's VLAN when the mirrored frame carries no tag.
     */
    static int originalVlan(byte[] data, int start, int greProtocolType, boolean greSequenceNumber) {
        if (greProtocolType == GRE_PROTOCOL_TYPE_II && !greSequenceNumber) {
            return 0;
        }
        int version = Bytes.u8(data, start) >>> 4;
        int encapsulation = (Bytes.u8(data, start + 2) >>> ENCAPSULATION_SHIFT) & ENCAPSULATION_MASK;
        if (version == VERSION_TYPE_II && encapsulation == ENCAPSULATION_TAG_IN_FRAME) {
            return 0;
        }
        return Bytes.u16(data, start) & VLAN_MASK;
    }
}
