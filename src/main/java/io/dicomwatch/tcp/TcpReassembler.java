package io.dicomwatch.tcp;

import io.dicomwatch.capture.TcpSegment;

/** PLACEHOLDER: flow table and per-direction reassembly. */
public final class TcpReassembler {
    public TcpReassembler(ConnectionListener listener, ReassemblyConfig config) {
    }

    /** Feeds one decoded segment; capture time comes from the segment. */
    public void onSegment(TcpSegment segment) {
    }

    /** Closes every open connection with {@link CloseReason#END_OF_CAPTURE}. */
    public void closeAll(long timestampNanos) {
    }

    public ReassemblyStats stats() {
        return new ReassemblyStats();
    }
}
