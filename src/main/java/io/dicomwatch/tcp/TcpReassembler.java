package io.dicomwatch.tcp;

import io.dicomwatch.capture.TcpSegment;
import java.util.Objects;

/**
 * Flow table and stream reassembly for a passive sensor: follows TCP connections from captured
 * segments and hands each direction's bytes, in sequence order, to the consumer that
 * {@link ConnectionListener} creates per connection. Not thread-safe: one instance per capture
 * thread, whose results can be merged with {@link ReassemblyStats#add}.
 *
 * <p>Connections:
 * <ul>
 *   <li>Only a SYN or a segment carrying payload opens a connection. Pure ACKs, FINs and RSTs of
 *       unknown flows are counted and dropped.
 *   <li>A SYN on a known address and port pair starts a new connection, closing the old one with
 *       {@link CloseReason#REUSED}, unless it repeats the ISN already known for its sender. A SYN
 *       from the side that was taken as server (or a SYN+ACK from the client side) also starts a
 *       new connection.
 *   <li>An RST within the window closes at once. FIN closes once both sides sent FIN and every byte
 *       before each FIN was delivered or declared lost.
 *   <li>After a FIN or RST close a tombstone stays for {@code tombstoneNanos}: later segments are
 *       dropped unless they carry a SYN. Idle, evicted and end-of-capture closes leave no tombstone,
 *       because such a connection may resume.
 * </ul>
 *
 * <p>Bounds, all in capture time (the largest timestamp seen, so time going backwards in the
 * capture freezes the clock instead of breaking expiry):
 * <ul>
 *   <li>Idle connections, expired tombstones and timed-out holes are found at the head of lists
 *       sorted by time, and at most {@value #SWEEP_LIMIT} of each are handled per segment, so the
 *       cost per segment stays constant however large the table is.
 *   <li>A full table drops its oldest tombstone, or else closes the least recently active
 *       connection with {@link CloseReason#EVICTED}.
 *   <li>When buffered bytes exceed {@code maxBufferedBytes}, the direction whose hole is oldest is
 *       flushed: its buffered bytes are delivered with gaps for the holes.
 * </ul>
 *
 * <p>Every close, whether the connection was ignored or not, first flushes what is buffered and
 * then calls {@link StreamListener#onClose} once. In-order payload goes to the consumer straight
 * from the capture buffer. Only out-of-order bytes are copied, and only new connections allocate.
 */
public final class TcpReassembler {
    /** Maximum number of idle connections, tombstones and holes each expired per segment. */
    static final int SWEEP_LIMIT = 8;
    /**
     * Maximum bytes a segment may declare as cut by the snap length. An IP header announces at
     * most 65,535 bytes, so larger values are corrupt, and the cap keeps sequence arithmetic in range.
     */
    private static final int MAX_MISSING_BYTES = 1 << 20;

    private final ConnectionListener connectionListener;
    private final ReassemblyContext context;
    private final ReassemblyStats stats;
    private final FlowTable table;
    private final ConnectionList active = new ConnectionList();
    private final ConnectionList tombstones = new ConnectionList();
    private long nextId = 1;

    public TcpReassembler(ConnectionListener listener, ReassemblyConfig config) {
        this.connectionListener = Objects.requireNonNull(listener, "listener");
        this.context = new ReassemblyContext(Objects.requireNonNull(config, "config"));
        this.stats = context.stats;
        this.table = new FlowTable(config.maxConnections());
    }

    /** Feeds one decoded segment, whose timestamp is its capture time. Keeps no reference to it. */
    public void onSegment(TcpSegment segment) {
        stats.segments++;
        stats.payloadBytes += Math.max(0, segment.payloadLength);
        context.advanceClock(segment.timestampNanos);
        sweep();
        int hash = table.hash(segment);
        Connection connection = table.find(segment, hash);
        Direction direction = table.matchedDirection();
        boolean syn = segment.hasFlag(TcpSegment.SYN);
        if (connection != null && !connection.isOpen()) {
            if (!syn) {
                stats.lateSegments++;
                return;
            }
            forget(connection);
            connection = null;
        } else if (connection != null && syn && answersHeldSyn(connection, direction, segment)) {
            close(connection, CloseReason.REUSED, segment.timestampNanos);
            connection = null;
        } else if (connection != null && syn && startsNewConnection(connection, direction, segment)) {
            if (carriedPayload(connection)) {
                holdSyn(connection, direction, segment);
                return;
            }
            close(connection, CloseReason.REUSED, segment.timestampNanos);
            connection = null;
        } else if (connection != null && continuesHeldSyn(connection, direction, segment)) {
            // The SYN's sender went on from it, so it did start a new connection, whose SYN+ACK
            // the capture lacks (a one-way SPAN, say). The sender is the new connection's client.
            int isn = connection.latestReuseSynIsn;
            close(connection, CloseReason.REUSED, segment.timestampNanos);
            connection = open(segment, hash, true);
            connection.clientToServer.recordIsn(isn);
            direction = Direction.CLIENT_TO_SERVER;
        } else if (connection != null && connection.reuseSynHeld && !syn) {
            // The old stream goes on, so the held SYN began nothing.
            connection.reuseSynHeld = false;
        }
        if (connection == null) {
            if (!opensConnection(segment)) {
                stats.untrackedSegments++;
                return;
            }
            connection = open(segment, hash, RoleGuess.clientIsSource(segment));
            direction = connection.directionOf(segment);
        }
        process(connection, direction, segment);
        enforceMemoryLimit(segment.timestampNanos);
    }

    /**
     * Advances the capture clock without a segment and runs the same bounded expiry as
     * {@link #onSegment}, for callers that see time pass in other traffic.
     */
    public void advanceTime(long timestampNanos) {
        context.advanceClock(timestampNanos);
        sweep();
    }

    /** Closes every open connection with {@link CloseReason#END_OF_CAPTURE}. Tombstones stay. */
    public void closeAll(long timestampNanos) {
        context.advanceClock(timestampNanos);
        for (Connection connection = active.oldest(); connection != null; connection = active.oldest()) {
            close(connection, CloseReason.END_OF_CAPTURE, timestampNanos);
        }
    }

    /** Returns a snapshot of the counters. */
    public ReassemblyStats stats() {
        return stats.copy();
    }

    private static boolean opensConnection(TcpSegment segment) {
        if (segment.hasFlag(TcpSegment.RST)) {
            return false;
        }
        return segment.hasFlag(TcpSegment.SYN) || segment.payloadLength > 0 || segment.payloadMissing > 0;
    }

    /**
     * Returns whether a SYN on an open connection begins a new one on the same address and port
     * pair. In a simultaneous open (RFC 9293 section 3.5) both ends send a SYN and then a SYN+ACK
     * with the same ISN. So a SYN from the end that has sent nothing yet, and a SYN+ACK repeating
     * its sender's ISN, continue the connection whatever their direction.
     */
    private static boolean startsNewConnection(Connection connection, Direction direction, TcpSegment segment) {
        HalfStream sender = connection.half(direction);
        if (sender.isnKnown()) {
            return sender.isn() != (int) segment.sequenceNumber;
        }
        Direction expected = segment.hasFlag(TcpSegment.ACK)
                ? Direction.SERVER_TO_CLIENT
                : Direction.CLIENT_TO_SERVER;
        if (direction != expected) {
            return !isSimultaneousOpen(connection, sender, segment);
        }
        return sender.initialized();
    }

    /**
     * Returns whether a SYN without ACK from the server side crosses the client's SYN, when that
     * SYN is all the connection has carried.
     */
    private static boolean isSimultaneousOpen(Connection connection, HalfStream sender, TcpSegment segment) {
        return !segment.hasFlag(TcpSegment.ACK) && !sender.initialized() && !carriedPayload(connection)
                && connection.half(Direction.CLIENT_TO_SERVER).isnKnown();
    }

    private static boolean carriedPayload(Connection connection) {
        return connection.clientToServer.carriedPayload() || connection.serverToClient.carriedPayload();
    }

    /**
     * Holds back a SYN with a new ISN on a connection that has carried payload. A real endpoint
     * replies to such a SYN with a challenge ACK and keeps the connection (RFC 5961 section 4), so
     * one injected or stray SYN must not end the tracking of an open association. A SYN without
     * ACK is remembered until the peer's SYN+ACK or the sender's next segment confirms that a new
     * connection began on the same ports, as after a FIN or RST that the capture missed. It may
     * come from the server, which then connects back over the same port pair. Any other segment
     * on the connection shows the old stream alive and drops the held SYN.
     */
    private void holdSyn(Connection connection, Direction direction, TcpSegment segment) {
        stats.synOnOpenConnection++;
        if (segment.hasFlag(TcpSegment.ACK)) {
            return;
        }
        int isn = (int) segment.sequenceNumber;
        if (!connection.reuseSynHeld || connection.reuseSynDirection != direction) {
            connection.reuseSynHeld = true;
            connection.reuseSynDirection = direction;
            connection.reuseSynIsn = isn;
        }
        connection.latestReuseSynIsn = isn;
    }

    /** Returns whether {@code segment} is the peer's SYN+ACK to a held SYN. */
    private static boolean answersHeldSyn(Connection connection, Direction direction, TcpSegment segment) {
        if (!connection.reuseSynHeld || direction != connection.reuseSynDirection.opposite()
                || !segment.hasFlag(TcpSegment.ACK)) {
            return false;
        }
        int acknowledged = (int) segment.acknowledgementNumber - 1;
        return acknowledged == connection.reuseSynIsn || acknowledged == connection.latestReuseSynIsn;
    }

    /**
     * Returns whether {@code segment} follows the latest held SYN in sequence from the same
     * sender, which confirms a new connection in a capture without the peer's side. The old
     * stream's own next byte is no confirmation, because the old stream would send it anyway: a
     * SYN placed just behind it needs the peer's SYN+ACK.
     */
    private static boolean continuesHeldSyn(Connection connection, Direction direction, TcpSegment segment) {
        if (!connection.reuseSynHeld || direction != connection.reuseSynDirection
                || segment.hasFlag(TcpSegment.SYN) || segment.hasFlag(TcpSegment.RST)) {
            return false;
        }
        int first = connection.latestReuseSynIsn + 1;
        return (int) segment.sequenceNumber == first && !connection.half(direction).isNext(first);
    }

    private Connection open(TcpSegment segment, int hash, boolean clientIsSource) {
        makeRoomForConnection();
        Connection connection = new Connection(nextId++, segment, clientIsSource, hash, context);
        table.add(connection);
        connection.lastSeen = context.now;
        active.append(connection);
        stats.connectionsOpened++;
        stats.openConnections++;
        StreamListener streamListener = connectionListener.onConnectionOpened(connection, segment.timestampNanos);
        connection.attach(Objects.requireNonNull(streamListener, "ConnectionListener returned no StreamListener"));
        return connection;
    }

    private void process(Connection connection, Direction direction, TcpSegment segment) {
        long timestamp = segment.timestampNanos;
        connection.lastSeen = context.now;
        active.moveToTail(connection);
        connection.recordMac(direction, segment.sourceMac);
        HalfStream sender = connection.half(direction);
        int sequence = (int) segment.sequenceNumber;
        if (segment.hasFlag(TcpSegment.RST)) {
            onReset(connection, sender, sequence, timestamp);
            return;
        }
        int length = segment.payload == null ? 0 : Math.max(0, segment.payloadLength);
        int missing = Math.min(Math.max(0, segment.payloadMissing), MAX_MISSING_BYTES);
        if (segment.hasFlag(TcpSegment.SYN)) {
            onSyn(connection, direction, segment, length + missing == 0);
            sequence++;
        }
        // The acknowledgement first: the sender had received the peer's bytes it acknowledges
        // before it sent this payload, so holes it proves lost are skipped, and the peer's bytes
        // after them delivered, before this payload (an A-ASSOCIATE-AC after a cut request).
        if (segment.hasFlag(TcpSegment.ACK) && !connection.isIgnored()) {
            connection.half(direction.opposite()).onPeerAck((int) segment.acknowledgementNumber, timestamp);
        }
        if (!connection.isIgnored() && length + missing > 0) {
            sender.onPayload(sequence, segment.payload, segment.payloadOffset, length, missing, timestamp);
        }
        if (segment.hasFlag(TcpSegment.FIN)) {
            sender.onFin(sequence + length + missing);
        }
        closeIfFinished(connection, timestamp);
        if (connection.isOpen()) {
            reportHalfClose(connection, timestamp);
        }
    }

    /**
     * Tells the listener about each direction whose FIN was reached while the other direction stays
     * open, so it can order that half-close among the peer's later bytes.
     */
    private void reportHalfClose(Connection connection, long timestamp) {
        reportFin(connection, Direction.CLIENT_TO_SERVER, timestamp);
        reportFin(connection, Direction.SERVER_TO_CLIENT, timestamp);
    }

    private static void reportFin(Connection connection, Direction direction, long timestamp) {
        StreamListener streamListener = connection.listener();
        if (connection.half(direction).takeFinReached() && streamListener != null && !connection.isIgnored()) {
            streamListener.onFin(direction, timestamp);
        }
    }

    /**
     * Records the ISN of the SYN's sender and, for a SYN+ACK, the ISN of the receiver that it
     * acknowledges. A SYN repeating a known ISN without payload counts as a retransmission.
     */
    private void onSyn(Connection connection, Direction direction, TcpSegment segment, boolean empty) {
        HalfStream sender = connection.half(direction);
        int isn = (int) segment.sequenceNumber;
        if (sender.isnKnown() && sender.isn() == isn) {
            if (empty) {
                stats.retransmissions++;
            }
        } else {
            sender.recordIsn(isn);
        }
        HalfStream receiver = connection.half(direction.opposite());
        if (segment.hasFlag(TcpSegment.ACK) && !receiver.isnKnown() && !receiver.initialized()) {
            receiver.recordIsn((int) segment.acknowledgementNumber - 1);
        }
    }

    private void onReset(Connection connection, HalfStream sender, int sequence, long timestamp) {
        if (connection.isIgnored() || sender.acceptsReset(sequence)) {
            close(connection, CloseReason.RST, timestamp);
        } else {
            stats.invalidResets++;
        }
    }

    private void closeIfFinished(Connection connection, long timestamp) {
        if (connection.isOpen() && connection.clientToServer.finReached() && connection.serverToClient.finReached()) {
            close(connection, CloseReason.FIN, timestamp);
        }
    }

    /** Flushes both directions, closes the connection and leaves a tombstone after FIN or RST. */
    private void close(Connection connection, CloseReason reason, long timestamp) {
        if (!connection.isIgnored()) {
            connection.clientToServer.flush(timestamp);
            connection.serverToClient.flush(timestamp);
        }
        StreamListener streamListener = connection.listener();
        connection.markClosed();
        connection.detachListener();
        active.remove(connection);
        stats.countClose(reason);
        stats.openConnections--;
        boolean tombstone = reason == CloseReason.FIN || reason == CloseReason.RST;
        if (tombstone && context.config.tombstoneNanos() > 0) {
            connection.lastSeen = context.now;
            tombstones.append(connection);
        } else {
            table.remove(connection);
        }
        if (streamListener != null) {
            streamListener.onClose(reason, timestamp);
        }
    }

    /** Removes a tombstone from the table. */
    private void forget(Connection tombstone) {
        tombstones.remove(tombstone);
        table.remove(tombstone);
    }

    private void makeRoomForConnection() {
        while (table.size() >= context.config.maxConnections()) {
            Connection tombstone = tombstones.oldest();
            if (tombstone != null) {
                forget(tombstone);
                continue;
            }
            stats.evictionsTableFull++;
            close(active.oldest(), CloseReason.EVICTED, context.now);
        }
    }

    private void enforceMemoryLimit(long timestamp) {
        while (stats.bufferedBytes > context.config.maxBufferedBytes()) {
            HalfStream oldest = context.holes.oldest();
            if (oldest == null) {
                return;
            }
            stats.evictionsMemory++;
            oldest.flush(timestamp);
            closeIfFinished(oldest.connection, timestamp);
        }
    }

    private void sweep() {
        expireIdleConnections();
        expireTombstones();
        expireHoles();
    }

    private void expireIdleConnections() {
        for (int i = 0; i < SWEEP_LIMIT; i++) {
            Connection oldest = active.oldest();
            if (oldest == null || !context.hasElapsed(oldest.lastSeen, context.config.idleTimeoutNanos())) {
                return;
            }
            stats.evictionsIdle++;
            close(oldest, CloseReason.IDLE_TIMEOUT, context.now);
        }
    }

    private void expireTombstones() {
        for (int i = 0; i < SWEEP_LIMIT; i++) {
            Connection oldest = tombstones.oldest();
            if (oldest == null || !context.hasElapsed(oldest.lastSeen, context.config.tombstoneNanos())) {
                return;
            }
            forget(oldest);
        }
    }

    private void expireHoles() {
        for (int i = 0; i < SWEEP_LIMIT; i++) {
            HalfStream oldest = context.holes.oldest();
            if (oldest == null || !context.hasElapsed(oldest.holeSince, context.config.holeTimeoutNanos())) {
                return;
            }
            oldest.skipHole(context.now);
            closeIfFinished(oldest.connection, context.now);
        }
    }
}
