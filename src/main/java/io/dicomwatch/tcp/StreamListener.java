package io.dicomwatch.tcp;

/**
 * Receives the reassembled bytes of one connection, in sequence order per direction, without
 * waiting for the peer's acknowledgement.
 *
 * <p>Arrays passed to {@link #onData} belong to the reassembler and are reused after the call.
 */
public interface StreamListener {
    void onData(Direction direction, byte[] data, int offset, int length, long timestampNanos);

    /**
     * Reports bytes of one direction that will never arrive (lost packet, reassembly window
     * exceeded, bytes cut by the snap length). The next {@link #onData} continues after the hole.
     *
     * @param lostBytes size of the hole, or -1 when unknown
     */
    void onGap(Direction direction, long lostBytes, long timestampNanos);

    /**
     * Reports that one direction's FIN was reached: every byte before it was delivered or declared
     * lost. Called at most once per direction, and not for a direction whose FIN is reached only
     * as the connection closes.
     */
    default void onFin(Direction direction, long timestampNanos) {
    }

    /** Called once, after the last {@link #onData} of the connection. */
    void onClose(CloseReason reason, long timestampNanos);
}
