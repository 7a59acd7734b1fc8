package io.dicomwatch.tcp;

/** Why the reassembler stopped following a connection. */
public enum CloseReason {
    /** Both sides sent FIN. */
    FIN,
    /** Either side sent RST. */
    RST,
    /** No segment for longer than the idle timeout, measured in capture time. */
    IDLE_TIMEOUT,
    /** Evicted to keep the flow table or the buffered bytes under their configured bounds. */
    EVICTED,
    /** The capture ended with the connection still open. */
    END_OF_CAPTURE,
    /** A SYN started a new connection on the same address and port pair. */
    REUSED
}
