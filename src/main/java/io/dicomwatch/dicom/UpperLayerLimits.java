package io.dicomwatch.dicom;

/**
 * Bounds that keep the decoder's memory constant whatever the length fields claim.
 *
 * @param maxAssociatePduLength A-ASSOCIATE-RQ/-AC PDUs longer than this are skipped unbuffered
 * @param maxCommandSetLength command sets longer than this are skipped unbuffered
 * @param maxPresentationContexts presentation contexts kept per PDU; more are counted, not kept
 * @param maxScanPduLength largest PDU length the resynchronisation scanner accepts as plausible
 * @param keepUsername whether user identity usernames are kept (never passcodes or tokens)
 */
public record UpperLayerLimits(
        int maxAssociatePduLength,
        int maxCommandSetLength,
        int maxPresentationContexts,
        long maxScanPduLength,
        boolean keepUsername) {

    /**
     * Defaults: 1 MiB for an A-ASSOCIATE PDU (the largest seen in public captures is about 16 KiB
     * with 123 contexts), 64 KiB for a command set (real ones are under 1 KiB), 256 contexts (the
     * most the 8-bit odd context IDs allow is 128), and 16 MiB as a plausible P-DATA-TF length.
     */
    public static final UpperLayerLimits DEFAULTS =
            new UpperLayerLimits(1 << 20, 1 << 16, 256, 16L << 20, false);
}
