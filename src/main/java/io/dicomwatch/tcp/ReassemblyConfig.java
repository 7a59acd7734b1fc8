package io.dicomwatch.tcp;

/**
 * Bounds of the flow table and of stream reassembly. All times are capture time in nanoseconds,
 * so a replayed capture behaves the same as a live one.
 *
 * <p>The defaults in {@link #DEFAULTS} target a sensor on a busy hospital SPAN port with a JVM heap
 * of a few hundred megabytes. They are chosen from protocol timers and typical traffic, not from the
 * machine the code was written on.
 *
 * @param maxConnections maximum entries in the flow table, open connections and tombstones together.
 *     When a new connection would exceed it, the oldest tombstone is dropped, or else the least
 *     recently active connection is closed with {@link CloseReason#EVICTED}. Default 32,768: a
 *     connection carrying a DICOM association costs about 3 KB with its decoders (measured from
 *     heap histograms under a flood of open associations), so the table stays near 100 MiB and a
 *     flood fits a 256 MiB heap. Connections found not to be DICOM cost far less but still count.
 * @param maxBufferedBytes maximum out-of-order bytes held across all connections, counting a fixed
 *     per-segment overhead. Above it the direction whose hole is oldest is flushed with gaps.
 *     Default 64 MiB: holes normally close within a round trip, so this is dozens of full windows.
 * @param windowBytes maximum distance, in sequence space, from the next expected byte to the end of
 *     a segment that is still buffered. A segment ending further away declares the hole lost.
 *     Default 1 MiB: larger than the 64 KiB segments of offloaded (TSO/GRO) captures and than the
 *     bandwidth-delay product of a 1 Gbit/s LAN path with 8 ms round trip. Between 65,536 and
 *     2^30, so that a single segment always fits and sequence comparisons stay unambiguous.
 * @param maxBufferedSegments maximum out-of-order segments held per direction. It caps the cost of
 *     sorted insertion against floods of tiny segments. Default 4,096: a full default window of
 *     segments down to 256 bytes, where bulk transfers use segments of about 1,460 bytes.
 * @param idleTimeoutNanos capture time without a segment after which a connection is closed with
 *     {@link CloseReason#IDLE_TIMEOUT}. Default 10 minutes, because DICOM associations are
 *     often held open between studies, and a connection closed too early resumes without its start.
 * @param tombstoneNanos capture time a connection closed by FIN or RST stays in the table, so that
 *     trailing ACKs and retransmissions do not open a new mid-stream connection; 0 disables it.
 *     Default 5 seconds, which covers the retransmissions at 1 s and 3 s that the RFC 6298
 *     initial retransmission timeout of 1 s and its doubling produce.
 * @param holeTimeoutNanos capture time a hole may stay open while later bytes of the same direction
 *     wait in the buffer. It matters for one-way captures, where no peer ACK reveals the loss.
 *     Default 5 seconds, for the same retransmission timers as the tombstone.
 */
public record ReassemblyConfig(
        int maxConnections,
        long maxBufferedBytes,
        int windowBytes,
        int maxBufferedSegments,
        long idleTimeoutNanos,
        long tombstoneNanos,
        long holeTimeoutNanos) {

    private static final long SECOND = 1_000_000_000L;

    public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(
            32_768, 64L << 20, 1 << 20, 4_096, 600 * SECOND, 5 * SECOND, 5 * SECOND);

    /** Smallest accepted window: one maximum-size IPv4 or IPv6 payload. */
    public static final int MIN_WINDOW_BYTES = 65_536;
    /** Largest accepted window, far below 2^31 so that signed sequence distances stay correct. */
    public static final int MAX_WINDOW_BYTES = 1 << 30;
    /** Largest accepted table size, which keeps the open-addressing array within Java's limits. */
    public static final int MAX_CONNECTIONS = 1 << 28;

    /** Rejects values outside the ranges stated on each component. */
    public ReassemblyConfig {
        requireRange("maxConnections", maxConnections, 1, MAX_CONNECTIONS);
        requireRange("maxBufferedBytes", maxBufferedBytes, 1, Long.MAX_VALUE);
        requireRange("windowBytes", windowBytes, MIN_WINDOW_BYTES, MAX_WINDOW_BYTES);
        requireRange("maxBufferedSegments", maxBufferedSegments, 1, Integer.MAX_VALUE);
        requireRange("idleTimeoutNanos", idleTimeoutNanos, 1, Long.MAX_VALUE);
        requireRange("tombstoneNanos", tombstoneNanos, 0, Long.MAX_VALUE);
        requireRange("holeTimeoutNanos", holeTimeoutNanos, 1, Long.MAX_VALUE);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "invalid " + name + ": " + value + ", expected a value from " + min + " to " + max);
        }
    }
}
