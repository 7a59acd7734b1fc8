package io.dicomwatch.sensor;

/**
 * Exponential backoff between attempts to open an interface: the delay doubles from the initial
 * value up to the maximum, and {@link #reset} starts again after a success. Not thread-safe.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;
    private int failures;

    public Backoff(long initialNanos, long maxNanos) {
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initialNanos + " and " + maxNanos);
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /** Records a failure and returns the delay before the next attempt. */
    public long nextDelayNanos() {
        long delay = nextNanos;
        nextNanos = delay > maxNanos / 2 ? maxNanos : delay * 2;
        failures++;
        return delay;
    }

    /** Returns the failures since the last reset. */
    public int failures() {
        return failures;
    }

    public void reset() {
        nextNanos = initialNanos;
        failures = 0;
    }
}
