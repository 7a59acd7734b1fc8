package io.dicomwatch.capture;

/**
 * libpcap's counters of one capture handle since it was opened (pcap_stats). On Linux
 * {@code received} counts frames that passed the filter, including those dropped later, and on a
 * loopback interface it counts every frame twice, once per direction.
 */
public record LiveStats(long received, long droppedByKernel, long droppedByInterface) {
    public static final LiveStats ZERO = new LiveStats(0, 0, 0);

    public LiveStats plus(LiveStats other) {
        return new LiveStats(received + other.received, droppedByKernel + other.droppedByKernel,
                droppedByInterface + other.droppedByInterface);
    }
}
