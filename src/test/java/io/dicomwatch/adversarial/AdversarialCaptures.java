package io.dicomwatch.adversarial;

import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.echoRq;
import static io.dicomwatch.dicom.PduBuilder.implementationClassUid;
import static io.dicomwatch.dicom.PduBuilder.item;
import static io.dicomwatch.dicom.PduBuilder.itemWithLength;
import static io.dicomwatch.dicom.PduBuilder.maximumLength;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.pduWithLength;
import static io.dicomwatch.dicom.PduBuilder.releaseRp;
import static io.dicomwatch.dicom.PduBuilder.releaseRq;
import static io.dicomwatch.dicom.PduBuilder.u16;
import static io.dicomwatch.dicom.PduBuilder.u32;
import static io.dicomwatch.dicom.PduBuilder.userInformation;

import io.dicomwatch.dicom.PduBuilder;
import io.dicomwatch.testing.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Writes hostile pcap captures for robustness tests and the benchmark: one {@link Scenario} at a
 * time, with a given number of hostile connections, and the association LEGIT_SCU to LEGIT_SCP
 * (10.255.0.1 to 10.255.0.2 port 104) written whole after half of them. Connection {@code i}
 * comes from its own client address 10.x.y.z (the low 24 bits of {@code i + 1}), so every
 * connection is a new flow and, when it proves DICOM, a new asset. Packets are 10 microseconds
 * apart. The output depends only on the scenario, the count and the seed.
 *
 * <p>Usage: {@code AdversarialCaptures SCENARIO CONNECTIONS FILE [SEED]}.
 */
public final class AdversarialCaptures {
    public static final String LEGIT_SCU = "LEGIT_SCU";
    public static final String LEGIT_SCP = "LEGIT_SCP";
    static final int LEGIT_CLIENT = 0x0AFF_0001;
    static final int LEGIT_SERVER = 0x0AFF_0002;
    private static final int DICOM_PORT = 104;
    private static final int SERVERS = 16;
    private static final long START_NANOS = 1_700_000_000_000_000_000L;
    private static final long PACKET_STEP_NANOS = 10_000;
    private static final long CLIENT_ISN = 1_000;
    private static final long SERVER_ISN = 500_000;
    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;
    private static final byte[] NONE = new byte[0];
    /** One-byte segments per connection of {@link Scenario#REVERSE_SEGMENTS}: the default max-buffered-segments less one. */
    private static final int REVERSE_SEGMENT_COUNT = 4_095;

    private final Scenario scenario;
    private final PcapWriter writer;
    private final Random random;
    private final byte[] bulk = new byte[1400];
    private long now = START_NANOS;

    private AdversarialCaptures(Scenario scenario, PcapWriter writer, long seed) {
        this.scenario = scenario;
        this.writer = writer;
        this.random = new Random(seed);
        random.nextBytes(bulk);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: AdversarialCaptures SCENARIO CONNECTIONS FILE [SEED]");
            System.exit(2);
        }
        Scenario scenario = Scenario.valueOf(args[0].toUpperCase(Locale.ROOT).replace('-', '_'));
        int connections = Integer.parseInt(args[1]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        long packets = write(scenario, connections, Path.of(args[2]), seed);
        System.out.println(scenario + ": " + connections + " connections, " + packets + " packets");
    }

    /** Writes the capture to {@code file} and returns the number of packets written. */
    public static long write(Scenario scenario, int connections, Path file, long seed) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); PcapWriter writer = new PcapWriter(out)) {
            AdversarialCaptures captures = new AdversarialCaptures(scenario, writer, seed);
            for (int i = 0; i < connections; i++) {
                if (i == connections / 2) {
                    captures.legitimateAssociation();
                }
                captures.hostileConnection(i);
            }
            if (connections == 0) {
                captures.legitimateAssociation();
            }
            captures.finish(connections);
            return writer.packets();
        }
    }

    private void hostileConnection(int index) throws IOException {
        Flow flow = new Flow(0x0A00_0000 | ((index + 1) & 0xFF_FFFF), 1024 + index % 60_000,
                0xAC10_0001 + (index % SERVERS << 8), DICOM_PORT);
        switch (scenario) {
            case HUGE_LENGTHS -> hugeLengths(flow, index);
            case BAD_NESTING -> badNesting(flow, index);
            case ENDLESS_PDV -> endlessPdv(flow, index);
            case HALF_OPEN -> halfOpen(flow, index);
            case ONE_BYTE -> oneByte(flow, index);
            case UNFINISHED_REQUEST -> unfinishedRequest(flow, index);
            case OVERLAP_CONFLICT -> overlapConflict(flow);
            case REVERSE_SEGMENTS -> reverseSegments(flow, index);
            case TIME_BACKWARDS -> timeBackwards(flow);
            case TRUNCATED -> completeAssociation(flow, "SCU" + index % 1000, "SCP" + index % SERVERS);
        }
    }

    private void finish(int connections) throws IOException {
        if (scenario == Scenario.ENDLESS_PDV) {
            endlessStream(Math.max(100, connections / 10));
        }
        if (scenario == Scenario.TRUNCATED) {
            // A record header announcing a full Ethernet frame, of which only 10 bytes follow.
            writer.rawRecord(tick(), 1514, new byte[10]);
        }
    }

    // ---- scenarios ----

    private void hugeLengths(Flow flow, int index) throws IOException {
        handshake(flow);
        byte[] pdu = switch (index % 5) {
            // P-DATA-TF of 2^32 - 1 bytes holding one PDV of 2^32 - 5 bytes.
            case 0 -> concat(pduWithLength(0x04, 0xFFFF_FFFFL, u32(0xFFFF_FFFBL)), bytes(1, 0x00), new byte[64]);
            // A-ASSOCIATE-RQ of 2^32 - 2 bytes, beyond the scanner's plausible length.
            case 1 -> concat(pduWithLength(0x01, 0xFFFF_FFFEL, new byte[68]), new byte[64]);
            // A-ASSOCIATE-RQ of 15 MiB: under the scanner's limit, over the buffer limit, so it is skipped.
            case 2 -> concat(pduWithLength(0x01, 15L << 20, new byte[68]), new byte[64]);
            // A-ASSOCIATE-RQ whose presentation context item claims 65,535 bytes.
            case 3 -> associateRq("CALLED", "CALLING", applicationContext(),
                    itemWithLength(0x20, 0xFFFF, bytes(1, 0, 0, 0)));
            // P-DATA-TF whose PDV item length overruns the PDU.
            default -> concat(pduWithLength(0x04, 10, u32(0x7FFF_FFFF)), bytes(1, 0x03, 0, 0, 0, 0));
        };
        client(flow, pdu);
        if (index % 2 == 0) {
            close(flow);
        }
    }

    private void badNesting(Flow flow, int index) throws IOException {
        handshake(flow);
        byte[] misplaced = switch (index % 4) {
            // A user information item inside a presentation context.
            case 0 -> item(0x20, concat(bytes(1, 0, 0, 0), userInformation(maximumLength(16384))));
            // A transfer syntax sub-item at the top level, beside a context without one.
            case 1 -> concat(item(0x40, PduBuilder.ascii(PduBuilder.IMPLICIT_VR_LE)),
                    item(0x20, concat(bytes(1, 0, 0, 0), item(0x30, PduBuilder.ascii(PduBuilder.VERIFICATION)))));
            // Zero-length items of every kind.
            case 2 -> concat(item(0x10, NONE), item(0x20, NONE), item(0x30, NONE), item(0x40, NONE),
                    item(0x50, NONE), item(0x51, NONE), item(0x52, NONE));
            // A presentation context nested in a presentation context.
            default -> item(0x20, concat(bytes(1, 0, 0, 0),
                    presentationContextRq(3, PduBuilder.VERIFICATION, PduBuilder.IMPLICIT_VR_LE)));
        };
        byte[] request = associateRq("SCP" + index % SERVERS, "SCU" + index, applicationContext(),
                presentationContextRq(1, PduBuilder.VERIFICATION, PduBuilder.IMPLICIT_VR_LE), misplaced,
                userInformation(maximumLength(16384), implementationClassUid("1.2.3.4." + index % 100)));
        client(flow, request);
        server(flow, accept("SCP" + index % SERVERS, "SCU" + index));
        close(flow);
    }

    private void endlessPdv(Flow flow, int index) throws IOException {
        handshake(flow);
        client(flow, request("SCP" + index % SERVERS, "SCU" + index % 1000));
        server(flow, accept("SCP" + index % SERVERS, "SCU" + index % 1000));
        // P-DATA-TF of 2^32 - 1 bytes and a data PDV of 2^32 - 5 bytes, then data that never ends.
        client(flow, concat(pduWithLength(0x04, 0xFFFF_FFFFL, u32(0xFFFF_FFFBL)), bytes(1, 0x02)));
        client(flow, bulk);
        client(flow, bulk);
    }

    /** Writes one connection that streams {@code packets} full segments of the endless PDV. */
    private void endlessStream(int packets) throws IOException {
        Flow flow = new Flow(0x0AFE_0001, 40_000, 0xAC10_0001, DICOM_PORT);
        handshake(flow);
        client(flow, request("SCP0", "STREAMER"));
        server(flow, accept("SCP0", "STREAMER"));
        client(flow, concat(pduWithLength(0x04, 0xFFFF_FFFFL, u32(0xFFFF_FFFBL)), bytes(1, 0x02)));
        for (int i = 0; i < packets; i++) {
            client(flow, bulk);
        }
    }

    private void halfOpen(Flow flow, int index) throws IOException {
        if (index % 4 == 3) {
            packet(flow, false, SYN | ACK, NONE);
        } else {
            packet(flow, true, SYN, NONE);
        }
    }

    private void oneByte(Flow flow, int index) throws IOException {
        if (index % 2 == 0) {
            handshake(flow);
        }
        client(flow, bytes(0x01));
    }

    /** Sends the start of a request announced at 1,000,000 bytes: its real items, then bulk, in 24 segments. */
    private void unfinishedRequest(Flow flow, int index) throws IOException {
        handshake(flow);
        byte[] request = request("SCP" + index % SERVERS, "SCU" + index);
        byte[] header = pduWithLength(0x01, 1_000_000, NONE);
        client(flow, concat(header, Arrays.copyOfRange(request, header.length, request.length)));
        for (int i = 0; i < 23; i++) {
            client(flow, bulk);
        }
    }

    /** Sends an A-ASSOCIATE-RQ as: the second half, a conflicting copy of it, a conflicting overlap, the first half. */
    private void overlapConflict(Flow flow) throws IOException {
        handshake(flow);
        byte[] request = request("CONFLICT_SCP", "CONFLICT_SCU");
        int half = request.length / 2;
        byte[] conflicting = request.clone();
        for (int i = 0; i < conflicting.length; i++) {
            conflicting[i] ^= 0x5A;
        }
        long start = flow.clientNext;
        segment(flow, true, start + half, PSH_ACK, request, half, request.length - half);
        segment(flow, true, start + half, PSH_ACK, conflicting, half, request.length - half);
        segment(flow, true, start + half - 10, PSH_ACK, conflicting, half - 10, 40);
        segment(flow, true, start, PSH_ACK, request, 0, half);
        flow.clientNext += request.length;
        server(flow, accept("CONFLICT_SCP", "CONFLICT_SCU"));
        close(flow);
    }

    /**
     * Sends one-byte segments from the highest sequence number down, so that each one lands in
     * front of every byte buffered, and leaves the first byte a hole.
     */
    private void reverseSegments(Flow flow, int index) throws IOException {
        handshake(flow);
        client(flow, request("SCP" + index % SERVERS, "SCU" + index % 1000));
        server(flow, accept("SCP" + index % SERVERS, "SCU" + index % 1000));
        client(flow, concat(pduWithLength(0x04, 0xFFFF_FFFFL, u32(0xFFFF_FFFBL)), bytes(1, 0x02)));
        long start = flow.clientNext;
        for (int i = REVERSE_SEGMENT_COUNT; i >= 1; i--) {
            segment(flow, true, start + i, ACK, bulk, i % bulk.length, 1);
        }
        flow.clientNext += REVERSE_SEGMENT_COUNT + 1;
    }

    private void timeBackwards(Flow flow) throws IOException {
        int jump = random.nextInt(10);
        if (jump == 0) {
            now -= (long) random.nextInt(3_600) * 1_000_000_000L;
        } else if (jump == 1) {
            now += (long) random.nextInt(86_400) * 1_000_000_000L;
        }
        completeAssociation(flow, "TIME_SCU", "TIME_SCP");
    }

    // ---- building blocks ----

    private void legitimateAssociation() throws IOException {
        completeAssociation(new Flow(LEGIT_CLIENT, 50_000, LEGIT_SERVER, DICOM_PORT), LEGIT_SCU, LEGIT_SCP);
    }

    /** Writes a handshake, an association with one C-ECHO, its release and the FINs. */
    private void completeAssociation(Flow flow, String calling, String called) throws IOException {
        handshake(flow);
        client(flow, request(called, calling));
        server(flow, accept(called, calling));
        client(flow, pDataTf(commandPdv(1, true, echoRq(1))));
        server(flow, pDataTf(commandPdv(1, true, PduBuilder.commandSet().uid(0x0002, PduBuilder.VERIFICATION)
                .us(0x0100, 0x8030).us(0x0120, 1).us(0x0800, 0x0101).us(0x0900, 0).bytes())));
        client(flow, releaseRq());
        server(flow, releaseRp());
        close(flow);
    }

    private static byte[] request(String called, String calling) {
        return associateRq(called, calling, applicationContext(),
                presentationContextRq(1, PduBuilder.VERIFICATION, PduBuilder.IMPLICIT_VR_LE),
                userInformation(maximumLength(16384), implementationClassUid("1.2.3.4.5")));
    }

    private static byte[] accept(String called, String calling) {
        return associateAc(called, calling, applicationContext(),
                presentationContextAc(1, 0, PduBuilder.IMPLICIT_VR_LE),
                userInformation(maximumLength(16384), implementationClassUid("1.2.3.4.6")));
    }

    private void handshake(Flow flow) throws IOException {
        packet(flow, true, SYN, NONE);
        packet(flow, false, SYN | ACK, NONE);
        packet(flow, true, ACK, NONE);
    }

    private void close(Flow flow) throws IOException {
        packet(flow, true, FIN | ACK, NONE);
        packet(flow, false, FIN | ACK, NONE);
        packet(flow, true, ACK, NONE);
    }

    private void client(Flow flow, byte[] payload) throws IOException {
        packet(flow, true, PSH_ACK, payload);
    }

    private void server(Flow flow, byte[] payload) throws IOException {
        packet(flow, false, PSH_ACK, payload);
    }

    /** Writes a segment at the next sequence number of its direction and advances it, by one more for SYN and FIN. */
    private void packet(Flow flow, boolean fromClient, int flags, byte[] payload) throws IOException {
        long sequence = fromClient ? flow.clientNext : flow.serverNext;
        segment(flow, fromClient, sequence, flags, payload, 0, payload.length);
        long advance = payload.length + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        if (fromClient) {
            flow.clientNext += advance;
        } else {
            flow.serverNext += advance;
        }
    }

    private void segment(Flow flow, boolean fromClient, long sequence, int flags, byte[] payload, int offset,
            int length) throws IOException {
        if (fromClient) {
            writer.tcp(tick(), flow.client, flow.clientPort, flow.server, flow.serverPort, sequence, flow.serverNext,
                    flags, payload, offset, length);
        } else {
            writer.tcp(tick(), flow.server, flow.serverPort, flow.client, flow.clientPort, sequence, flow.clientNext,
                    flags, payload, offset, length);
        }
    }

    private long tick() {
        now += PACKET_STEP_NANOS;
        return now;
    }

    /** Addresses, ports and next sequence numbers of one connection. */
    private static final class Flow {
        final int client;
        final int clientPort;
        final int server;
        final int serverPort;
        long clientNext = CLIENT_ISN;
        long serverNext = SERVER_ISN;

        Flow(int client, int clientPort, int server, int serverPort) {
            this.client = client;
            this.clientPort = clientPort;
            this.server = server;
            this.serverPort = serverPort;
        }
    }
}
