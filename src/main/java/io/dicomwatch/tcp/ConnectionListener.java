package io.dicomwatch.tcp;

/** Creates the stream consumer of each new connection. */
public interface ConnectionListener {
    /**
     * Called when the reassembler starts following a connection, before any of its bytes.
     *
     * @return the listener for the connection's bytes; never null
     */
    StreamListener onConnectionOpened(TcpConnection connection, long timestampNanos);
}
