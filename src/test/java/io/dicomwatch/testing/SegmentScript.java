package io.dicomwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact byte encoding of TCP segments on eight address pairs, so that a fuzzer mutates
 * segments (flags, sequence numbers, time, payload) rather than capture file framing.
 *
 * <p>Each segment is a 13-byte header and its payload: byte 0 contains the address pair (bits 0-2)
 * and whether the server sends (bit 3); byte 1 the TCP flags; bytes 2-5 the sequence number and
 * bytes 6-9 the acknowledgement number, both big endian and relative to a fixed base per
 * direction; byte 10 the signed time step in milliseconds, so time may go backwards; bytes 11-12
 * the payload length, big endian, cut to the bytes that remain.
 */
public final class SegmentScript {
    private static final int HEADER_LENGTH = 13;
    private static final int PAIRS = 8;
    private static final long START_NANOS = 1_700_000_000_000_000_000L;
    private static final long MILLISECOND = 1_000_000L;

    private SegmentScript() {
    }

    /** Writes the segments that {@code script} encodes; a partial header at the end is ignored. */
    public static void write(byte[] script, PcapWriter writer) throws IOException {
        long now = START_NANOS;
        int position = 0;
        while (position + HEADER_LENGTH <= script.length) {
            int flow = script[position] & 0x0F;
            int pair = flow & (PAIRS - 1);
            boolean fromServer = (flow & PAIRS) != 0;
            int flags = script[position + 1] & 0xFF;
            long sequence = base(pair, fromServer) + readInt(script, position + 2);
            long acknowledgement = base(pair, !fromServer) + readInt(script, position + 6);
            now += script[position + 10] * MILLISECOND;
            int length = (script[position + 11] & 0xFF) << 8 | (script[position + 12] & 0xFF);
            position += HEADER_LENGTH;
            length = Math.min(length, script.length - position);
            if (fromServer) {
                writer.tcp(now, server(pair), serverPort(pair), client(pair), clientPort(pair), sequence,
                        acknowledgement, flags, script, position, length);
            } else {
                writer.tcp(now, client(pair), clientPort(pair), server(pair), serverPort(pair), sequence,
                        acknowledgement, flags, script, position, length);
            }
            position += length;
        }
    }

    /**
     * Encodes captured segments. Each connection maps to one of the eight pairs in order of
     * appearance, and the side that sent first becomes the client. Payloads over 65,535 bytes are cut.
     */
    public static byte[] encode(List<CapturedSegment> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> pairs = new HashMap<>();
        Map<String, Long> bases = new HashMap<>();
        long previous = segments.isEmpty() ? 0 : segments.get(0).timestampNanos();
        for (CapturedSegment segment : segments) {
            String forward = segment.direction();
            String backward = reverse(segment);
            boolean fromServer = pairs.containsKey(backward) && !pairs.containsKey(forward);
            String key = fromServer ? backward : forward;
            int pair = pairs.computeIfAbsent(key, ignored -> pairs.size() % PAIRS);
            long sequenceBase = bases.computeIfAbsent(forward, ignored -> segment.sequence());
            long acknowledgementBase = bases.computeIfAbsent(backward, ignored -> segment.acknowledgement() - 1);
            int length = Math.min(segment.payload().length, 0xFFFF);
            long step = Math.max(-128, Math.min(127, (segment.timestampNanos() - previous) / MILLISECOND));
            previous = segment.timestampNanos();
            out.write(pair | (fromServer ? PAIRS : 0));
            out.write(segment.flags());
            writeInt(out, segment.sequence() - sequenceBase);
            writeInt(out, segment.acknowledgement() - acknowledgementBase);
            out.write((int) step);
            out.write(length >>> 8);
            out.write(length);
            out.write(segment.payload(), 0, length);
        }
        return out.toByteArray();
    }

    private static String reverse(CapturedSegment segment) {
        return Integer.toHexString(segment.destinationIp()) + ":" + segment.destinationPort() + ">"
                + Integer.toHexString(segment.sourceIp()) + ":" + segment.sourcePort();
    }

    private static long base(int pair, boolean server) {
        return server ? 0x8000_0000L + pair * 0x0100_0000L : 0x1000L + pair * 0x0100_0000L;
    }

    /** Returns 10.0.0.(pair + 1). */
    private static int client(int pair) {
        return 0x0A00_0001 + pair;
    }

    /** Returns 10.0.1.1 for pairs 0-3 and 10.0.1.2 for pairs 4-7, so servers see several clients. */
    private static int server(int pair) {
        return 0x0A00_0101 + pair / 4;
    }

    private static int clientPort(int pair) {
        return 40_000 + pair;
    }

    /** Returns 104 for even pairs and 11112 for odd ones. */
    private static int serverPort(int pair) {
        return pair % 2 == 0 ? 104 : 11_112;
    }

    private static long readInt(byte[] data, int at) {
        return (data[at] & 0xFFL) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8
                | (data[at + 3] & 0xFF);
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }
}
