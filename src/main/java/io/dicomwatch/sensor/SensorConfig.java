package io.dicomwatch.sensor;

import java.util.List;

/**
 * Settings of the live sensor; durations in nanoseconds.
 *
 * @param interfaces interface names, captured into one flow table
 * @param snapLength bytes kept of each frame
 * @param bufferSize kernel capture buffer per interface, in bytes
 * @param filter BPF filter, empty for none
 * @param queueCapacity frames waiting between capture and decoding
 * @param duplicateWindowNanos window of duplicate detection, 0 for none
 * @param flushIntervalNanos time between two writes of the inventory
 * @param statsIntervalNanos time between two statistics log lines
 * @param silentInterfaceNanos time without frames before an interface is reported silent
 */
public record SensorConfig(List<String> interfaces, int snapLength, int bufferSize, String filter, int queueCapacity,
        long duplicateWindowNanos, long flushIntervalNanos, long statsIntervalNanos, long silentInterfaceNanos) {
    /** Captured bytes the queue may hold in total, on top of its frame capacity, to bound memory under GRO bursts. */
    public static final long MAX_QUEUED_BYTES = 128L << 20;
    /** First and longest delay between attempts to open a missing or failed interface. */
    public static final long BACKOFF_INITIAL_NANOS = 1_000_000_000L;
    public static final long BACKOFF_MAX_NANOS = 60_000_000_000L;
    /** Time the shutdown waits for the capture threads, then for the queue to drain. */
    public static final long STOP_CAPTURE_MILLIS = 5_000;
    public static final long DRAIN_NANOS = 20_000_000_000L;
}
