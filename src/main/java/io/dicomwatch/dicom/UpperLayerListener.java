package io.dicomwatch.dicom;

/**
 * Receives what an {@link UpperLayerDecoder} finds in one direction of a connection. Calls come
 * in stream order from the thread that feeds the decoder.
 */
public interface UpperLayerListener {
    /**
     * Announces that the next A-ASSOCIATE-RQ or -AC event carries only the start of its PDU,
     * because the capture lost the rest. Its fixed part, with both AE titles, did arrive.
     */
    default void onAssociateCut() {
    }

    void onAssociateRq(AssociateRqPdu pdu);

    void onAssociateAc(AssociateAcPdu pdu);

    void onAssociateRj(AssociateRjPdu pdu);

    /** Start of a P-DATA-TF PDU of {@code length} bytes after its 6-byte header. */
    void onPDataTf(long length);

    /** A complete command set, assembled from the command PDVs of one presentation context. */
    void onCommand(int presentationContextId, DimseCommand command);

    /**
     * Bytes of a data set PDV, streamed as they arrive; the array is reused after the call.
     *
     * @param lastFragment whether these bytes end a PDV whose last-fragment bit is set
     */
    void onDataSetFragment(int presentationContextId, byte[] data, int offset, int length, boolean lastFragment);

    void onReleaseRq();

    void onReleaseRp();

    void onAbort(AbortPdu pdu);

    /**
     * A departure from PS3.8 at {@code streamOffset} (bytes from the start of what this decoder
     * was fed). The decoder has already skipped the bad PDU or moved to resynchronisation.
     */
    void onAnomaly(UpperLayerAnomaly anomaly, long streamOffset);

    /**
     * The decoder, after a gap or an unaligned start, found the next plausible PDU header and
     * skipped {@code skippedBytes} to reach it. Plausible is not proven: the caller decides what
     * evidence it needs before it trusts the PDUs that follow.
     */
    void onResynchronised(long skippedBytes, long streamOffset);
}
