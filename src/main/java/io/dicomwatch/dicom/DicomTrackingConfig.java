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
 */
public record DicomTrackingConfig(UpperLayerLimits limits, long midStreamScanBytes, int maxPendingRequests) {
    public static final DicomTrackingConfig DEFAULTS = new DicomTrackingConfig(UpperLayerLimits.DEFAULTS, 4L << 20, 1024);

    public DicomTrackingConfig {
        if (midStreamScanBytes < 0) {
            throw new IllegalArgumentException("midStreamScanBytes must be >= 0, got " + midStreamScanBytes);
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be >= 1, got " + maxPendingRequests);
        }
    }
}
