package io.dicomwatch.tcp;

/**
 * Counters of one reassembler. {@link TcpReassembler#stats()} returns a snapshot, and
 * {@link #add} merges snapshots of reassemblers that ran side by side.
 */
public final class ReassemblyStats {
    /** Segments fed to the reassembler, whatever became of them. */
    public long segments;
    /** Captured payload bytes of those segments, not counting bytes cut by the snap length. */
    public long payloadBytes;
    /** Bytes passed to {@link StreamListener#onData}. */
    public long bytesDelivered;

    public long connectionsOpened;
    public long closedFin;
    public long closedRst;
    public long closedIdleTimeout;
    public long closedEvicted;
    public long closedEndOfCapture;
    public long closedReused;
    /** Connections open at the time of the snapshot. */
    public long openConnections;
    /** Connections that a consumer stopped with {@link TcpConnection#ignore()}. */
    public long ignoredConnections;

    /** Segments that brought no new byte: entirely delivered already, or entirely buffered. */
    public long retransmissions;
    /** Segments that brought new bytes but overlapped bytes already delivered or buffered. */
    public long overlaps;
    /** Segments whose overlapping bytes differed from the buffered copy. The buffered copy wins. */
    public long conflicts;
    /** Segments buffered because they arrived ahead of the next expected byte. */
    public long outOfOrderSegments;
    /** Calls to {@link StreamListener#onGap}. */
    public long gaps;
    /** Bytes reported lost by those calls. */
    public long gapBytes;

    /** Connections closed for inactivity, always equal to {@link #closedIdleTimeout}. */
    public long evictionsIdle;
    /** Connections closed to make room in a full table, always equal to {@link #closedEvicted}. */
    public long evictionsTableFull;
    /** Directions whose buffered bytes were flushed with gaps to stay under the memory bound. */
    public long evictionsMemory;

    /** Out-of-order bytes buffered at the time of the snapshot, with per-segment overhead. */
    public long bufferedBytes;
    /** Maximum of {@link #bufferedBytes} over the run. */
    public long peakBufferedBytes;

    /** Segments of unknown flows that cannot open a connection: RSTs, and those without SYN or payload. */
    public long untrackedSegments;
    /** Segments that hit a tombstone of a connection closed by FIN or RST, and were dropped. */
    public long lateSegments;
    /** RST segments ignored because their sequence number lay outside the window. */
    public long invalidResets;
    /**
     * SYN segments with a new ISN on a connection that had carried payload, held back until the
     * peer confirms a new connection, or ignored as a SYN+ACK that acknowledges no held SYN.
     */
    public long synOnOpenConnection;

    /** Returns the number of connections closed for {@code reason}. */
    public long closed(CloseReason reason) {
        return switch (reason) {
            case FIN -> closedFin;
            case RST -> closedRst;
            case IDLE_TIMEOUT -> closedIdleTimeout;
            case EVICTED -> closedEvicted;
            case END_OF_CAPTURE -> closedEndOfCapture;
            case REUSED -> closedReused;
        };
    }

    void countClose(CloseReason reason) {
        switch (reason) {
            case FIN -> closedFin++;
            case RST -> closedRst++;
            case IDLE_TIMEOUT -> closedIdleTimeout++;
            case EVICTED -> closedEvicted++;
            case END_OF_CAPTURE -> closedEndOfCapture++;
            case REUSED -> closedReused++;
        }
    }

    /**
     * Adds every counter of {@code other} to this one. Peak buffered bytes are summed too, which
     * gives an upper bound of the combined peak of reassemblers that ran at the same time.
     */
    public void add(ReassemblyStats other) {
        segments += other.segments;
        payloadBytes += other.payloadBytes;
        bytesDelivered += other.bytesDelivered;
        connectionsOpened += other.connectionsOpened;
        closedFin += other.closedFin;
        closedRst += other.closedRst;
        closedIdleTimeout += other.closedIdleTimeout;
        closedEvicted += other.closedEvicted;
        closedEndOfCapture += other.closedEndOfCapture;
        closedReused += other.closedReused;
        openConnections += other.openConnections;
        ignoredConnections += other.ignoredConnections;
        retransmissions += other.retransmissions;
        overlaps += other.overlaps;
        conflicts += other.conflicts;
        outOfOrderSegments += other.outOfOrderSegments;
        gaps += other.gaps;
        gapBytes += other.gapBytes;
        evictionsIdle += other.evictionsIdle;
        evictionsTableFull += other.evictionsTableFull;
        evictionsMemory += other.evictionsMemory;
        bufferedBytes += other.bufferedBytes;
        peakBufferedBytes += other.peakBufferedBytes;
        untrackedSegments += other.untrackedSegments;
        lateSegments += other.lateSegments;
        invalidResets += other.invalidResets;
        synOnOpenConnection += other.synOnOpenConnection;
    }

    /** Returns an independent copy. */
    public ReassemblyStats copy() {
        ReassemblyStats copy = new ReassemblyStats();
        copy.add(this);
        return copy;
    }
}
