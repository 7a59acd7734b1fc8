package io.dicomwatch.capture;

/**
 * Bounds of IPv4 and IPv6 fragment reassembly. Times are capture time in nanoseconds, so a
 * replayed capture behaves the same as a live one.
 *
 * @param maxDatagrams maximum datagrams in progress at once. A fragment of a new datagram beyond it
 *     evicts the datagram whose first fragment came earliest. Default 4,096: a datagram normally
 *     completes within a round trip, so only lost fragments keep one waiting for its timeout, and
 *     4,096 allows a loss every 7 ms for 30 s.
 * @param maxBufferedBytes maximum bytes held for datagrams in progress, counted in the 1 KiB blocks
 *     that contain them. A fragment that needs more evicts the oldest other datagrams. Default
 *     16 MiB: 4 times the 4 MiB that Linux allows one host by default
 *     ({@code net.ipv4.ipfrag_high_thresh}, read on Linux 6.18), because a sensor reassembles for
 *     every host it watches. At least 64 KiB, so that one datagram of the maximum size always fits.
 * @param ipv4TimeoutNanos capture time from the first fragment of an IPv4 datagram after which it
 *     is discarded. Default 30 seconds, the default {@code net.ipv4.ipfrag_time} of Linux.
 * @param ipv6TimeoutNanos the same for IPv6. Default 60 seconds, the reassembly time of RFC 8200
 *     section 4.5 and the default {@code net.ipv6.ip6frag_time} of Linux.
 */
public record FragmentReassemblyConfig(
        int maxDatagrams,
        long maxBufferedBytes,
        long ipv4TimeoutNanos,
        long ipv6TimeoutNanos) {

    private static final long SECOND = 1_000_000_000L;

    public static final FragmentReassemblyConfig DEFAULTS =
            new FragmentReassemblyConfig(4_096, 16L << 20, 30 * SECOND, 60 * SECOND);

    /**
     * Largest accepted count of datagrams in progress. The bookkeeping of that many datagrams takes
     * about 0.5 GiB of heap without their bytes, an estimate from the fields of one datagram.
     */
    public static final int MAX_DATAGRAMS = 1 << 20;
    /** Smallest accepted byte bound: the blocks of one datagram of the maximum size. */
    public static final long MIN_BUFFERED_BYTES = 64L << 10;

    /** Rejects values outside the ranges stated on each component. */
    public FragmentReassemblyConfig {
        requireRange("maxDatagrams", maxDatagrams, 1, MAX_DATAGRAMS);
        requireRange("maxBufferedBytes", maxBufferedBytes, MIN_BUFFERED_BYTES, Long.MAX_VALUE);
        requireRange("ipv4TimeoutNanos", ipv4TimeoutNanos, 1, Long.MAX_VALUE);
        requireRange("ipv6TimeoutNanos", ipv6TimeoutNanos, 1, Long.MAX_VALUE);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "invalid " + name + ": " + value + ", expected a value from " + min + " to " + max);
        }
    }
}
