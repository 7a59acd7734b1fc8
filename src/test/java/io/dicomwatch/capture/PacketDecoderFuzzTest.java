package io.dicomwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for {@link PacketDecoder}: any frame decodes without an exception, and the result
 * depends only on the frames' captured bytes. Each input is decoded twice, each frame placed at an
 * offset in a larger buffer whose surrounding bytes are 0x00 once and 0xFF once, and both results
 * must match.
 *
 * <p>{@link #decode} takes one frame: byte 0 picks the link type (an index into
 * {@link #LINK_TYPES}, or else the byte value itself), byte 1 the offset in the buffer, and the
 * rest is the frame. {@link #decodeFrames} takes a sequence of frames for one decoder, so that
 * fragments of one datagram meet in its reassembler: byte 0 picks the link type as above, then
 * each frame is a time step in seconds (1 byte), a length (2 bytes, big-endian) and that many
 * bytes, or fewer at the end of the input. It also checks that the reassembler stays within its
 * byte bound and that every frame ends in one outcome.
 */
class PacketDecoderFuzzTest {
    private static final int[] LINK_TYPES = {
        LinkType.ETHERNET, LinkType.NULL, LinkType.LOOP, LinkType.RAW, LinkType.RAW_DLT_12, LinkType.RAW_DLT_14,
        LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.IPV4, LinkType.IPV6,
    };
    private static final int SLACK = 64;
    /** Small bounds, so that inputs reach eviction: four datagrams, and the smallest byte bound. */
    private static final FragmentReassemblyConfig FRAGMENT_BOUNDS = new FragmentReassemblyConfig(4,
            FragmentReassemblyConfig.MIN_BUFFERED_BYTES, 30_000_000_000L, 60_000_000_000L);

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

    @FuzzTest(maxDuration = "2m")
    void decodeFrames(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int selector = data[0] & 0xFF;
        int linkType = selector < LINK_TYPES.length ? LINK_TYPES[selector] : selector;
        String zeros = decodeSequence(data, linkType, (byte) 0x00, new PacketDecoder(FRAGMENT_BOUNDS));
        String ones = decodeSequence(data, linkType, (byte) 0xFF, new PacketDecoder(FRAGMENT_BOUNDS));
        assertEquals(zeros, ones, "decoding read bytes outside the frames");
    }

    /** The seed made from samples-pcap/fragments.pcap takes {@link #decodeFrames} through reassembly. */
    @Test
    void fragmentSeedReassembles() throws IOException {
        byte[] seed;
        try (InputStream in = getClass().getResourceAsStream(
                "PacketDecoderFuzzTestInputs/decodeFrames/seed-fragments-pcap")) {
            seed = in.readAllBytes();
        }
        PacketDecoder decoder = new PacketDecoder(FRAGMENT_BOUNDS);

        decodeSequence(seed, LINK_TYPES[seed[0]], (byte) 0, decoder);

        assertTrue(decoder.stats().ipDatagramsReassembled > 0, "datagrams reassembled: " + decoder.stats());
    }

    private static String decodeSequence(byte[] data, int linkType, byte filler, PacketDecoder decoder) {
        TcpSegment segment = new TcpSegment();
        StringBuilder results = new StringBuilder();
        long timestamp = 0;
        int position = 1;
        for (int number = 1; position < data.length; number++) {
            timestamp += (data[position] & 0xFF) * 1_000_000_000L;
            int length = position + 3 <= data.length
                    ? Math.min((data[position + 1] & 0xFF) << 8 | data[position + 2] & 0xFF, data.length - position - 3)
                    : 0;
            int start = Math.min(position + 3, data.length);
            Frame frame = frameIn(data, start, length, linkType, number % SLACK, filler);
            frame.timestampNanos = timestamp;
            frame.number = number;
            results.append(decoder.decode(frame, segment) ? describe(segment) : "not TCP").append('\n');
            assertTrue(decoder.fragmentBytes() <= FRAGMENT_BOUNDS.maxBufferedBytes(), "fragment byte bound");
            position = start + length;
        }
        PacketStats stats = decoder.stats();
        assertEquals(stats.frames, stats.outcomes(), "frames and outcomes");
        return results.append(stats).toString();
    }

    private static String decodeIn(byte[] data, int linkType, int offset, byte filler) {
        Frame frame = frameIn(data, 2, data.length - 2, linkType, offset, filler);
        frame.number = 1;
        TcpSegment segment = new TcpSegment();
        PacketDecoder decoder = new PacketDecoder();
        if (!decoder.decode(frame, segment)) {
            return "not TCP";
        }
        return describe(segment);
    }

    /** Copies {@code length} bytes of {@code data} from {@code start} to {@code offset} in a buffer of filler bytes. */
    private static Frame frameIn(byte[] data, int start, int length, int linkType, int offset, byte filler) {
        byte[] buffer = new byte[offset + length + SLACK];
        Arrays.fill(buffer, filler);
        System.arraycopy(data, start, buffer, offset, length);
        Frame frame = new Frame();
        frame.linkType = linkType;
        frame.data = buffer;
        frame.offset = offset;
        frame.capturedLength = length;
        frame.originalLength = length;
        return frame;
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
