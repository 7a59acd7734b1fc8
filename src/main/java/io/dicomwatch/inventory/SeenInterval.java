package io.dicomwatch.inventory;

/** First and last capture time something was seen, in nanoseconds since the epoch. */
final class SeenInterval {
    // Empty while firstSeen > lastSeen. A pcapng timestamp beyond the year 2262 saturates at
    // Long.MAX_VALUE, so that value is a real time too and cannot mark "never seen".
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
        if (!other.isEmpty()) {
            touch(other.firstSeen);
            touch(other.lastSeen);
        }
    }

    boolean isEmpty() {
        return firstSeen > lastSeen;
    }
}
