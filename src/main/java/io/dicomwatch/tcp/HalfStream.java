package io.dicomwatch.tcp;

/**
 * Reassembly of one direction of a connection: bytes are delivered as soon as they are next in
 * sequence, without waiting for the peer's ACK, and segments that arrive ahead are buffered.
 *
 * <p>A hole in front of buffered bytes is declared lost, reported with {@link StreamListener#onGap},
 * and skipped when:
 * <ul>
 *   <li>a segment would end more than {@code windowBytes} past the next expected byte, or the buffer
 *       already contains {@code maxBufferedSegments} pieces;
 *   <li>the peer acknowledges the start of the buffered bytes after the hole, because the peer then
 *       received what the capture missed;
 *   <li>the hole has been open for {@code holeTimeoutNanos} of capture time (driven by the
 *       reassembler's sweep);
 *   <li>the reassembler flushes the buffer to stay under {@code maxBufferedBytes}, or the connection
 *       closes.
 * </ul>
 * The stream position is set by the direction's SYN (RFC 9293: the first data byte is ISN + 1), by
 * the ISN that the peer's SYN+ACK acknowledges, or else by the first segment with payload or FIN.
 */
final class HalfStream {
    /**
     * Delivered bytes kept to compare with retransmissions. 128 covers an A-ASSOCIATE PDU's fixed
     * part with both AE titles, the usual target of a forged first copy, and costs each direction
     * that carries payload 144 bytes of heap.
     */
    static final int RECENT_BYTES = 128;

    final Connection connection;
    final Direction direction;
    private final ReassemblyContext context;
    private final SegmentBuffer buffer = new SegmentBuffer();

    /** Whether {@link #next} is known. */
    private boolean initialized;
    /** Sequence number of the next byte to deliver. */
    private int next;
    private boolean startSeen;
    private boolean isnKnown;
    private int isn;
    private boolean finSeen;
    private int finSequence;
    private boolean finReported;
    private boolean carriedPayload;
    /** The last delivered bytes, ending at {@link #next}, as a ring; null until the first delivery. */
    private byte[] recent;
    /** Index in {@link #recent} where the next delivered byte goes. */
    private int recentEnd;
    /** Count of the bytes before {@link #next} that the ring contains, 0 after a gap. */
    private int recentFill;

    /** Capture time when the current hole started to hold bytes back; kept by {@link HoleTracker}. */
    long holeSince;
    HalfStream holePrevious;
    HalfStream holeNext;
    boolean inHoleList;

    HalfStream(Connection connection, Direction direction, ReassemblyContext context) {
        this.connection = connection;
        this.direction = direction;
        this.context = context;
    }

    boolean startSeen() {
        return startSeen;
    }

    boolean isnKnown() {
        return isnKnown;
    }

    int isn() {
        return isn;
    }

    boolean initialized() {
        return initialized;
    }

    /** Returns whether any segment of this direction carried payload. */
    boolean carriedPayload() {
        return carriedPayload;
    }

    /** Records the initial sequence number of this direction, seen in its SYN or in the peer's ACK of it. */
    void recordIsn(int initialSequence) {
        isnKnown = true;
        isn = initialSequence;
        if (!initialized) {
            initialized = true;
            next = initialSequence + 1;
            startSeen = true;
        }
    }

    /**
     * Delivers or buffers the payload of a segment of this direction: {@code length} captured bytes
     * starting at sequence number {@code start}, followed by {@code missing} bytes that the snap
     * length cut. The bytes are copied if they must be kept.
     */
    void onPayload(int start, byte[] data, int offset, int length, int missing, long timestampNanos) {
        carriedPayload = true;
        if (!initialized) {
            initialized = true;
            next = start;
        }
        while (true) {
            int distance = start - next;
            long end = (long) distance + length + missing;
            if (end <= 0) {
                context.stats.retransmissions++;
                // A keep-alive probe repeats the byte before the next one, and may carry any value
                // there (RFC 1122 section 4.2.3.6), so its byte differs without conflicting.
                boolean keepAlive = end == 0 && length + missing == 1;
                if (!keepAlive && differsFromDelivered(start, data, offset, length)) {
                    context.stats.conflicts++;
                }
                return;
            }
            if (distance <= 0 || !exceedsLimits(end)) {
                break;
            }
            makeRoom(start, timestampNanos);
            if (connection.isIgnored()) {
                return;
            }
        }
        place(start, data, offset, length, missing, timestampNanos);
    }

    /** Records the sequence number that the FIN of this direction occupies. */
    void onFin(int sequence) {
        // A FIN beyond the window cannot follow the bytes seen so far, so it is injected or corrupt.
        if (finSeen || initialized && !isNear(sequence)) {
            return;
        }
        finSeen = true;
        finSequence = sequence;
        if (!initialized) {
            initialized = true;
            next = sequence;
        }
    }

    /** Skips every hole that the peer's acknowledgement number shows the capture has lost. */
    void onPeerAck(int acknowledgement, long timestampNanos) {
        while (!buffer.isEmpty() && !connection.isIgnored()
                && SequenceNumbers.isAfter(acknowledgement, next)
                && SequenceNumbers.isAtOrAfter(acknowledgement, buffer.first().start)) {
            skipHole(timestampNanos);
        }
    }

    /**
     * Returns whether an RST with this sequence number lies within the window ahead of this
     * direction. RFC 5961 section 3.2 makes endpoints act only on an exact match of the next
     * expected number. A passive sensor misses segments, so it also accepts values ahead of it, up
     * to the window, because the sender's next number can be past bytes the capture lost. A value
     * behind the next expected number is rejected: the sender has already sent past it, so such an
     * RST is stale or injected.
     */
    boolean acceptsReset(int sequence) {
        if (!initialized) {
            return true;
        }
        int distance = sequence - next;
        return distance >= 0 && distance <= context.config.windowBytes();
    }

    /** Returns whether {@code sequence} is the next expected byte of this direction. */
    boolean isNext(int sequence) {
        return initialized && sequence == next;
    }

    /** Returns whether {@code sequence} lies within the window on either side of the next expected byte. */
    boolean isNear(int sequence) {
        int distance = sequence - next;
        return initialized && distance >= -context.config.windowBytes() && distance <= context.config.windowBytes();
    }

    /** Returns whether the FIN was seen and every byte before it delivered or declared lost. */
    boolean finReached() {
        return finSeen && (connection.isIgnored() || SequenceNumbers.isAtOrAfter(next, finSequence));
    }

    /** Returns true once, the first time it is called after the FIN was reached. */
    boolean takeFinReached() {
        if (finReported || !finReached()) {
            return false;
        }
        finReported = true;
        return true;
    }

    /** Reports the hole in front of the buffered bytes as lost and delivers what follows it. */
    void skipHole(long timestampNanos) {
        int holeEnd = buffer.first().start;
        int lost = holeEnd - next;
        next = holeEnd;
        if (lost > 0) {
            gap(lost, timestampNanos);
        }
        drain(timestampNanos, true);
    }

    /** Delivers everything buffered in sequence order, with a gap for each hole. */
    void flush(long timestampNanos) {
        while (!buffer.isEmpty() && !connection.isIgnored()) {
            skipHole(timestampNanos);
        }
    }

    /** Drops the buffered bytes without delivering them. */
    void release() {
        recent = null;
        recentFill = 0;
        context.holes.remove(this);
        context.holes.account(-buffer.memoryBytes());
        buffer.clear();
    }

    private boolean exceedsLimits(long end) {
        return end > context.config.windowBytes() || buffer.count() >= context.config.maxBufferedSegments();
    }

    /**
     * Moves {@link #next} forward to make room for a segment starting at {@code start}: past the
     * first hole if buffered bytes lie before the segment, otherwise straight to the segment.
     */
    private void makeRoom(int start, long timestampNanos) {
        if (!buffer.isEmpty() && SequenceNumbers.isAfter(start, buffer.first().start)) {
            skipHole(timestampNanos);
            return;
        }
        int lost = start - next;
        next = start;
        gap(lost, timestampNanos);
        drain(timestampNanos, true);
    }

    /** Delivers or buffers a segment that ends after {@link #next} and fits the limits. */
    private void place(int start, byte[] data, int offset, int length, int missing, long timestampNanos) {
        int trim = Math.max(0, next - start);
        int trimmedData = Math.min(trim, length);
        int dataOffset = offset + trimmedData;
        int dataLength = length - trimmedData;
        int dataMissing = missing - (trim - trimmedData);
        int first = start + trim;
        boolean atNext = first == next;
        boolean overlapped = trim > 0;
        boolean conflictBehind = overlapped && differsFromDelivered(start, data, offset, trimmedData);
        if (atNext && (buffer.isEmpty() || buffer.first().start - next >= dataLength + dataMissing)) {
            countSegment(true, overlapped, conflictBehind);
            deliverDirect(data, dataOffset, dataLength, dataMissing, timestampNanos);
            drain(timestampNanos, true);
            return;
        }
        long memoryBefore = buffer.memoryBytes();
        int flags = buffer.insert(next, first, data, dataOffset, dataLength, dataMissing);
        context.holes.account(buffer.memoryBytes() - memoryBefore);
        boolean newBytes = (flags & SegmentBuffer.NEW_BYTES) != 0;
        if (!atNext && newBytes) {
            context.stats.outOfOrderSegments++;
        }
        countSegment(newBytes, overlapped || (flags & SegmentBuffer.OVERLAP) != 0,
                conflictBehind || (flags & SegmentBuffer.CONFLICT) != 0);
        if (!inHoleList && !buffer.isEmpty()) {
            context.holes.add(this, context.now);
        }
        drain(timestampNanos, false);
    }

    private void countSegment(boolean newBytes, boolean overlapped, boolean conflict) {
        if (!newBytes) {
            context.stats.retransmissions++;
        } else if (overlapped) {
            context.stats.overlaps++;
        }
        if (conflict) {
            context.stats.conflicts++;
        }
    }

    private void deliverDirect(byte[] data, int offset, int length, int missing, long timestampNanos) {
        next += length + missing;
        if (length > 0) {
            deliver(data, offset, length, timestampNanos);
        }
        if (missing > 0 && !connection.isIgnored()) {
            gap(missing, timestampNanos);
        }
    }

    /**
     * Delivers the buffered pieces that start at {@link #next}. When bytes remain behind a new hole
     * after progress, the hole timer restarts for that hole.
     */
    private void drain(long timestampNanos, boolean progressed) {
        boolean moved = progressed;
        while (!connection.isIgnored() && !buffer.isEmpty() && buffer.first().start == next) {
            long memoryBefore = buffer.memoryBytes();
            SegmentBuffer.Piece piece = buffer.removeFirst();
            context.holes.account(buffer.memoryBytes() - memoryBefore);
            next = piece.end();
            if (piece.data.length > 0) {
                deliver(piece.data, 0, piece.data.length, timestampNanos);
            }
            if (piece.missing > 0 && !connection.isIgnored()) {
                gap(piece.missing, timestampNanos);
            }
            moved = true;
        }
        if (connection.isIgnored()) {
            return;
        }
        if (buffer.isEmpty()) {
            context.holes.remove(this);
        } else if (moved && inHoleList) {
            context.holes.restart(this, context.now);
        }
    }

    private void deliver(byte[] data, int offset, int length, long timestampNanos) {
        remember(data, offset, length);
        context.stats.bytesDelivered += length;
        connection.listener().onData(direction, data, offset, length, timestampNanos);
    }

    /** Appends delivered bytes to the ring of recent ones. */
    private void remember(byte[] data, int offset, int length) {
        if (recent == null) {
            recent = new byte[RECENT_BYTES];
        }
        int keep = Math.min(length, RECENT_BYTES);
        int source = offset + length - keep;
        int untilWrap = Math.min(keep, RECENT_BYTES - recentEnd);
        System.arraycopy(data, source, recent, recentEnd, untilWrap);
        System.arraycopy(data, source + untilWrap, recent, 0, keep - untilWrap);
        recentEnd = (recentEnd + keep) % RECENT_BYTES;
        recentFill = Math.min(RECENT_BYTES, recentFill + keep);
    }

    /**
     * Returns whether the captured bytes of a segment starting at {@code start} differ from the
     * delivered bytes they repeat, as far as the ring still contains them.
     */
    private boolean differsFromDelivered(int start, byte[] data, int offset, int length) {
        if (recentFill == 0 || data == null) {
            return false;
        }
        int from = Math.max(0, (next - recentFill) - start);
        int to = Math.min(length, next - start);
        for (int i = from; i < to; i++) {
            int back = next - (start + i);
            int index = Math.floorMod(recentEnd - back, RECENT_BYTES);
            if (recent[index] != data[offset + i]) {
                return true;
            }
        }
        return false;
    }

    private void gap(long lost, long timestampNanos) {
        recentFill = 0;
        context.stats.gaps++;
        context.stats.gapBytes += lost;
        connection.listener().onGap(direction, lost, timestampNanos);
    }
}
