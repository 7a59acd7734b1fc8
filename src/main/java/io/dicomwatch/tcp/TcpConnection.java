package io.dicomwatch.tcp;

import io.dicomwatch.capture.IpAddress;

/** What the reassembler tells a stream consumer about one followed TCP connection. */
public interface TcpConnection {
    /** Serial number of the connection within this run, from 1. */
    long id();

    IpAddress clientAddress();

    int clientPort();

    IpAddress serverAddress();

    int serverPort();

    /**
     * Whether the start of this direction was seen, so the first byte delivered for it is the first
     * byte of the stream: its SYN was captured, or for the client side, the server's SYN+ACK that
     * acknowledges the client's ISN. False for connections that were already open when the capture
     * started.
     */
    boolean streamStartSeen(Direction direction);

    /** Source MAC of the first frame seen from the client or server side, or -1 if none. */
    long clientMac();

    long serverMac();

    /** VLAN IDs of the first frame seen on the connection, outermost first; empty if untagged. */
    int[] vlanIds();

    /**
     * Stops delivering bytes of this connection; later segments are dropped cheaply until it
     * closes. Called by a consumer that has decided the connection carries no DICOM.
     */
    void ignore();
}
