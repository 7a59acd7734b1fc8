package io.dicomwatch.tcp;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.capture.TcpSegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds segments by hand and feeds them to a reassembler the way the packet decoder does: one
 * reused {@link TcpSegment} whose payload points into one reused frame buffer. The payload bytes
 * are overwritten after every segment, so a reassembler that keeps a reference instead of a copy
 * delivers garbage.
 */
final class Wire {
    static final String CLIENT = "10.0.0.1";
    static final int CLIENT_PORT = 40000;
    static final String SERVER = "10.0.0.2";
    static final int SERVER_PORT = 104;
    static final long CLIENT_ISN = 1000;
    static final long SERVER_ISN = 5000;
    private static final int PAYLOAD_OFFSET = 54;

    final Recorder recorder = new Recorder();
    final TcpReassembler reassembler;
    private final TcpSegment segment = new TcpSegment();
    private final byte[] frame = new byte[PAYLOAD_OFFSET + 70_000];
    /** Capture time given to the next segments. */
    long now = 1_000_000_000L;

    Wire() {
        this(ReassemblyConfig.DEFAULTS);
    }

    Wire(ReassemblyConfig config) {
        this.reassembler = new TcpReassembler(recorder, config);
    }

    Packet client() {
        return new Packet(CLIENT, CLIENT_PORT, SERVER, SERVER_PORT);
    }

    Packet server() {
        return new Packet(SERVER, SERVER_PORT, CLIENT, CLIENT_PORT);
    }

    Packet from(String address, int port, String toAddress, int toPort) {
        return new Packet(address, port, toAddress, toPort);
    }

    /** Sends SYN, SYN+ACK and ACK with {@link #CLIENT_ISN} and {@link #SERVER_ISN}. */
    void handshake() {
        client().syn().seq(CLIENT_ISN).send();
        server().syn().seq(SERVER_ISN).ack(CLIENT_ISN + 1).send();
        client().seq(CLIENT_ISN + 1).ack(SERVER_ISN + 1).send();
    }

    /** Sequence number of the client byte at stream offset {@code offset} after the handshake. */
    static long clientSeq(long offset) {
        return CLIENT_ISN + 1 + offset;
    }

    static long serverSeq(long offset) {
        return SERVER_ISN + 1 + offset;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static ReassemblyConfig config(int maxConnections, long maxBufferedBytes, int windowBytes) {
        ReassemblyConfig defaults = ReassemblyConfig.DEFAULTS;
        return new ReassemblyConfig(maxConnections, maxBufferedBytes, windowBytes, defaults.maxBufferedSegments(),
                defaults.idleTimeoutNanos(), defaults.tombstoneNanos(), defaults.holeTimeoutNanos());
    }

    static ReassemblyConfig timeouts(long idleTimeoutNanos, long tombstoneNanos, long holeTimeoutNanos) {
        ReassemblyConfig defaults = ReassemblyConfig.DEFAULTS;
        return new ReassemblyConfig(defaults.maxConnections(), defaults.maxBufferedBytes(), defaults.windowBytes(),
                defaults.maxBufferedSegments(), idleTimeoutNanos, tombstoneNanos, holeTimeoutNanos);
    }

    /** One segment under construction; {@link #send()} feeds it. */
    final class Packet {
        private final IpAddress source;
        private final int sourcePort;
        private final IpAddress destination;
        private final int destinationPort;
        private long sequence;
        private long acknowledgement;
        private int flags;
        private byte[] payload = new byte[0];
        private int missing;
        private long sourceMac = 0x0200_0000_0001L;
        private int[] vlans = new int[0];

        private Packet(String source, int sourcePort, String destination, int destinationPort) {
            this.source = IpAddress.parse(source);
            this.sourcePort = sourcePort;
            this.destination = IpAddress.parse(destination);
            this.destinationPort = destinationPort;
        }

        Packet seq(long value) {
            sequence = value;
            return this;
        }

        /** Sets the ACK flag and number. */
        Packet ack(long value) {
            flags |= TcpSegment.ACK;
            acknowledgement = value;
            return this;
        }

        Packet syn() {
            flags |= TcpSegment.SYN;
            return this;
        }

        Packet fin() {
            flags |= TcpSegment.FIN;
            return this;
        }

        Packet rst() {
            flags |= TcpSegment.RST;
            return this;
        }

        Packet data(String text) {
            return data(ascii(text));
        }

        Packet data(byte[] bytes) {
            payload = bytes;
            flags |= TcpSegment.PSH;
            return this;
        }

        /** Declares bytes that the snap length cut after the payload. */
        Packet missing(int bytes) {
            missing = bytes;
            return this;
        }

        Packet mac(long value) {
            sourceMac = value;
            return this;
        }

        Packet vlans(int... ids) {
            vlans = ids;
            return this;
        }

        void send() {
            segment.timestampNanos = now;
            segment.frameNumber++;
            segment.sourceMac = sourceMac;
            segment.destinationMac = -1;
            segment.vlanCount = vlans.length;
            System.arraycopy(vlans, 0, segment.vlanIds, 0, vlans.length);
            segment.ipVersion = source.isIpv4() ? 4 : 6;
            System.arraycopy(source.toBytes(), 0, segment.sourceAddress, 0, source.length());
            System.arraycopy(destination.toBytes(), 0, segment.destinationAddress, 0, destination.length());
            segment.sourcePort = sourcePort;
            segment.destinationPort = destinationPort;
            segment.sequenceNumber = sequence & 0xFFFF_FFFFL;
            segment.acknowledgementNumber = acknowledgement & 0xFFFF_FFFFL;
            segment.flags = flags;
            System.arraycopy(payload, 0, frame, PAYLOAD_OFFSET, payload.length);
            segment.payload = frame;
            segment.payloadOffset = PAYLOAD_OFFSET;
            segment.payloadLength = payload.length;
            segment.payloadMissing = missing;
            reassembler.onSegment(segment);
            Arrays.fill(frame, PAYLOAD_OFFSET, PAYLOAD_OFFSET + payload.length, (byte) '#');
        }
    }
}
