package io.dicomwatch.capture;

/**
 * Decodes a TCP header (RFC 9293) at the cursor into the segment, with the payload running to
 * the cursor's end, which is the IP packet's end or the captured end if that comes first.
 * Options are skipped and the checksum is not checked.
 */
final class TcpDecoder {
    static final int PROTOCOL = 6;
    private static final int MIN_HEADER_LENGTH = 20;
    private static final int SOURCE_PORT_OFFSET = 0;
    private static final int DESTINATION_PORT_OFFSET = 2;
    private static final int SEQUENCE_OFFSET = 4;
    private static final int ACKNOWLEDGEMENT_OFFSET = 8;
    private static final int DATA_OFFSET_OFFSET = 12;
    private static final int FLAGS_OFFSET = 13;
    private static final int DATA_OFFSET_UNIT = 4;

    private TcpDecoder() {
    }

    static DecodeOutcome decode(PacketCursor cursor, TcpSegment segment) {
        if (cursor.remaining() < MIN_HEADER_LENGTH) {
            return cursor.shortHeader(MIN_HEADER_LENGTH);
        }
        byte[] data = cursor.data;
        int start = cursor.offset;
        int headerLength = (Bytes.u8(data, start + DATA_OFFSET_OFFSET) >>> 4) * DATA_OFFSET_UNIT;
        if (headerLength < MIN_HEADER_LENGTH) {
            return DecodeOutcome.MALFORMED;
        }
        if (cursor.remaining() < headerLength) {
            return cursor.shortHeader(headerLength);
        }
        segment.sourcePort = Bytes.u16(data, start + SOURCE_PORT_OFFSET);
        segment.destinationPort = Bytes.u16(data, start + DESTINATION_PORT_OFFSET);
        segment.sequenceNumber = Bytes.u32(data, start + SEQUENCE_OFFSET);
        segment.acknowledgementNumber = Bytes.u32(data, start + ACKNOWLEDGEMENT_OFFSET);
        segment.flags = Bytes.u8(data, start + FLAGS_OFFSET);
        segment.payload = data;
        segment.payloadOffset = start + headerLength;
        segment.payloadLength = cursor.end - segment.payloadOffset;
        segment.payloadMissing = cursor.missing;
        return DecodeOutcome.TCP;
    }
}
