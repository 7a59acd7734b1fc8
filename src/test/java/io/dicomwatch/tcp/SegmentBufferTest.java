package io.dicomwatch.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class SegmentBufferTest {
    // Near the largest int, so that the pieces straddle the wrap of signed sequence numbers.
    private static final int NEXT = Integer.MAX_VALUE - 10;
    private static final int PIECES = 4096;

    @Test
    void reverseOrderVisitsFewPieces() {
        SegmentBuffer buffer = new SegmentBuffer();
        for (int i = PIECES; i >= 1; i--) {
            insertByte(buffer, i);
        }

        assertThat(buffer.piecesVisited).isLessThanOrEqualTo(2L * PIECES);
        assertThat(buffer.count()).isEqualTo(PIECES / SegmentBuffer.JOIN_LIMIT);
        assertDrainsInOrder(buffer, 1, PIECES);
    }

    @Test
    void insertsInMiddleVisitFewPieces() {
        SegmentBuffer buffer = new SegmentBuffer();
        // Every other byte, alternately from both ends inward, so that no piece touches another
        // and every one lands between two held ones.
        int low = 1;
        int high = 2 * PIECES - 1;
        while (low <= high) {
            insertByte(buffer, low);
            low += 2;
            if (low <= high) {
                insertByte(buffer, high);
                high -= 2;
            }
        }

        assertThat(buffer.count()).isEqualTo(PIECES);
        assertThat(buffer.piecesVisited).isLessThanOrEqualTo(2L * PIECES);
    }

    @Test
    void filledHolesJoinIntoFewPieces() {
        SegmentBuffer buffer = new SegmentBuffer();
        int span = 1400;
        for (int i = 2; i < span; i += 2) {
            insertByte(buffer, i);
        }
        byte[] segment = bytesFrom(1, span - 1);

        int first = buffer.insert(NEXT, NEXT + 1, segment, 0, segment.length, 0);
        long visitedBefore = buffer.piecesVisited;
        int again = buffer.insert(NEXT, NEXT + 1, segment, 0, segment.length, 0);

        assertThat(first & SegmentBuffer.NEW_BYTES).isNotZero();
        assertThat(first & SegmentBuffer.CONFLICT).isZero();
        assertThat(again).isEqualTo(SegmentBuffer.OVERLAP);
        assertThat(buffer.count()).isEqualTo(1);
        assertThat(buffer.piecesVisited - visitedBefore).isLessThanOrEqualTo(2);
        assertThat(buffer.memoryBytes()).isEqualTo(span - 1 + SegmentBuffer.PIECE_OVERHEAD);
        assertDrainsInOrder(buffer, 1, span - 1);
    }

    @Test
    void joinStopsAtLimit() {
        SegmentBuffer buffer = new SegmentBuffer();
        byte[] large = bytesFrom(1, SegmentBuffer.JOIN_LIMIT);
        buffer.insert(NEXT, NEXT + 1, large, 0, large.length, 0);

        insertByte(buffer, SegmentBuffer.JOIN_LIMIT + 1);

        assertThat(buffer.count()).isEqualTo(2);
        assertDrainsInOrder(buffer, 1, SegmentBuffer.JOIN_LIMIT + 1);
    }

    @Test
    void pieceWithCutBytesEndsJoin() {
        SegmentBuffer buffer = new SegmentBuffer();
        // Two captured bytes and three that the snap length cut, then the byte after them.
        buffer.insert(NEXT, NEXT + 1, bytesFrom(1, 2), 0, 2, 3);
        insertByte(buffer, 6);

        assertThat(buffer.count()).isEqualTo(2);
        SegmentBuffer.Piece cut = buffer.removeFirst();
        assertThat(cut.missing).isEqualTo(3);
        assertThat(cut.end()).isEqualTo(NEXT + 6);
    }

    @Test
    void segmentFillsHolesBetweenPieces() {
        SegmentBuffer buffer = new SegmentBuffer();
        for (int i = 1; i <= 9; i += 2) {
            insertByte(buffer, i);
        }
        byte[] segment = bytesFrom(0, 9);

        int flags = buffer.insert(NEXT, NEXT, segment, 0, segment.length, 0);

        assertThat(flags & SegmentBuffer.NEW_BYTES).isNotZero();
        assertThat(flags & SegmentBuffer.OVERLAP).isNotZero();
        assertThat(flags & SegmentBuffer.CONFLICT).isZero();
        assertDrainsInOrder(buffer, 0, 9);
    }

    @Test
    void conflictingCopyKeepsFirstBytes() {
        SegmentBuffer buffer = new SegmentBuffer();
        insertByte(buffer, 5);

        int flags = buffer.insert(NEXT, NEXT + 5, new byte[] {99}, 0, 1, 0);

        assertThat(flags).isEqualTo(SegmentBuffer.OVERLAP | SegmentBuffer.CONFLICT);
        assertThat(buffer.first().data).containsExactly(5);
    }

    /** Inserts one byte whose value is its distance from {@link #NEXT}. */
    private static void insertByte(SegmentBuffer buffer, int distance) {
        buffer.insert(NEXT, NEXT + distance, new byte[] {(byte) distance}, 0, 1, 0);
    }

    /** Returns the bytes at distances from {@code first} to {@code last}, each its distance's low byte. */
    private static byte[] bytesFrom(int first, int last) {
        byte[] bytes = new byte[last - first + 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    /** Checks that the pieces hold exactly the bytes at distances {@code first} to {@code last}, in order. */
    private static void assertDrainsInOrder(SegmentBuffer buffer, int first, int last) {
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        int expectedStart = NEXT + first;
        while (!buffer.isEmpty()) {
            SegmentBuffer.Piece piece = buffer.removeFirst();
            assertThat(piece.start).isEqualTo(expectedStart);
            assertThat(piece.missing).isZero();
            drained.writeBytes(piece.data);
            expectedStart = piece.end();
        }
        assertThat(drained.toByteArray()).isEqualTo(bytesFrom(first, last));
        assertThat(buffer.count()).isZero();
        assertThat(buffer.memoryBytes()).isZero();
    }
}
