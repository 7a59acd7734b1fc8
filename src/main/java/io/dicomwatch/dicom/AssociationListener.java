package io.dicomwatch.dicom;

import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.List;

/**
 * Receives the associations that {@link DicomConnectionTracker}s observe. All calls come from the
 * thread that feeds the reassembler, in capture order; timestamps are capture time in nanoseconds.
 */
public interface AssociationListener {
    /** A well-formed A-ASSOCIATE-RQ started an association. */
    void onRequested(ObservedAssociation association, long timestampNanos);

    /** The capture joined an association already under way; its AE titles are unknown. */
    void onMidStreamDetected(ObservedAssociation association, long timestampNanos);

    void onAccepted(ObservedAssociation association, long timestampNanos);

    void onRejected(ObservedAssociation association, AssociateRjPdu reject, long timestampNanos);

    /**
     * A DIMSE command set. It can follow {@link #onEnded}: a response that the acceptor sent
     * before the requestor's A-ABORT reached it still belongs to the aborted association.
     *
     * @param fromRequestor whether the requestor sent it
     * @param matchedRequest for a response, the request whose Message ID it responds to, or null
     */
    void onCommand(ObservedAssociation association, DimseCommand command, boolean fromRequestor,
            DimseCommand matchedRequest, long timestampNanos);

    /** Bytes of TCP payload that belong to the association, counted once each. */
    void onBytes(ObservedAssociation association, boolean fromRequestor, long bytes, long timestampNanos);

    /**
     * The association ended.
     *
     * @param abort the A-ABORT PDU when {@code end} is {@link AssociationEnd#ABORTED}, else null
     */
    void onEnded(ObservedAssociation association, AssociationEnd end, AbortPdu abort, long timestampNanos);

    /** Notifies that a connection on which DICOM was seen has closed, after any {@link #onEnded}. */
    default void onDicomConnectionClosed(TcpConnection connection, long timestampNanos) {
    }

    /**
     * A direction of a connection began with a TLS ClientHello or ServerHello record
     * ({@link TlsRecognizer}). The tracker reports at most one of each per connection and then
     * ignores the connection, whose content is encrypted.
     */
    default void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType,
            long timestampNanos) {
    }

    /**
     * Reports a connection that closed, or was evicted, without any proof of DICOM: a bare SYN, a
     * refused or reset connection, or another protocol. Called once per such connection, so a port
     * scan costs one call per attempt and nothing per packet.
     */
    default void onNonDicomConnectionClosed(TcpConnection connection, long timestampNanos) {
    }

    /**
     * The shapes of the keys of a query identifier that followed a C-FIND, C-MOVE or C-GET request.
     * An empty list means the identifier could not be read (cut off, malformed or deflated).
     */
    default void onQueryIdentifier(ObservedAssociation association, DimseCommand request, List<QueryShape> keys,
            long timestampNanos) {
    }

    /**
     * The start of a stored object's data set was read: the data set of a C-STORE-RQ, sent by
     * the requestor when {@code fromRequestor}, else by the acceptor (a C-GET or a role
     * selection). {@code summary} is reused after the call and holds only the attributes that
     * {@link TagPolicy} allows.
     */
    default void onStoredObject(ObservedAssociation association, DimseCommand request, boolean fromRequestor,
            StoredObjectSummary summary, long timestampNanos) {
    }
}
