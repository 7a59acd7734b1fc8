package io.dicomwatch.dicom;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;

/**
 * One association seen on a connection, from its A-ASSOCIATE-RQ (or from the first proof of
 * DICOM when the capture started mid-stream) to its end.
 *
 * <p>The requestor is the association initiator (PS3.8 terms), normally the TCP client; the
 * acceptor is the DICOM service that listens on {@link #acceptorPort()}.
 */
public final class ObservedAssociation {
    private final TcpConnection connection;
    private final Direction requestorDirection;
    private final boolean midStream;
    private final AssociateRqPdu request;
    private AssociateAcPdu accept;
    private UserIdentityRq userIdentity;

    /** State that the {@link AssociationListener} attaches, such as its aggregate record. */
    public Object listenerState;

    ObservedAssociation(TcpConnection connection, Direction requestorDirection, AssociateRqPdu request) {
        this.connection = connection;
        this.requestorDirection = requestorDirection;
        this.midStream = request == null;
        this.request = request;
        this.userIdentity = request == null ? null : request.userInformation().userIdentity();
    }

    public TcpConnection connection() {
        return connection;
    }

    /** Returns the TCP direction in which the requestor sends. */
    public Direction requestorDirection() {
        return requestorDirection;
    }

    public IpAddress requestorAddress() {
        return requestorDirection == Direction.CLIENT_TO_SERVER
                ? connection.clientAddress()
                : connection.serverAddress();
    }

    public int requestorPort() {
        return requestorDirection == Direction.CLIENT_TO_SERVER ? connection.clientPort() : connection.serverPort();
    }

    public IpAddress acceptorAddress() {
        return requestorDirection == Direction.CLIENT_TO_SERVER
                ? connection.serverAddress()
                : connection.clientAddress();
    }

    public int acceptorPort() {
        return requestorDirection == Direction.CLIENT_TO_SERVER ? connection.serverPort() : connection.clientPort();
    }

    /** Source MAC of the requestor's frames, or -1. */
    public long requestorMac() {
        return requestorDirection == Direction.CLIENT_TO_SERVER ? connection.clientMac() : connection.serverMac();
    }

    public long acceptorMac() {
        return requestorDirection == Direction.CLIENT_TO_SERVER ? connection.serverMac() : connection.clientMac();
    }

    /** Returns whether the capture joined the association after its A-ASSOCIATE-RQ. */
    public boolean midStream() {
        return midStream;
    }

    /** Returns the A-ASSOCIATE-RQ, or null for a mid-stream association. */
    public AssociateRqPdu request() {
        return request;
    }

    /** Returns the A-ASSOCIATE-AC, or null when none was seen. */
    public AssociateAcPdu accept() {
        return accept;
    }

    void setAccept(AssociateAcPdu accept) {
        this.accept = accept;
    }

    /** Calling AE title from the A-ASSOCIATE-RQ; null when unknown (mid-stream). */
    public AeTitle callingAeTitle() {
        return request == null ? null : request.callingAeTitle();
    }

    /** Called AE title from the A-ASSOCIATE-RQ; null when unknown (mid-stream). */
    public AeTitle calledAeTitle() {
        return request == null ? null : request.calledAeTitle();
    }

    /** User identity negotiation of the request, without secrets, or null. */
    public UserIdentityRq userIdentity() {
        return userIdentity;
    }

    /** Returns whether {@code direction} carries bytes from the requestor to the acceptor. */
    public boolean fromRequestor(Direction direction) {
        return direction == requestorDirection;
    }
}
