package io.dicomwatch.tcp;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(buffer.count()).isEqualTo(PIECES);
        assertThat(buffer.piecesVisited).isLessThanOrEqualTo(2L * PIECES);
        assertDrainsInOrder(buffer, 1, PIECES);
    }

    @Test
    void insertsInMiddleVisitFewPieces() {
        SegmentBuffer buffer = new SegmentBuffer();
        // Alternately from both ends inward, so that every piece lands between two held ones.
        int low = 1;
        int high = PIECES;
        while (low <= high) {
            insertByte(buffer, low++);
            if (low <= high) {
                insertByte(buffer, high--);
            }
        }

        assertThat(buffer.count()).isEqualTo(PIECES);
        assertThat(buffer.piecesVisited).isLessThanOrEqualTo(2L * PIECES);
        assertDrainsInOrder(buffer, 1, PIECES);
    }

    @Test
    void segmentFillsHolesBetweenPieces() {
        SegmentBuffer buffer = new SegmentBuffer();
        for (int i = 1; i <= 9; i += 2) {
            insertByte(buffer, i);
        }
        byte[] segment = new byte[10];
        for (int i = 0; i < segment.length; i++) {
            segment[i] = (byte) i;
        }

        int flags = buffer.insert(NEXT, NEXT, segment, 0, segment.length, 0);

        assertThat(flags & SegmentBuffer.NEW_BYTES).isNotZero();
        assertThat(flags & SegmentBuffer.OVERLAP).isNotZero();
        assertThat(flags & SegmentBuffer.CONFLICT).isZero();
        assertThat(buffer.count()).isEqualTo(10);
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

    private static void assertDrainsInOrder(SegmentBuffer buffer, int from, int to) {
        for (int distance = from; distance <= to && !buffer.isEmpty(); distance++) {
            SegmentBuffer.Piece piece = buffer.removeFirst();
            assertThat(piece.start).isEqualTo(NEXT + distance);
            assertThat(piece.data).containsExactly((byte) distance);
        }
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.memoryBytes()).isZero();
    }
}
