package io.dicomwatch.tcp;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Out-of-order bytes of one direction: copies of segment pieces, sorted by sequence number and never
 * overlapping each other. A piece may end with bytes that the snap length cut, which are reported as
 * a gap when the piece is delivered.
 *
 * <p>Overlaps are resolved "first received wins": a new segment adds only the ranges that no held
 * piece covers, and where both copies hold bytes they are compared to detect conflicts. Positions
 * are handled as distances from the next expected sequence number, so 32-bit wraparound needs no
 * special case as long as every piece lies less than 2^31 ahead of it.
 *
 * <p>The pieces form a linked list in sequence order and are also indexed by start in a tree, so
 * placing a segment costs O(log n) plus the pieces it overlaps, whatever order segments arrive in.
 * A walk along the list alone made segments sent in reverse order cost O(n) each, and a full
 * buffer of {@code max-buffered-segments} pieces O(n^2). Contiguous pieces are joined up to
 * {@value #JOIN_LIMIT} bytes, so that a retransmission over filled holes visits few pieces.
 */
final class SegmentBuffer {
    /**
     * Estimated heap cost of one piece besides its bytes: the node object, the array header, and
     * the tree entry with its boxed key.
     */
    static final int PIECE_OVERHEAD = 128;

    /** Maximum captured bytes of a piece joined from contiguous pieces; pieces that would pass it stay apart. */
    static final int JOIN_LIMIT = 2048;

    /** Result bit: the segment added bytes that were not held before. */
    static final int NEW_BYTES = 1;
    /** Result bit: part of the segment was already held. */
    static final int OVERLAP = 2;
    /** Result bit: an already held byte differed from the segment's copy. */
    static final int CONFLICT = 4;

    /** One held piece. */
    static final class Piece {
        final int start;
        final byte[] data;
        final int missing;
        Piece previous;
        Piece next;

        Piece(int start, byte[] data, int missing) {
            this.start = start;
            this.data = data;
            this.missing = missing;
        }

        /** Sequence number after the piece, cut bytes included. */
        int end() {
            return start + data.length + missing;
        }
    }

    /**
     * Pieces by start. Starts compare by their signed distance, which orders them correctly because
     * every piece lies within the window, less than 2^31 bytes, of the others.
     */
    private final TreeMap<Integer, Piece> byStart = new TreeMap<>((a, b) -> Integer.signum(a - b));
    private Piece head;
    private Piece tail;
    private int count;
    private long memoryBytes;
    /** Held pieces examined to place segments, found or overlapped; tests check the cost with it. */
    long piecesVisited;

    boolean isEmpty() {
        return head == null;
    }

    Piece first() {
        return head;
    }

    int count() {
        return count;
    }

    /** Heap cost of the held pieces: their bytes plus {@link #PIECE_OVERHEAD} each. */
    long memoryBytes() {
        return memoryBytes;
    }

    /**
     * Adds the parts of a segment that no held piece covers, and returns {@link #NEW_BYTES},
     * {@link #OVERLAP} and {@link #CONFLICT} bits. The segment spans {@code length} captured bytes
     * from {@code source} followed by {@code missing} cut bytes, starting at {@code start}, which
     * must not lie before {@code next}.
     */
    int insert(int next, int start, byte[] source, int offset, int length, int missing) {
        int segmentStart = start - next;
        int segmentEnd = segmentStart + length + missing;
        Segment segment = new Segment(next, segmentStart, source, offset, length);
        int flags = 0;
        int position = segmentStart;
        Piece firstAdded = null;
        Piece lastAdded = null;
        Piece cursor = firstEndingAfter(next, segmentStart);
        while (position < segmentEnd) {
            piecesVisited++;
            if (cursor == null || cursor.start - next >= segmentEnd) {
                lastAdded = segment.piece(position, segmentEnd);
                insertBefore(cursor, lastAdded);
                firstAdded = firstAdded == null ? lastAdded : firstAdded;
                flags |= NEW_BYTES;
                break;
            }
            int cursorStart = cursor.start - next;
            if (cursorStart > position) {
                lastAdded = segment.piece(position, cursorStart);
                insertBefore(cursor, lastAdded);
                firstAdded = firstAdded == null ? lastAdded : firstAdded;
                flags |= NEW_BYTES;
                position = cursorStart;
            }
            int overlapEnd = Math.min(segmentEnd, cursor.end() - next);
            flags |= OVERLAP;
            if (segment.differs(cursor, position, overlapEnd)) {
                flags |= CONFLICT;
            }
            position = overlapEnd;
            cursor = cursor.next;
        }
        if (firstAdded != null) {
            joinAround(firstAdded, lastAdded);
        }
        return flags;
    }

    /** Removes and returns the first piece. */
    Piece removeFirst() {
        Piece piece = head;
        head = piece.next;
        if (head == null) {
            tail = null;
        } else {
            head.previous = null;
        }
        piece.next = null;
        byStart.remove(piece.start);
        count--;
        memoryBytes -= piece.data.length + PIECE_OVERHEAD;
        return piece;
    }

    void clear() {
        byStart.clear();
        head = null;
        tail = null;
        count = 0;
        memoryBytes = 0;
    }

    /** Returns the lowest piece that ends after {@code position}, or null. */
    private Piece firstEndingAfter(int next, int position) {
        Map.Entry<Integer, Piece> floor = byStart.floorEntry(next + position);
        if (floor == null) {
            return head;
        }
        Piece piece = floor.getValue();
        piecesVisited++;
        return piece.end() - next > position ? piece : piece.next;
    }

    /**
     * Joins the contiguous pieces from the one before {@code first} to the one after {@code last}
     * into pieces of up to {@value #JOIN_LIMIT} bytes. Without it, a segment that filled the holes
     * between one-byte pieces would leave a piece per byte, and each retransmission of it would
     * visit them all. Joining copies at most {@value #JOIN_LIMIT} bytes per run.
     */
    private void joinAround(Piece first, Piece last) {
        int lastEnd = last.end();
        Piece piece = first.previous == null ? first : first.previous;
        while (piece != null && piece.start - lastEnd <= 0) {
            piece = joinRun(piece).next;
        }
    }

    /** Replaces the run of contiguous pieces that starts at {@code first} with one piece, and returns it. */
    private Piece joinRun(Piece first) {
        Piece last = first;
        int total = first.data.length;
        while (last.missing == 0 && last.next != null && last.next.start == last.end()
                && total + last.next.data.length <= JOIN_LIMIT) {
            last = last.next;
            total += last.data.length;
        }
        if (last == first) {
            return first;
        }

        byte[] data = new byte[total];
        int joinedPieces = 0;
        int at = 0;
        for (Piece piece = first; ; piece = piece.next) {
            System.arraycopy(piece.data, 0, data, at, piece.data.length);
            at += piece.data.length;
            joinedPieces++;
            if (piece != first) {
                byStart.remove(piece.start);
            }
            if (piece == last) {
                break;
            }
        }

        Piece joined = new Piece(first.start, data, last.missing);
        joined.previous = first.previous;
        joined.next = last.next;
        if (joined.previous == null) {
            head = joined;
        } else {
            joined.previous.next = joined;
        }
        if (joined.next == null) {
            tail = joined;
        } else {
            joined.next.previous = joined;
        }
        byStart.put(joined.start, joined);
        count -= joinedPieces - 1;
        memoryBytes -= (long) (joinedPieces - 1) * PIECE_OVERHEAD;
        return joined;
    }

    /** Links {@code piece} before {@code successor}, or at the tail when it is null. */
    private void insertBefore(Piece successor, Piece piece) {
        Piece predecessor = successor == null ? tail : successor.previous;
        piece.previous = predecessor;
        piece.next = successor;
        if (predecessor == null) {
            head = piece;
        } else {
            predecessor.next = piece;
        }
        if (successor == null) {
            tail = piece;
        } else {
            successor.previous = piece;
        }
        byStart.put(piece.start, piece);
        count++;
        memoryBytes += piece.data.length + PIECE_OVERHEAD;
    }

    /** The incoming segment, with positions relative to the next expected sequence number. */
    private record Segment(int next, int start, byte[] source, int offset, int length) {

        /** Copies the range [from, to) of the segment into a new piece. */
        Piece piece(int from, int to) {
            int capturedEnd = Math.min(to, start + length);
            byte[] data = from < capturedEnd
                    ? Arrays.copyOfRange(source, offset + from - start, offset + capturedEnd - start)
                    : new byte[0];
            int missing = to - Math.max(from, capturedEnd);
            return new Piece(next + from, data, missing);
        }

        /** Compares [from, to) where both the segment and {@code held} have captured bytes. */
        boolean differs(Piece held, int from, int to) {
            int heldStart = held.start - next;
            int low = Math.max(from, Math.max(start, heldStart));
            int high = Math.min(to, Math.min(start + length, heldStart + held.data.length));
            if (low >= high) {
                return false;
            }
            return !Arrays.equals(source, offset + low - start, offset + high - start,
                    held.data, low - heldStart, high - heldStart);
        }
    }
}
