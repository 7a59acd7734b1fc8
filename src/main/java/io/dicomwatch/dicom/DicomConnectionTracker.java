package io.dicomwatch.dicom;

import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.StreamListener;
import io.dicomwatch.tcp.TcpConnection;

/**
 * Decides whether one TCP connection carries DICOM and turns its Upper Layer events into
 * associations for an {@link AssociationListener}.
 *
 * <p>A connection becomes DICOM on one of these proofs, whatever its port:
 * <ul>
 *   <li>a well-formed A-ASSOCIATE-RQ (or, when the request was missed, A-ASSOCIATE-AC);
 *   <li>a P-DATA-TF PDU carrying a well-formed DIMSE command set (a mid-stream association);
 *   <li>a PDU boundary found on a connection to an endpoint already known as a DICOM SCP.
 * </ul>
 * A direction whose stream start was seen (its SYN) must begin with such a proof. Any other first
 * PDU, or bytes that are no PDU at all, make the tracker ignore the connection at once. A direction joined
 * part way is scanned for proof for at most {@link DicomTrackingConfig#midStreamScanBytes()}.
 * Bytes that only look like a PDU header, on port 104 or elsewhere, never start an association.
 *
 * <p>A SPAN port, or taps merged by timestamp, can deliver the A-ASSOCIATE-AC or -RJ before the
 * request it replies to. Such a reply, at the start of a connection whose requestor has sent no
 * complete PDU yet, waits for the request. Any other event first handles it as a reply without
 * a request.
 */
public final class DicomConnectionTracker implements StreamListener {
    private enum State { UNDECIDED, DICOM, IGNORED }

    // NOTE: the built-in minimal reader; a fuller data set reader can replace it here.
    private static final QueryShapeSource QUERY_SHAPES = QueryIdentifierReader.SOURCE;
    /** Most budget bytes one query identifier takes: twice the reader's 64 KiB maximum. */
    private static final long MAX_QUERY_CHARGE = 2L * QueryIdentifierReader.DEFAULT_MAX_BYTES;

    private final TcpConnection connection;
    private final AssociationListener listener;
    private final KnownScpEndpoints knownScps;
    private final DicomTrackingConfig config;
    private final DicomStats stats;
    /** Per direction: the decoder, created on the direction's first bytes or gap. */
    private final UpperLayerDecoder[] decoders = new UpperLayerDecoder[2];
    private final BufferBudget budget;
    /**
     * Requestor side of the last association seen to end on this connection (rejected, released,
     * aborted or followed by a second request), or null. P-DATA-TF that side sends after the end
     * starts no association joined mid-stream.
     */
    private Direction endedRequestor;
    /**
     * Association that its requestor aborted while its requests were outstanding, or null. The
     * acceptor may have sent responses before the A-ABORT reached it. So until those requests get
     * their final responses, the acceptor's matching responses and its bytes count in this
     * association and start no association joined mid-stream. {@link #pendingRequests} keeps the
     * outstanding requests.
     */
    private ObservedAssociation abortedWithRequestsInFlight;
    /** Per direction: whether the next PDU may be the stream's first, so it must prove DICOM. */
    private final boolean[] expectingFirstPdu = new boolean[2];
    private final long[] unattributedBytes = new long[2];
    /** Per direction: whether the A-ASSOCIATE PDU being decoded was cut at the length limit or by a loss. */
    private final boolean[] cutAssociate = new boolean[2];
    private final PendingRequests pendingRequests;
    /** Per direction: whether its first bytes were checked for a TLS handshake record. */
    private final boolean[] firstBytesChecked = new boolean[2];
    private final DataSetTaps dataSets;

    private State state = State.UNDECIDED;
    private ObservedAssociation association;
    private boolean awaitingResponse;
    /**
     * Start of an A-ASSOCIATE-RQ cut by a loss before its application context, which proves
     * nothing alone. A well-formed A-ASSOCIATE-AC in reply makes it the association's request.
     */
    private AssociateRqPdu unconfirmedRequest;
    private Direction unconfirmedDirection;
    /**
     * An A-ASSOCIATE-AC or -RJ that the capture delivered before the request it replies to, as a
     * SPAN port or taps merged by timestamp can reorder the two directions. It waits for the
     * request, and any other event handles it as if no request had come. At most one is set.
     */
    private AssociateAcPdu heldAccept;
    private AssociateRjPdu heldReject;
    private Direction heldDirection;
    private boolean releaseRequested;
    /**
     * The acceptor closed its side of the connection while the association was open and no
     * A-RELEASE-RQ had been seen, so no A-RELEASE-RP can follow a later A-RELEASE-RQ.
     */
    private boolean acceptorClosedBeforeRelease;
    private long undecidedBytes;
    private long now;
    private boolean tlsSeen;
    private QueryShapeSource.Reader queryReader;
    /** Bytes taken from the buffer budget for the query identifier being read. */
    private long queryReserved;
    private DimseCommand queryRequest;
    private int queryContextId;
    private Direction queryDirection;

    /** Creates a tracker with a PDU buffer budget of its own, {@link DicomTrackingConfig#maxBufferedPduBytes}. */
    public DicomConnectionTracker(TcpConnection connection, AssociationListener listener, KnownScpEndpoints knownScps,
            DicomTrackingConfig config, DicomStats stats) {
        this(connection, listener, knownScps, config, stats, new BufferBudget(config.maxBufferedPduBytes(), stats));
    }

    /** Creates a tracker whose decoders draw on {@code budget}, which the trackers of one pipeline share. */
    DicomConnectionTracker(TcpConnection connection, AssociationListener listener, KnownScpEndpoints knownScps,
            DicomTrackingConfig config, DicomStats stats, BufferBudget budget) {
        this.budget = budget;
        this.connection = connection;
        this.listener = listener;
        this.knownScps = knownScps;
        this.config = config;
        this.stats = stats;
        this.pendingRequests = new PendingRequests(config.maxPendingRequests());
        this.dataSets = new DataSetTaps(listener, stats, config.dataSetPrefixBytes());
    }

    @Override
    public void onData(Direction direction, byte[] data, int offset, int length, long timestampNanos) {
        if (state == State.IGNORED) {
            return;
        }
        now = timestampNanos;
        // The stream start is asked for now, not at construction, because the reassembler records a
        // connection's SYN after it has created the tracker.
        if ((tlsSeen || (state == State.UNDECIDED && !firstBytesChecked[direction.ordinal()]
                && connection.streamStartSeen(direction))) && checkTls(direction, data, offset, length)) {
            return;
        }
        if (association != null) {
            listener.onBytes(association, association.fromRequestor(direction), length, timestampNanos);
        } else if (abortedWithRequestsInFlight != null && direction != endedRequestor) {
            listener.onBytes(abortedWithRequestsInFlight, false, length, timestampNanos);
        } else {
            unattributedBytes[direction.ordinal()] += length;
        }
        decoder(direction).feed(data, offset, length);
        if (state == State.UNDECIDED) {
            undecidedBytes += length;
            if (undecidedBytes > config.midStreamScanBytes()) {
                ignoreConnection();
            }
        }
    }

    @Override
    public void onGap(Direction direction, long lostBytes, long timestampNanos) {
        if (state == State.IGNORED) {
            return;
        }
        now = timestampNanos;
        stats.gaps++;
        UpperLayerDecoder decoder = decoder(direction);
        // After a hole the next byte is no longer known to start a PDU, so it proves nothing by itself.
        expectingFirstPdu[direction.ordinal()] = false;
        decoder.onGap(lostBytes);
        releaseHeldReply();
    }

    @Override
    public void onFin(Direction direction, long timestampNanos) {
        if (association != null && !releaseRequested && !association.fromRequestor(direction)) {
            acceptorClosedBeforeRelease = true;
        }
    }

    @Override
    public void onClose(CloseReason reason, long timestampNanos) {
        now = timestampNanos;
        if (association == null && state != State.IGNORED) {
            // A request that the connection's end cut short still names its AE titles.
            for (UpperLayerDecoder decoder : decoders) {
                if (decoder != null) {
                    decoder.decodeUnfinishedRequest();
                }
            }
        }
        releaseHeldReply();
        if (association != null) {
            // A confirmed reuse of the address pair means the old connection ended, by a FIN or RST
            // that the capture missed.
            boolean closedByPeer = reason == CloseReason.FIN || reason == CloseReason.RST
                    || reason == CloseReason.REUSED;
            AssociationEnd end;
            if (!closedByPeer) {
                end = AssociationEnd.NOT_OBSERVED;
            } else if (releaseRequested && !acceptorClosedBeforeRelease) {
                end = AssociationEnd.RELEASED;
            } else {
                end = AssociationEnd.CLOSED_WITHOUT_RELEASE;
            }
            endAssociation(end, null);
        }
        abortedWithRequestsInFlight = null;
        dataSets.close();
        releaseBuffers();
        if (state == State.DICOM) {
            listener.onDicomConnectionClosed(connection, timestampNanos);
        } else if (state == State.UNDECIDED) {
            stats.connectionsClosedUndecided++;
        }
        if (state != State.DICOM) {
            listener.onNonDicomConnectionClosed(connection, timestampNanos);
        }
    }

    /**
     * Checks the first bytes of a direction for a TLS hello and reports it. Returns true when the
     * bytes belong to TLS and must not reach the DICOM decoder. After a ServerHello, or a
     * ClientHello whose peer already spoke, the connection is ignored like any non-DICOM one.
     */
    private boolean checkTls(Direction direction, byte[] data, int offset, int length) {
        boolean first = !firstBytesChecked[direction.ordinal()];
        firstBytesChecked[direction.ordinal()] = true;
        int type = first ? TlsRecognizer.handshakeType(data, offset, length) : -1;
        if (type > 0) {
            tlsSeen = true;
            stats.tlsHandshakes++;
            listener.onTlsHandshake(connection, direction, type, now);
            if (type == TlsRecognizer.SERVER_HELLO || firstBytesChecked[direction.opposite().ordinal()]) {
                ignoreConnection();
            }
            return true;
        }
        if (tlsSeen) {
            ignoreConnection();
            return true;
        }
        return false;
    }

    /** Starts collecting the identifier that follows a C-FIND, C-MOVE or C-GET request of the requestor. */
    private void startQueryIdentifier(Direction direction, int presentationContextId, DimseCommand command) {
        dropQueryIdentifier();
        int field = command.commandField();
        boolean query = field == CommandField.C_FIND_RQ || field == CommandField.C_MOVE_RQ
                || field == CommandField.C_GET_RQ;
        if (!query || !command.hasDataSet() || association == null || !association.fromRequestor(direction)
                || association.accept() == null) {
            return;
        }
        String transferSyntax = null;
        for (PresentationContextAc context : association.accept().presentationContexts()) {
            if (context.id() == presentationContextId && context.accepted()) {
                transferSyntax = context.transferSyntax();
            }
        }
        queryReader = transferSyntax == null ? null : QUERY_SHAPES.open(transferSyntax);
        queryRequest = command;
        queryContextId = presentationContextId;
        queryDirection = direction;
    }

    private void feedQueryIdentifier(Direction direction, int presentationContextId, byte[] data, int offset,
            int length, boolean lastFragment) {
        if (direction != queryDirection || presentationContextId != queryContextId) {
            return;
        }
        // The reader keeps the identifier, up to 64 KiB, so a flood of unfinished queries must
        // draw on the budget too. Its array doubles as it grows, hence twice the bytes.
        long charge = Math.min(2L * length, Math.max(0, MAX_QUERY_CHARGE - queryReserved));
        if (charge > 0 && !budget.reserve(charge)) {
            dropQueryIdentifier();
            return;
        }
        queryReserved += charge;
        queryReader.feed(data, offset, length);
        if (lastFragment) {
            QueryShapeSource.Reader reader = queryReader;
            dropQueryIdentifier();
            if (association != null) {
                listener.onQueryIdentifier(association, queryRequest, reader.finish(), now);
            }
        }
    }

    /**
     * Returns the decoder of {@code direction}, creating it on first use. Creating it then, and not
     * when the connection opens, matters twice. The reassembler opens a connection before it
     * records the SYN that opened it, so only by the first bytes does the connection tell whether
     * the stream start was seen. And a decoder with its buffers costs about 500 bytes, while in a
     * flood of half-open or one-way connections most directions never send a byte.
     */
    private UpperLayerDecoder decoder(Direction direction) {
        UpperLayerDecoder decoder = decoders[direction.ordinal()];
        if (decoder == null) {
            boolean aligned = connection.streamStartSeen(direction);
            expectingFirstPdu[direction.ordinal()] = aligned;
            decoder = new UpperLayerDecoder(new DirectionHandler(direction), config.limits(), aligned, budget);
            decoders[direction.ordinal()] = decoder;
        }
        return decoder;
    }

    /** Forgets the query identifier being read and returns its bytes to the budget. */
    private void dropQueryIdentifier() {
        queryReader = null;
        budget.release(queryReserved);
        queryReserved = 0;
    }

    /** Returns the bytes of both decoders' PDU buffers and of the query identifier to the shared budget. */
    private void releaseBuffers() {
        dropQueryIdentifier();
        for (UpperLayerDecoder decoder : decoders) {
            if (decoder != null) {
                decoder.releaseBuffers();
            }
        }
    }

    private void ignoreConnection() {
        releaseBuffers();
        state = State.IGNORED;
        stats.connectionsIgnored++;
        connection.ignore();
    }

    /** Marks a PDU of {@code direction} that does not prove DICOM; returns false if the connection is now ignored. */
    private boolean acceptUnprovenPdu(Direction direction) {
        if (state == State.UNDECIDED && expectingFirstPdu[direction.ordinal()]) {
            ignoreConnection();
            return false;
        }
        expectingFirstPdu[direction.ordinal()] = false;
        return state != State.IGNORED;
    }

    private void startAssociation(Direction requestorDirection, AssociateRqPdu request) {
        if (state != State.DICOM) {
            state = State.DICOM;
            stats.dicomConnections++;
        }
        association = new ObservedAssociation(connection, requestorDirection, request);
        abortedWithRequestsInFlight = null;
        awaitingResponse = request != null;
        releaseRequested = false;
        acceptorClosedBeforeRelease = false;
        pendingRequests.clear();
        dataSets.reset();
        if (request != null) {
            stats.associationsRequested++;
            listener.onRequested(association, now);
        } else {
            stats.midStreamAssociations++;
            listener.onMidStreamDetected(association, now);
        }
        for (Direction direction : Direction.values()) {
            long bytes = unattributedBytes[direction.ordinal()];
            if (bytes > 0) {
                listener.onBytes(association, association.fromRequestor(direction), bytes, now);
                unattributedBytes[direction.ordinal()] = 0;
            }
        }
    }

    private void endAssociation(AssociationEnd end, AbortPdu abort) {
        endAssociation(end, abort, false);
    }

    /**
     * Ends the association. When the requestor aborted it ({@code abortedByRequestor}) with
     * requests outstanding, the acceptor's responses to them may still come.
     */
    private void endAssociation(AssociationEnd end, AbortPdu abort, boolean abortedByRequestor) {
        ObservedAssociation ended = association;
        association = null;
        endedRequestor = ended.requestorDirection();
        dropQueryIdentifier();
        awaitingResponse = false;
        releaseRequested = false;
        acceptorClosedBeforeRelease = false;
        if (abortedByRequestor && pendingRequests.hasRequests(endedRequestor)) {
            abortedWithRequestsInFlight = ended;
        } else {
            pendingRequests.clear();
        }
        dataSets.reset();
        listener.onEnded(ended, end, abort, now);
    }

    /**
     * Counts a response that the acceptor sent to a request outstanding when its requestor aborted
     * the association, and returns true. Returns false for any other command.
     */
    private boolean takeResponseInFlight(Direction direction, DimseCommand command) {
        if (abortedWithRequestsInFlight == null || direction == endedRequestor || !command.isResponse()
                || command.messageIdBeingRespondedTo() == null) {
            return false;
        }
        boolean finalResponse = command.status() == null || StatusCategory.of(command.status()) != StatusCategory.PENDING;
        DimseCommand matched = pendingRequests.match(endedRequestor, command.messageIdBeingRespondedTo(), command,
                finalResponse);
        if (matched == null) {
            return false;
        }
        stats.commands++;
        ObservedAssociation aborted = abortedWithRequestsInFlight;
        if (!pendingRequests.hasRequests(endedRequestor)) {
            abortedWithRequestsInFlight = null;
        }
        listener.onCommand(aborted, command, false, matched, now);
        return true;
    }

    /**
     * Returns whether a reply from {@code direction} may have overtaken its request in the capture:
     * no association is open, and the opposite direction, whose stream start was seen, has sent no
     * bytes yet or is part way through an A-ASSOCIATE-RQ.
     */
    private boolean mayPrecedeRequest(Direction direction) {
        Direction requestor = direction.opposite();
        if (association != null || unconfirmedRequest != null || !connection.streamStartSeen(requestor)) {
            return false;
        }
        UpperLayerDecoder decoder = decoders[requestor.ordinal()];
        return decoder == null || decoder.isReadingAssociateRequest();
    }

    /** Handles the held reply, if any, as a reply that arrives now. */
    private void releaseHeldReply() {
        Direction direction = heldDirection;
        AssociateAcPdu accept = heldAccept;
        AssociateRjPdu reject = heldReject;
        heldDirection = null;
        heldAccept = null;
        heldReject = null;
        if (direction == null || state == State.IGNORED) {
            return;
        }
        if (accept != null) {
            handleAssociateAc(direction, accept);
        } else {
            handleAssociateRj(direction, reject);
        }
    }

    /** Returns the requestor's direction when one endpoint is a known SCP, else null. */
    private Direction requestorDirectionFromKnownScp() {
        if (knownScps.isKnownScp(connection.serverAddress(), connection.serverPort())) {
            return Direction.CLIENT_TO_SERVER;
        }
        if (knownScps.isKnownScp(connection.clientAddress(), connection.clientPort())) {
            return Direction.SERVER_TO_CLIENT;
        }
        return null;
    }

    private void onAssociateRq(Direction direction, AssociateRqPdu pdu) {
        if (heldDirection != direction.opposite()) {
            releaseHeldReply();
        }
        handleAssociateRq(direction, pdu);
        // A reply held for this request follows it now, in the order the peers sent them.
        releaseHeldReply();
    }

    private void handleAssociateRq(Direction direction, AssociateRqPdu pdu) {
        stats.presentationContextsDropped += pdu.droppedPresentationContexts();
        stats.transferSyntaxesDropped += pdu.droppedTransferSyntaxes();
        boolean cut = cutAssociate[direction.ordinal()];
        cutAssociate[direction.ordinal()] = false;
        boolean wellFormed = cut ? AssociationChecks.isWellFormedPrefix(pdu) : AssociationChecks.isWellFormed(pdu);
        unconfirmedRequest = null;
        if (!wellFormed && cut && pdu.applicationContextName() == null && (pdu.protocolVersion() & 1) != 0) {
            unconfirmedRequest = pdu;
            unconfirmedDirection = direction;
        }
        if (unconfirmedRequest != null) {
            // Neither proof nor disproof: the reply decides.
            return;
        }
        if (!wellFormed) {
            stats.malformedAssociateRequests++;
            acceptUnprovenPdu(direction);
            return;
        }
        expectingFirstPdu[direction.ordinal()] = false;
        if (association != null) {
            // A second request on a connection whose association never ended: PS3.8 allows one
            // association per connection, so the first is closed without release.
            stats.unexpectedPdus++;
            endAssociation(AssociationEnd.CLOSED_WITHOUT_RELEASE, null);
        }
        startAssociation(direction, pdu);
    }

    private void onAssociateAc(Direction direction, AssociateAcPdu pdu) {
        releaseHeldReply();
        if (mayPrecedeRequest(direction)) {
            cutAssociate[direction.ordinal()] = false;
            heldAccept = pdu;
            heldDirection = direction;
            return;
        }
        handleAssociateAc(direction, pdu);
    }

    private void handleAssociateAc(Direction direction, AssociateAcPdu pdu) {
        cutAssociate[direction.ordinal()] = false;
        UpperLayerDecoder requestDecoder = decoders[direction.opposite().ordinal()];
        if (association == null && requestDecoder != null) {
            // The server replied to a request that the capture did not receive whole, so decode
            // the part that arrived.
            requestDecoder.decodeUnfinishedRequest();
        }
        if (association != null && awaitingResponse && !association.fromRequestor(direction)) {
            expectingFirstPdu[direction.ordinal()] = false;
            awaitingResponse = false;
            association.setAccept(pdu);
            listener.onAccepted(association, now);
            return;
        }
        if (association == null && AssociationChecks.isWellFormed(pdu)) {
            // The capture missed the request, or its application context, but the acceptance
            // proves the association.
            expectingFirstPdu[direction.ordinal()] = false;
            AssociateRqPdu request = unconfirmedDirection == direction.opposite() ? unconfirmedRequest : null;
            unconfirmedRequest = null;
            startAssociation(direction.opposite(), request);
            awaitingResponse = false;
            association.setAccept(pdu);
            listener.onAccepted(association, now);
            return;
        }
        stats.unexpectedPdus++;
        acceptUnprovenPdu(direction);
    }

    private void onAssociateRj(Direction direction, AssociateRjPdu pdu) {
        releaseHeldReply();
        if (mayPrecedeRequest(direction)) {
            heldReject = pdu;
            heldDirection = direction;
            return;
        }
        handleAssociateRj(direction, pdu);
    }

    private void handleAssociateRj(Direction direction, AssociateRjPdu pdu) {
        if (association != null && awaitingResponse && !association.fromRequestor(direction)) {
            expectingFirstPdu[direction.ordinal()] = false;
            ObservedAssociation rejected = association;
            association = null;
            endedRequestor = rejected.requestorDirection();
            awaitingResponse = false;
            listener.onRejected(rejected, pdu, now);
            return;
        }
        stats.unexpectedPdus++;
        acceptUnprovenPdu(direction);
    }

    private void onPDataTf(Direction direction) {
        releaseHeldReply();
        if (association != null || state == State.IGNORED) {
            return;
        }
        if (direction == endedRequestor) {
            stats.unexpectedPdus++;
            return;
        }
        if (abortedWithRequestsInFlight != null) {
            // It may carry a response to a request of the aborted association: its command decides.
            return;
        }
        Direction requestor = requestorDirectionFromKnownScp();
        if (requestor != null && !expectingFirstPdu[direction.ordinal()]) {
            startAssociation(requestor, null);
            return;
        }
        acceptUnprovenPdu(direction);
    }

    private void onCommand(Direction direction, DimseCommand command) {
        releaseHeldReply();
        if (state == State.IGNORED) {
            return;
        }
        if (association == null && direction == endedRequestor) {
            // PS3.8 ends the transport connection with its association, so a command the requestor
            // sends after the end is its error, not an association the capture joined late. The
            // acceptor's commands still start one: an acceptor that goes on responding shows the
            // end was forged, such as an injected A-ABORT that its own host dropped.
            return;
        }
        if (association == null && takeResponseInFlight(direction, command)) {
            return;
        }
        // NOTE: a C-STORE-RQ of a C-GET that the acceptor sent before the requestor's A-ABORT reached
        // it is no response, so it still starts an association joined mid-stream.
        if (association == null) {
            if (!AssociationChecks.isPlausible(command)) {
                acceptUnprovenPdu(direction);
                return;
            }
            Direction requestor = requestorDirectionFromKnownScp();
            if (requestor == null) {
                requestor = AssociationChecks.requestorDirection(direction, command);
            }
            expectingFirstPdu[direction.ordinal()] = false;
            startAssociation(requestor, null);
        }
        stats.commands++;
        boolean fromRequestor = association.fromRequestor(direction);
        DimseCommand matched = null;
        if (!command.isResponse()) {
            if (command.commandField() != CommandField.C_CANCEL_RQ && command.messageId() != null
                    && !pendingRequests.put(direction, command.messageId(), command)) {
                stats.pendingRequestOverflow++;
            }
        } else if (command.messageIdBeingRespondedTo() != null) {
            int messageId = command.messageIdBeingRespondedTo();
            boolean finalResponse = command.status() == null || StatusCategory.of(command.status()) != StatusCategory.PENDING;
            matched = pendingRequests.match(direction.opposite(), messageId, command, finalResponse);
            if (matched == null) {
                stats.unmatchedResponses++;
            }
        }
        listener.onCommand(association, command, fromRequestor, matched, now);
    }

    private void onReleaseRq(Direction direction) {
        releaseHeldReply();
        if (association != null) {
            releaseRequested = true;
            return;
        }
        acceptUnprovenPdu(direction);
    }

    private void onReleaseRp(Direction direction) {
        releaseHeldReply();
        if (association != null) {
            endAssociation(AssociationEnd.RELEASED, null);
            return;
        }
        acceptUnprovenPdu(direction);
    }

    private void onAbort(Direction direction, AbortPdu pdu) {
        releaseHeldReply();
        if (association != null) {
            endAssociation(AssociationEnd.ABORTED, pdu, association.fromRequestor(direction));
            return;
        }
        acceptUnprovenPdu(direction);
    }

    private void onAnomaly(Direction direction, UpperLayerAnomaly anomaly) {
        if (state == State.IGNORED) {
            return;
        }
        if (anomaly == UpperLayerAnomaly.ASSOCIATE_PDU_TOO_LARGE) {
            // The decoder still decodes the PDU's first bytes; its event decides what it proves.
            stats.countAnomaly(anomaly);
            cutAssociate[direction.ordinal()] = true;
            return;
        }
        releaseHeldReply();
        if (state == State.UNDECIDED && expectingFirstPdu[direction.ordinal()]) {
            // The stream start was seen and it is not a PDU: an ordinary non-DICOM connection,
            // not an anomaly worth counting.
            ignoreConnection();
            return;
        }
        if (state == State.DICOM) {
            stats.countAnomaly(anomaly);
        }
        expectingFirstPdu[direction.ordinal()] = false;
    }

    /** Routes one direction's decoder events to the tracker with the direction attached. */
    private final class DirectionHandler implements UpperLayerListener {
        private final Direction direction;

        DirectionHandler(Direction direction) {
            this.direction = direction;
        }

        private boolean active() {
            return state != State.IGNORED;
        }

        @Override
        public void onAssociateCut() {
            cutAssociate[direction.ordinal()] = true;
        }

        @Override
        public void onAssociateRq(AssociateRqPdu pdu) {
            if (active()) {
                DicomConnectionTracker.this.onAssociateRq(direction, pdu);
            }
        }

        @Override
        public void onAssociateAc(AssociateAcPdu pdu) {
            if (active()) {
                DicomConnectionTracker.this.onAssociateAc(direction, pdu);
            }
        }

        @Override
        public void onAssociateRj(AssociateRjPdu pdu) {
            if (active()) {
                DicomConnectionTracker.this.onAssociateRj(direction, pdu);
            }
        }

        @Override
        public void onPDataTf(long length) {
            if (active()) {
                DicomConnectionTracker.this.onPDataTf(direction);
            }
        }

        @Override
        public void onCommand(int presentationContextId, DimseCommand command) {
            if (active()) {
                DicomConnectionTracker.this.onCommand(direction, command);
                startQueryIdentifier(direction, presentationContextId, command);
                dataSets.onCommand(direction, presentationContextId, command, association);
            }
        }

        @Override
        public void onDataSetFragment(int presentationContextId, byte[] data, int offset, int length,
                boolean lastFragment) {
            // Query identifiers go to the findings; the start of stored objects to device identification.
            if (queryReader != null && active()) {
                feedQueryIdentifier(direction, presentationContextId, data, offset, length, lastFragment);
            }
            if (active() && association != null) {
                dataSets.onFragment(direction, presentationContextId, data, offset, length, lastFragment, now);
            }
        }

        @Override
        public void onReleaseRq() {
            if (active()) {
                DicomConnectionTracker.this.onReleaseRq(direction);
            }
        }

        @Override
        public void onReleaseRp() {
            if (active()) {
                DicomConnectionTracker.this.onReleaseRp(direction);
            }
        }

        @Override
        public void onAbort(AbortPdu pdu) {
            if (active()) {
                DicomConnectionTracker.this.onAbort(direction, pdu);
            }
        }

        @Override
        public void onAnomaly(UpperLayerAnomaly anomaly, long streamOffset) {
            DicomConnectionTracker.this.onAnomaly(direction, anomaly);
        }

        @Override
        public void onResynchronised(long skippedBytes, long streamOffset) {
            // A plausible header in a connection not yet proven DICOM is no resynchronisation.
            if (state == State.DICOM) {
                stats.resynchronisations++;
            }
        }
    }
}
