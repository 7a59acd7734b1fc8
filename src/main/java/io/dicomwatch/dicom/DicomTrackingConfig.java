package io.dicomwatch.dicom;

/**
 * Settings of the DICOM stage.
 *
 * @param limits decoder bounds
 * @param midStreamScanBytes bytes of a connection without a seen stream start that are scanned for
 *     proof of DICOM before the connection is ignored. The default 4 MiB covers several
 *     maximum-size P-DATA-TF PDUs of a C-STORE already under way.
 * @param maxPendingRequests outstanding requests kept per association to pair responses by
 *     Message ID; PS3.7 lets the asynchronous operations window be unlimited, so a cap is needed
 * @param dataSetPrefixBytes bytes at the start of each C-STORE or C-FIND request data set that are
 *     read for allowed attributes (after inflation for deflated ones); the rest is skipped
 * @param maxBufferedPduBytes bytes that all connections together may hold in A-ASSOCIATE bodies
 *     and command sets that arrive in several segments; see {@link BufferBudget}
 */
public record DicomTrackingConfig(UpperLayerLimits limits, long midStreamScanBytes, int maxPendingRequests,
        long dataSetPrefixBytes, long maxBufferedPduBytes) {
    /** Default of {@link #dataSetPrefixBytes}: equipment attributes sit in the first few KiB of real objects. */
    public static final long DEFAULT_DATA_SET_PREFIX_BYTES = 64L << 10;
    /**
     * Default of {@link #maxBufferedPduBytes}: 32 unfinished A-ASSOCIATE-RQs of the 1 MiB maximum,
     * or hundreds of real multi-segment ones, which are tens of KiB at most.
     */
    public static final long DEFAULT_MAX_BUFFERED_PDU_BYTES = 32L << 20;
    public static final DicomTrackingConfig DEFAULTS = new DicomTrackingConfig(UpperLayerLimits.DEFAULTS, 4L << 20, 1024);

    /** Creates a configuration with the default data set prefix and PDU buffer budget. */
    public DicomTrackingConfig(UpperLayerLimits limits, long midStreamScanBytes, int maxPendingRequests) {
        this(limits, midStreamScanBytes, maxPendingRequests, DEFAULT_DATA_SET_PREFIX_BYTES);
    }

    /** Creates a configuration with the default PDU buffer budget. */
    public DicomTrackingConfig(UpperLayerLimits limits, long midStreamScanBytes, int maxPendingRequests,
            long dataSetPrefixBytes) {
        this(limits, midStreamScanBytes, maxPendingRequests, dataSetPrefixBytes, DEFAULT_MAX_BUFFERED_PDU_BYTES);
    }

    public DicomTrackingConfig {
        if (midStreamScanBytes < 0) {
            throw new IllegalArgumentException("midStreamScanBytes must be >= 0, got " + midStreamScanBytes);
        }
        if (dataSetPrefixBytes < 0) {
            throw new IllegalArgumentException("dataSetPrefixBytes must be >= 0, got " + dataSetPrefixBytes);
        }
        if (maxBufferedPduBytes < 0) {
            throw new IllegalArgumentException("maxBufferedPduBytes must be >= 0, got " + maxBufferedPduBytes);
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be >= 1, got " + maxPendingRequests);
        }
    }
}
