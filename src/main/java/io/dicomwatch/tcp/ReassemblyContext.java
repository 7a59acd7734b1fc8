package io.dicomwatch.tcp;

/** State that every connection of one reassembler shares: bounds, counters, holes and the clock. */
final class ReassemblyContext {
    final ReassemblyConfig config;
    final ReassemblyStats stats = new ReassemblyStats();
    final HoleTracker holes = new HoleTracker(stats);
    /** Capture clock: the largest segment timestamp seen so far, so it never goes backwards. */
    long now;
    private boolean clockStarted;

    ReassemblyContext(ReassemblyConfig config) {
        this.config = config;
    }

    /** Advances the clock to {@code timestampNanos} unless that lies in the past. */
    void advanceClock(long timestampNanos) {
        if (!clockStarted || timestampNanos > now) {
            now = timestampNanos;
            clockStarted = true;
        }
    }

    /** Returns whether {@code timeout} has passed since {@code since}, treating overflow as passed. */
    boolean hasElapsed(long since, long timeout) {
        long age = now - since;
        return age < 0 || age >= timeout;
    }
}
