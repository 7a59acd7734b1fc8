package io.dicomwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzz target for {@link PacketDecoder}: any frame decodes without an exception, and the result
 * depends only on the frame's captured bytes. Each frame is decoded twice, placed at an offset in
 * a larger buffer whose surrounding bytes are 0x00 once and 0xFF once, and both results must match.
 *
 * <p>Input layout: byte 0 picks the link type (an index into {@link #LINK_TYPES}, or else the byte
 * value itself), byte 1 the offset in the buffer, and the rest is the frame.
 */
class PacketDecoderFuzzTest {
    private static final int[] LINK_TYPES = {
        LinkType.ETHERNET, LinkType.NULL, LinkType.LOOP, LinkType.RAW, LinkType.RAW_DLT_12, LinkType.RAW_DLT_14,
        LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.IPV4, LinkType.IPV6,
    };
    private static final int SLACK = 64;

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int selector = data[0] & 0xFF;
        int linkType = selector < LINK_TYPES.length ? LINK_TYPES[selector] : selector;
        int offset = data[1] & 0x3F;
        String zeros = decodeIn(data, linkType, offset, (byte) 0x00);
        String ones = decodeIn(data, linkType, offset, (byte) 0xFF);
        assertEquals(zeros, ones, "decoding read bytes outside the frame");
    }

    private static String decodeIn(byte[] data, int linkType, int offset, byte filler) {
        int length = data.length - 2;
        byte[] buffer = new byte[offset + length + SLACK];
        Arrays.fill(buffer, filler);
        System.arraycopy(data, 2, buffer, offset, length);
        Frame frame = new Frame();
        frame.linkType = linkType;
        frame.data = buffer;
        frame.offset = offset;
        frame.capturedLength = length;
        frame.originalLength = length;
        frame.number = 1;
        TcpSegment segment = new TcpSegment();
        PacketDecoder decoder = new PacketDecoder();
        if (!decoder.decode(frame, segment)) {
            return "not TCP";
        }
        return describe(segment);
    }

    private static String describe(TcpSegment segment) {
        int payloadEnd = segment.payloadOffset + segment.payloadLength;
        return "ip" + segment.ipVersion + " " + Arrays.toString(segment.sourceAddress) + ":" + segment.sourcePort
                + " > " + Arrays.toString(segment.destinationAddress) + ":" + segment.destinationPort
                + " seq=" + segment.sequenceNumber + " ack=" + segment.acknowledgementNumber
                + " flags=" + segment.flags + " macs=" + segment.sourceMac + "/" + segment.destinationMac
                + " vlans=" + Arrays.toString(Arrays.copyOf(segment.vlanIds, segment.vlanCount))
                + " missing=" + segment.payloadMissing + " payload="
                + Arrays.toString(Arrays.copyOfRange(segment.payload, segment.payloadOffset, payloadEnd));
    }
}
