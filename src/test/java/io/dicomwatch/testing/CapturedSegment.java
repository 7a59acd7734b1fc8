package io.dicomwatch.testing;

import io.dicomwatch.capture.CaptureFileSource;
import io.dicomwatch.capture.CaptureFiles;
import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.PacketDecoder;
import io.dicomwatch.capture.TcpSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One IPv4 TCP segment of a capture, copied out of the reader's buffer so that tests can rewrite
 * captures: re-segment, reorder and write them again with {@link PcapWriter}.
 */
public record CapturedSegment(long timestampNanos, int sourceIp, int sourcePort, int destinationIp,
        int destinationPort, long sequence, long acknowledgement, int flags, byte[] payload) {

    /** Reads every IPv4 TCP segment of {@code file}; other frames are skipped. */
    public static List<CapturedSegment> read(Path file) throws IOException {
        List<CapturedSegment> segments = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        Frame frame = new Frame();
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            while (source.next(frame)) {
                if (decoder.decode(frame, segment) && segment.ipVersion == 4) {
                    segments.add(copy(segment));
                }
            }
        }
        return segments;
    }

    private static CapturedSegment copy(TcpSegment segment) {
        byte[] payload = segment.payload == null ? new byte[0]
                : Arrays.copyOfRange(segment.payload, segment.payloadOffset,
                        segment.payloadOffset + segment.payloadLength);
        return new CapturedSegment(segment.timestampNanos, ipv4(segment.sourceAddress), segment.sourcePort,
                ipv4(segment.destinationAddress), segment.destinationPort, segment.sequenceNumber,
                segment.acknowledgementNumber, segment.flags, payload);
    }

    private static int ipv4(byte[] address) {
        return (address[0] & 0xFF) << 24 | (address[1] & 0xFF) << 16 | (address[2] & 0xFF) << 8 | (address[3] & 0xFF);
    }

    /** Writes this segment with its own payload. */
    public void writeTo(PcapWriter writer) throws IOException {
        writer.tcp(timestampNanos, sourceIp, sourcePort, destinationIp, destinationPort, sequence, acknowledgement,
                flags, payload, 0, payload.length);
    }

    /** Returns the flow key of the sending direction, as source and destination address and port. */
    public String direction() {
        return Integer.toHexString(sourceIp) + ":" + sourcePort + ">" + Integer.toHexString(destinationIp) + ":"
                + destinationPort;
    }
}
