package io.dicomwatch.pipeline;

import io.dicomwatch.capture.TcpSegment;
import io.dicomwatch.testing.CapturedSegment;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Rewrites a capture's TCP segments with other cut points, order and duplicates, keeping the byte
 * streams and the order in which the two directions take turns.
 *
 * <p>A turn is a run of in-sequence payload segments of one direction. Its bytes are cut anew,
 * shuffled so that no piece moves more than {@code maxDisplacement} places, and duplicated at
 * random. Segments without payload inside the turn (the peer's ACKs) follow the turn, because an
 * ACK of bytes not yet sent would declare them lost. Segments with SYN, FIN or RST, and segments
 * out of sequence, end the turn and stay as they are. All pieces of a turn carry the turn's first
 * timestamp and the deferred segments its last, so the rewrite with the original cut points and
 * no shuffle ({@link #baseline}) has the same timestamps as every other rewrite.
 */
final class Resegmenter {
    private final Random random;
    private final int maxDisplacement;
    private final double duplicateProbability;
    private final double conflictProbability;
    private int conflictsInjected;

    /**
     * @param conflictProbability chance that a piece arriving ahead of a hole is followed by a copy
     *     with different bytes, which the reassembler must count and drop
     */
    Resegmenter(Random random, int maxDisplacement, double duplicateProbability, double conflictProbability) {
        this.random = random;
        this.maxDisplacement = maxDisplacement;
        this.duplicateProbability = duplicateProbability;
        this.conflictProbability = conflictProbability;
    }

    /** Returns the rewrite that keeps the original cut points and order. */
    static List<CapturedSegment> baseline(List<CapturedSegment> segments) {
        return new Resegmenter(null, 0, 0, 0).rewrite(segments);
    }

    /** Copies of buffered pieces with conflicting bytes written by the last {@link #rewrite}. */
    int conflictsInjected() {
        return conflictsInjected;
    }

    List<CapturedSegment> rewrite(List<CapturedSegment> segments) {
        conflictsInjected = 0;
        List<CapturedSegment> out = new ArrayList<>();
        Turn turn = null;
        for (CapturedSegment segment : segments) {
            boolean control = (segment.flags() & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) != 0;
            boolean payload = segment.payload().length > 0;
            if (turn != null && !control && payload && turn.continues(segment)) {
                turn.add(segment);
            } else if (turn != null && !control && !payload) {
                turn.defer(segment);
            } else {
                if (turn != null) {
                    emit(turn, out);
                    turn = null;
                }
                if (!control && payload) {
                    turn = new Turn(segment);
                } else {
                    out.add(segment);
                }
            }
        }
        if (turn != null) {
            emit(turn, out);
        }
        return out;
    }

    /** In-sequence payload of one direction, with the segments deferred to its end. */
    private static final class Turn {
        final CapturedSegment first;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> cuts = new ArrayList<>();
        final List<CapturedSegment> deferred = new ArrayList<>();
        long lastTimestamp;

        Turn(CapturedSegment first) {
            this.first = first;
            add(first);
        }

        boolean continues(CapturedSegment segment) {
            return segment.direction().equals(first.direction())
                    && (int) (segment.sequence() - first.sequence()) == bytes.size();
        }

        void add(CapturedSegment segment) {
            bytes.writeBytes(segment.payload());
            cuts.add(bytes.size());
            lastTimestamp = segment.timestampNanos();
        }

        void defer(CapturedSegment segment) {
            deferred.add(segment);
            lastTimestamp = Math.max(lastTimestamp, segment.timestampNanos());
        }
    }

    /** A piece of a turn: its byte range and its place in the shuffled order. */
    private record Piece(int start, int end, double order) {
    }

    private void emit(Turn turn, List<CapturedSegment> out) {
        byte[] bytes = turn.bytes.toByteArray();
        List<Piece> pieces = random == null ? originalPieces(turn) : randomPieces(bytes.length);
        List<Piece> buffered = new ArrayList<>();
        int contiguous = 0;
        for (Piece piece : pieces) {
            out.add(piece(turn, bytes, piece.start, piece.end, false));
            if (piece.start > contiguous && random != null && random.nextDouble() < conflictProbability) {
                out.add(piece(turn, bytes, piece.start, piece.end, true));
                conflictsInjected++;
            }
            buffered.add(piece);
            contiguous = deliverable(buffered, contiguous);
        }
        for (CapturedSegment segment : turn.deferred) {
            out.add(new CapturedSegment(turn.lastTimestamp, segment.sourceIp(), segment.sourcePort(),
                    segment.destinationIp(), segment.destinationPort(), segment.sequence(), segment.acknowledgement(),
                    segment.flags(), segment.payload()));
        }
    }

    /** Returns the end of the in-order prefix once the pieces received so far are joined. */
    private static int deliverable(List<Piece> received, int contiguous) {
        boolean extended = true;
        while (extended) {
            extended = false;
            for (int i = received.size() - 1; i >= 0; i--) {
                Piece piece = received.get(i);
                if (piece.start <= contiguous) {
                    contiguous = Math.max(contiguous, piece.end);
                    received.remove(i);
                    extended = true;
                }
            }
        }
        return contiguous;
    }

    private static List<Piece> originalPieces(Turn turn) {
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        for (int cut : turn.cuts) {
            pieces.add(new Piece(start, cut, pieces.size()));
            start = cut;
        }
        return pieces;
    }

    /** Cuts the turn at random, adds duplicates (some straddling two pieces) and shuffles locally. */
    private List<Piece> randomPieces(int length) {
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        while (start < length) {
            int size = random.nextInt(8) == 0 ? 1 + random.nextInt(8) : 1 + random.nextInt(3000);
            int end = Math.min(length, start + size);
            int index = pieces.size();
            pieces.add(new Piece(start, end, index + random.nextDouble() * (maxDisplacement + 1)));
            if (random.nextDouble() < duplicateProbability) {
                int duplicateEnd = Math.min(length, end + random.nextInt(100));
                pieces.add(new Piece(start, duplicateEnd, index + random.nextDouble() * (maxDisplacement + 1)));
            }
            start = end;
        }
        pieces.sort(Comparator.comparingDouble(Piece::order));
        return pieces;
    }

    /** Builds the segment of bytes {@code [start, end)} of the turn, with every byte changed if {@code conflicting}. */
    private static CapturedSegment piece(Turn turn, byte[] bytes, int start, int end, boolean conflicting) {
        byte[] payload = Arrays.copyOfRange(bytes, start, end);
        if (conflicting) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= 0x5A;
            }
        }
        CapturedSegment first = turn.first;
        return new CapturedSegment(first.timestampNanos(), first.sourceIp(), first.sourcePort(),
                first.destinationIp(), first.destinationPort(), first.sequence() + start, first.acknowledgement(),
                first.flags(), payload);
    }
}
