package io.dicomwatch.dicom;

/**
 * Decodes the PDV items inside one P-DATA-TF PDU body (PS3.8 section 9.3.5 and Annex E): item
 * length (4, big endian, at least 2 and within the PDU), presentation context ID (1), message
 * control header (1), fragment. Command fragments go to the {@link CommandAssembler}; data set
 * fragments are streamed to the listener without being buffered. Per PS3.8 section 9.3.1 the
 * reserved bits of the control header and an even context ID are not checked here.
 */
final class PDataDecoder {
    /** Reports a framing error; the decoder then scans from the seed bytes on. */
    @FunctionalInterface
    interface FramingErrors {
        void framingError(UpperLayerAnomaly anomaly, long offset, byte[] seed, int seedOffset, int seedLength);
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int PDV_HEADER = 0;
    private static final int COMMAND_FRAGMENT = 1;
    private static final int DATA_FRAGMENT = 2;

    private final UpperLayerListener listener;
    private final CommandAssembler commands;
    private final FramingErrors framingErrors;
    private final byte[] pdvHeader = new byte[PduType.PDV_HEADER_LENGTH];
    private int pdvHeaderFill;
    private long pduRemaining;
    private long fragmentRemaining;
    private int state;
    private int contextId;
    private boolean lastFragment;
    private long pdvStart;

    PDataDecoder(UpperLayerListener listener, CommandAssembler commands, FramingErrors framingErrors) {
        this.listener = listener;
        this.commands = commands;
        this.framingErrors = framingErrors;
    }

    /** Starts a PDU body of {@code pduLength} bytes, at least one PDV header long. */
    void start(long pduLength) {
        pduRemaining = pduLength;
        state = PDV_HEADER;
        pdvHeaderFill = 0;
    }

    boolean finished() {
        return pduRemaining == 0 && state == PDV_HEADER;
    }

    /**
     * Consumes bytes of the PDU body from {@code data[position, end)}, whose first byte is at
     * {@code streamOffset}, and returns how many it consumed. Stops at the end of the PDU.
     */
    int step(byte[] data, int position, int end, long streamOffset) {
        if (state == PDV_HEADER) {
            return readPdvHeader(data, position, end, streamOffset);
        }
        int count = (int) Math.min(end - position, fragmentRemaining);
        fragmentRemaining -= count;
        pduRemaining -= count;
        if (state == COMMAND_FRAGMENT) {
            commands.append(data, position, count);
        } else {
            listener.onDataSetFragment(contextId, data, position, count, lastFragment && fragmentRemaining == 0);
        }
        if (fragmentRemaining == 0) {
            finishPdv();
        }
        return count;
    }

    /**
     * Skips {@code lostBytes} lost in a capture gap when they fall inside the current fragment, so
     * that the decoder stays aligned. Returns false when they do not, and the caller must rescan.
     */
    boolean skipLostBytes(long lostBytes) {
        if (state == PDV_HEADER || lostBytes > fragmentRemaining) {
            return false;
        }
        if (state == COMMAND_FRAGMENT) {
            commands.discard();
        }
        fragmentRemaining -= lostBytes;
        pduRemaining -= lostBytes;
        if (fragmentRemaining == 0) {
            if (state == DATA_FRAGMENT && lastFragment) {
                listener.onDataSetFragment(contextId, EMPTY, 0, 0, true);
            }
            finishPdv();
        }
        return true;
    }

    private int readPdvHeader(byte[] data, int position, int end, long streamOffset) {
        if (pdvHeaderFill == 0) {
            if (pduRemaining < PduType.PDV_HEADER_LENGTH) {
                framingErrors.framingError(UpperLayerAnomaly.INVALID_PDV_LENGTH, streamOffset, EMPTY, 0, 0);
                return 0;
            }
            pdvStart = streamOffset;
        }
        int count = Math.min(end - position, PduType.PDV_HEADER_LENGTH - pdvHeaderFill);
        System.arraycopy(data, position, pdvHeader, pdvHeaderFill, count);
        pdvHeaderFill += count;
        if (pdvHeaderFill == PduType.PDV_HEADER_LENGTH) {
            beginFragment();
        }
        return count;
    }

    private void beginFragment() {
        long itemLength = (long) (pdvHeader[0] & 0xFF) << 24 | (pdvHeader[1] & 0xFF) << 16
                | (pdvHeader[2] & 0xFF) << 8 | (pdvHeader[3] & 0xFF);
        if (itemLength < PduType.PDV_PREFIX_LENGTH || itemLength > pduRemaining - 4) {
            framingErrors.framingError(UpperLayerAnomaly.INVALID_PDV_LENGTH, pdvStart, pdvHeader, 1,
                    PduType.PDV_HEADER_LENGTH - 1);
            return;
        }
        contextId = pdvHeader[4] & 0xFF;
        int controlHeader = pdvHeader[5] & 0xFF;
        lastFragment = (controlHeader & PduType.MCH_LAST_FRAGMENT) != 0;
        pduRemaining -= PduType.PDV_HEADER_LENGTH;
        fragmentRemaining = itemLength - PduType.PDV_PREFIX_LENGTH;
        if ((controlHeader & PduType.MCH_COMMAND) != 0) {
            state = COMMAND_FRAGMENT;
            commands.beginFragment(contextId, pdvStart);
        } else {
            state = DATA_FRAGMENT;
        }
        if (fragmentRemaining == 0) {
            if (state == DATA_FRAGMENT && lastFragment) {
                listener.onDataSetFragment(contextId, EMPTY, 0, 0, true);
            }
            finishPdv();
        }
    }

    private void finishPdv() {
        if (state == COMMAND_FRAGMENT && lastFragment) {
            commands.complete();
        }
        state = PDV_HEADER;
        pdvHeaderFill = 0;
    }
}
