package io.dicomwatch.inventory;

/** First and last capture time something was seen, in nanoseconds since the epoch. */
final class SeenInterval {
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;

    void touch(long timestampNanos) {
        if (timestampNanos < firstSeen) {
            firstSeen = timestampNanos;
        }
        if (timestampNanos > lastSeen) {
            lastSeen = timestampNanos;
        }
    }

    void merge(SeenInterval other) {
        if (other.firstSeen != Long.MAX_VALUE) {
            touch(other.firstSeen);
        }
        if (other.lastSeen != Long.MIN_VALUE) {
            touch(other.lastSeen);
        }
    }

    boolean isEmpty() {
        return firstSeen == Long.MAX_VALUE;
    }
}
