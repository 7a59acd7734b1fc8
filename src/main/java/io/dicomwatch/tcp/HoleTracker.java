package io.dicomwatch.tcp;

/**
 * The directions that buffer out-of-order bytes behind a hole, oldest hole first, and the total
 * heap cost of their buffers. The order serves both the hole timeout and the memory bound: the hole
 * waiting longest is the one least likely to fill.
 *
 * <p>Hole times are taken from the reassembler's capture clock, which never goes backwards, so the
 * list stays sorted by {@link HalfStream#holeSince}.
 */
final class HoleTracker {
    private final ReassemblyStats stats;
    private HalfStream head;
    private HalfStream tail;

    HoleTracker(ReassemblyStats stats) {
        this.stats = stats;
    }

    /** Appends a direction whose buffer just became non-empty. */
    void add(HalfStream stream, long now) {
        stream.holeSince = now;
        stream.holePrevious = tail;
        stream.holeNext = null;
        if (tail == null) {
            head = stream;
        } else {
            tail.holeNext = stream;
        }
        tail = stream;
        stream.inHoleList = true;
    }

    void remove(HalfStream stream) {
        if (!stream.inHoleList) {
            return;
        }
        if (stream.holePrevious == null) {
            head = stream.holeNext;
        } else {
            stream.holePrevious.holeNext = stream.holeNext;
        }
        if (stream.holeNext == null) {
            tail = stream.holePrevious;
        } else {
            stream.holeNext.holePrevious = stream.holePrevious;
        }
        stream.holePrevious = null;
        stream.holeNext = null;
        stream.inHoleList = false;
    }

    /** Moves a direction to the end, because its buffer now waits behind a new hole. */
    void restart(HalfStream stream, long now) {
        remove(stream);
        add(stream, now);
    }

    /** Returns the direction whose hole is oldest, or null. */
    HalfStream oldest() {
        return head;
    }

    /** Adds {@code delta} (negative when freeing) to the buffered total and tracks its peak. */
    void account(long delta) {
        stats.bufferedBytes += delta;
        if (stats.bufferedBytes > stats.peakBufferedBytes) {
            stats.peakBufferedBytes = stats.bufferedBytes;
        }
    }
}
