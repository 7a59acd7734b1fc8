package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: cutting the IP packets of a real capture into fragments of random sizes, shuffling
 * them, interleaving datagrams and repeating fragments changes none of the TCP segments decoded,
 * only the order in which datagrams complete. Forged copies of held fragments are duplicates that
 * lose to the fragment received first, and each counts as a conflict. A forged fragment inside
 * another discards its datagram, whose segment then comes only from the retransmission. Every
 * case runs with a seeded {@link Random}, and failures name the seed.
 */
class FragmentedCaptureTest {
    private static final Path SAMPLES = Path.of("samples-pcap");
    private static final int SEEDS = 8;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int IPV6_FRAGMENT = 44;

    /**
     * One frame of the rewritten capture: fragment {@code index} of its packet, or a copy of it
     * when not {@code original}. An index of {@link #UNCOUNTED} marks a frame sent whatever
     * became of the datagram: an overlapping forgery, or the packet's retransmission.
     */
    private record Piece(byte[] frame, long timestampNanos, int index, boolean original) {
    }

    private static final int UNCOUNTED = -1;

    /** What the rewrite forges. */
    private enum Forgery {
        NONE,
        /** A copy of a held fragment with every byte inverted, right after the original. */
        COPIES,
        /** An 8-byte fragment inside a longer one, sent first, then the packet again whole. */
        OVERLAPS
    }

    /** The pieces of one packet still to send, and which of its fragments were sent. */
    private static final class Pending {
        final List<Piece> pieces;
        final int fragments;
        final BitSet sent = new BitSet();

        Pending(List<Piece> pieces, int fragments) {
            this.pieces = pieces;
            this.fragments = fragments;
        }

        boolean isComplete() {
            return sent.cardinality() == fragments;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"store.pcap", "ipv6.pcap", "multihost.pcap", "vlan.pcap"})
    void fragmentedSameSegments(String sample) throws IOException {
        List<Piece> original = read(SAMPLES.resolve(sample));
        List<String> expected = decodeAll(original, new PacketDecoder());

        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Rewrite rewrite = new Rewrite(random, Forgery.NONE);
            List<Piece> fragmented = rewrite.apply(original);
            PacketDecoder decoder = new PacketDecoder();
            List<String> actual = decodeAll(fragmented, decoder);

            String context = sample + " seed " + seed;
            assertThat(sorted(actual)).as("segments of " + context).isEqualTo(sorted(expected));
            PacketStats stats = decoder.stats();
            assertThat(stats.ipDatagramsDiscardedOverlap).as("overlaps in " + context).isZero();
            assertThat(stats.ipDatagramsReassembled).as("reassembled in " + context).isEqualTo(rewrite.datagrams);
            assertThat(stats.ipFragmentConflicts).as("conflicts in " + context).isZero();
            assertThat(stats.outcomes()).as("outcomes of " + context).isEqualTo(stats.frames);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"store.pcap", "ipv6.pcap"})
    void forgedCopiesLose(String sample) throws IOException {
        List<Piece> original = read(SAMPLES.resolve(sample));
        List<String> expected = decodeAll(original, new PacketDecoder());

        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Rewrite rewrite = new Rewrite(random, Forgery.COPIES);
            List<Piece> fragmented = rewrite.apply(original);
            PacketDecoder decoder = new PacketDecoder();
            List<String> actual = decodeAll(fragmented, decoder);

            String context = sample + " seed " + seed;
            assertThat(rewrite.forged).as("forged copies in " + context).isPositive();
            assertThat(sorted(actual)).as("segments of " + context).isEqualTo(sorted(expected));
            assertThat(decoder.stats().ipFragmentConflicts).as("conflicts in " + context).isEqualTo(rewrite.forged);
            assertThat(decoder.stats().ipDatagramsDiscardedOverlap).as("overlaps in " + context).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"store.pcap", "ipv6.pcap"})
    void overlappingForgeriesDiscardDatagrams(String sample) throws IOException {
        List<Piece> original = read(SAMPLES.resolve(sample));
        List<String> expected = decodeAll(original, new PacketDecoder());

        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Rewrite rewrite = new Rewrite(random, Forgery.OVERLAPS);
            List<Piece> fragmented = rewrite.apply(original);
            PacketDecoder decoder = new PacketDecoder();
            List<String> actual = decodeAll(fragmented, decoder);

            String context = sample + " seed " + seed;
            PacketStats stats = decoder.stats();
            assertThat(rewrite.forged).as("forgeries in " + context).isPositive();
            assertThat(sorted(actual)).as("segments of " + context).isEqualTo(sorted(expected));
            assertThat(stats.ipDatagramsDiscardedOverlap).as("overlaps in " + context).isEqualTo(rewrite.forged);
            assertThat(stats.ipDatagramsReassembled).as("reassembled in " + context)
                    .isEqualTo(rewrite.datagrams - rewrite.forged);
            assertThat(stats.ipFragmentConflicts).as("conflicts in " + context).isZero();
            assertThat(stats.outcomes()).as("outcomes of " + context).isEqualTo(stats.frames);
        }
    }

    /** Cuts, reorders and repeats fragments with one seeded generator. */
    private static final class Rewrite {
        private final Random random;
        private final Forgery forgery;
        private int identification;
        int datagrams;
        int forged;

        Rewrite(Random random, Forgery forgery) {
            this.random = random;
            this.forgery = forgery;
        }

        /**
         * Fragments every packet with TCP payload and interleaves the pieces of up to 4 neighbouring
         * packets; a packet's own pieces keep their shuffled order. Pieces come only while their
         * packet is incomplete, since a piece after that would start a new datagram. Copies may
         * complete a packet before all of its original pieces have come.
         */
        List<Piece> apply(List<Piece> frames) {
            List<Pending> pending = new ArrayList<>();
            List<Piece> out = new ArrayList<>();
            for (Piece frame : frames) {
                pending.add(fragment(frame));
                if (pending.size() == 4) {
                    drainOne(pending, out);
                }
            }
            while (!pending.isEmpty()) {
                drainOne(pending, out);
            }
            return out;
        }

        /** Emits pieces from random pending packets until the first pending packet is done. */
        private void drainOne(List<Pending> pending, List<Piece> out) {
            while (!pending.get(0).pieces.isEmpty()) {
                Pending source = pending.get(random.nextInt(pending.size()));
                if (source.pieces.isEmpty()) {
                    continue;
                }
                Piece piece = source.pieces.remove(0);
                if (piece.index() == UNCOUNTED) {
                    out.add(piece);
                    continue;
                }
                if (source.isComplete()) {
                    continue;
                }
                out.add(piece);
                source.sent.set(piece.index());
                // A forged copy counts as a conflict only while its datagram is incomplete.
                if (forgery == Forgery.COPIES && piece.original() && !source.isComplete() && random.nextInt(4) == 0) {
                    out.add(forgedCopy(piece));
                    forged++;
                }
            }
            pending.remove(0);
            pending.removeIf(packet -> packet.pieces.isEmpty());
        }

        private Pending fragment(Piece frame) {
            byte[] data = frame.frame();
            int ip = networkOffset(data);
            int version = (data[ip] & 0xFF) >>> 4;
            int headerLength = version == 4 ? (data[ip] & 0x0F) * 4 : 40;
            int end = version == 4 ? ip + u16(data, ip + 2) : ip + 40 + u16(data, ip + 4);
            int transportLength = end - ip - headerLength;
            boolean tcp = (data[ip + (version == 4 ? 9 : 6)] & 0xFF) == Packets.PROTOCOL_TCP;
            int tcpHeaderLength = tcp ? ((data[ip + headerLength + 12] & 0xFF) >>> 4) * 4 : transportLength;
            List<Piece> pieces = new ArrayList<>();
            if (!tcp || transportLength <= tcpHeaderLength) {
                pieces.add(frame);
                return new Pending(pieces, 1);
            }

            datagrams++;
            identification++;
            int index = 0;
            byte[] forgery = null;
            for (int offset = 0; offset < transportLength; index++) {
                int size = Math.min(transportLength - offset, 8 * (1 + random.nextInt(185)));
                if (offset == 0 && size == transportLength) {
                    size = (transportLength - 1) & ~7;     // at least two fragments, so none is a whole packet
                }
                boolean more = offset + size < transportLength;
                byte[] piece = version == 4
                        ? ipv4Fragment(data, ip, headerLength, offset, size, more)
                        : ipv6Fragment(data, ip, offset, size, more);
                pieces.add(new Piece(piece, frame.timestampNanos(), index, true));
                if (this.forgery == Forgery.OVERLAPS) {
                    if (forgery == null && size >= 16 && random.nextInt(4) == 0) {
                        forgery = forgedInside(data, ip, headerLength, version, offset, size);
                    }
                } else if (random.nextInt(10) == 0) {
                    pieces.add(new Piece(piece, frame.timestampNanos(), index, false));
                }
                offset += size;
            }

            Collections.shuffle(pieces, random);
            if (forgery != null) {
                // The forgery comes first, so the fragment around it overlaps it on arrival and the
                // datagram is discarded. Without copies, the rest can never complete it again.
                forged++;
                pieces.add(0, new Piece(forgery, frame.timestampNanos(), UNCOUNTED, false));
                pieces.add(new Piece(data, frame.timestampNanos(), UNCOUNTED, true));
            }
            return new Pending(pieces, index);
        }

        /**
         * Returns an 8-byte fragment with inverted bytes that lies strictly inside the fragment
         * [offset, offset + size), so that the latter is no duplicate of it.
         */
        private byte[] forgedInside(byte[] data, int ip, int headerLength, int version, int offset, int size) {
            int inside = offset + 8 * random.nextInt((size - 8) / 8 + 1);
            byte[] piece = version == 4
                    ? ipv4Fragment(data, ip, headerLength, inside, 8, true)
                    : ipv6Fragment(data, ip, inside, 8, true);
            Piece forgery = forgedCopy(new Piece(piece, 0, 0, false));
            return forgery.frame();
        }

        private byte[] ipv4Fragment(byte[] data, int ip, int headerLength, int offset, int size, boolean more) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(data, 0, ip + headerLength);
            out.write(data, ip + headerLength + offset, size);
            byte[] piece = out.toByteArray();
            putU16(piece, ip + 2, headerLength + size);
            putU16(piece, ip + 4, identification);
            putU16(piece, ip + 6, (more ? 0x2000 : 0) | offset / 8);
            return piece;
        }

        private byte[] ipv6Fragment(byte[] data, int ip, int offset, int size, boolean more) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(data, 0, ip + 40);
            ByteBuffer header = ByteBuffer.allocate(8);
            header.put(data[ip + 6]);                                   // next header: the original's
            header.put((byte) 0);                                       // reserved
            header.putShort((short) (offset | (more ? 1 : 0)));         // offset, M flag
            header.putInt(identification);                              // identification
            out.writeBytes(header.array());
            out.write(data, ip + 40 + offset, size);
            byte[] piece = out.toByteArray();
            putU16(piece, ip + 4, 8 + size);
            piece[ip + 6] = (byte) IPV6_FRAGMENT;
            return piece;
        }

        /** Returns the piece with every payload byte inverted, so each differs from the held copy. */
        private static Piece forgedCopy(Piece piece) {
            byte[] frame = piece.frame().clone();
            int ip = networkOffset(frame);
            int payload = ip + ((frame[ip] & 0xFF) >>> 4 == 4 ? (frame[ip] & 0x0F) * 4 : 48);
            for (int i = payload; i < frame.length; i++) {
                frame[i] = (byte) ~frame[i];
            }
            return new Piece(frame, piece.timestampNanos(), piece.index(), false);
        }
    }

    private static List<Piece> read(Path file) throws IOException {
        List<Piece> frames = new ArrayList<>();
        Frame frame = new Frame();
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            while (source.next(frame)) {
                byte[] copy = Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength);
                frames.add(new Piece(copy, frame.timestampNanos, 0, true));
            }
        }
        return frames;
    }

    private static List<String> decodeAll(List<Piece> pieces, PacketDecoder decoder) {
        List<String> segments = new ArrayList<>();
        TcpSegment segment = new TcpSegment();
        long number = 0;
        for (Piece piece : pieces) {
            Frame frame = Packets.frame(LinkType.ETHERNET, piece.frame());
            frame.timestampNanos = piece.timestampNanos();
            frame.number = ++number;
            if (decoder.decode(frame, segment)) {
                segments.add(describe(segment));
            }
        }
        return segments;
    }

    /** Returns the segment's fields as text, except its frame number, which fragmenting changes. */
    private static String describe(TcpSegment segment) {
        byte[] payload = Arrays.copyOfRange(segment.payload, segment.payloadOffset,
                segment.payloadOffset + segment.payloadLength);
        return segment.timestampNanos + " " + segment.sourceMac + ">" + segment.destinationMac
                + " vlans=" + Arrays.toString(Arrays.copyOf(segment.vlanIds, segment.vlanCount))
                + " " + Arrays.toString(Arrays.copyOf(segment.sourceAddress, segment.addressLength()))
                + ":" + segment.sourcePort + ">" + Arrays.toString(Arrays.copyOf(segment.destinationAddress,
                segment.addressLength())) + ":" + segment.destinationPort + " seq=" + segment.sequenceNumber
                + " ack=" + segment.acknowledgementNumber + " flags=" + segment.flags
                + " missing=" + segment.payloadMissing + " payload=" + Arrays.hashCode(payload) + "/" + payload.length;
    }

    private static List<String> sorted(List<String> segments) {
        List<String> copy = new ArrayList<>(segments);
        Collections.sort(copy);
        return copy;
    }

    /** Returns the offset of the IP header of an Ethernet frame, past any 802.1Q tags. */
    private static int networkOffset(byte[] frame) {
        int offset = 12;
        while (u16(frame, offset) == ETHERTYPE_VLAN) {
            offset += 4;
        }
        return offset + 2;
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }

    private static void putU16(byte[] data, int offset, int value) {
        data[offset] = (byte) (value >>> 8);
        data[offset + 1] = (byte) value;
    }
}
