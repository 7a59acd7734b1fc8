package io.dicomwatch.dicom;

/**
 * Joins the command PDV fragments of one message (PS3.8 Annex E) and parses the set when the
 * fragment with the last-fragment bit ends. At most {@link UpperLayerLimits#maxCommandSetLength()}
 * bytes are kept. A longer set is reported once as too large, and its remaining fragments are
 * dropped up to the last one. So is a set that the shared {@link BufferBudget} cannot hold, without
 * the report.
 */
final class CommandAssembler {
    private final UpperLayerListener listener;
    private final BoundedBuffer buffer;
    private boolean active;
    private boolean discarding;
    private int contextId;
    private long startOffset;

    CommandAssembler(UpperLayerListener listener, int maxCommandSetLength, BufferBudget budget) {
        this.listener = listener;
        this.buffer = new BoundedBuffer(maxCommandSetLength, budget);
    }

    /**
     * Starts a command fragment. A fragment for another presentation context while a set is open
     * means the open set can never complete: it is reported as malformed and a new set begins.
     */
    void beginFragment(int presentationContextId, long offset) {
        if (active && presentationContextId != contextId) {
            if (!discarding) {
                listener.onAnomaly(UpperLayerAnomaly.MALFORMED_COMMAND_SET, startOffset);
            }
            reset();
        }
        if (!active) {
            active = true;
            contextId = presentationContextId;
            startOffset = offset;
        }
    }

    void append(byte[] data, int offset, int length) {
        if (discarding) {
            return;
        }
        if (!buffer.append(data, offset, length)) {
            // Past the budget the set is dropped unreported: the peer did nothing wrong, and the
            // budget counts the rejection.
            if (!buffer.fits(length)) {
                listener.onAnomaly(UpperLayerAnomaly.COMMAND_SET_TOO_LARGE, startOffset);
            }
            discarding = true;
            buffer.clear();
        }
    }

    /** Drops the open set without a report, because bytes of it were lost in a capture gap. */
    void discard() {
        if (active) {
            discarding = true;
            buffer.clear();
        }
    }

    /** Ends the set after its last fragment: parses it and reports the command or an anomaly. */
    void complete() {
        if (!discarding) {
            DimseCommand command = CommandSetParser.parse(buffer.array(), 0, buffer.size());
            if (command != null) {
                listener.onCommand(contextId, command);
            } else {
                listener.onAnomaly(UpperLayerAnomaly.MALFORMED_COMMAND_SET, startOffset);
            }
        }
        reset();
    }

    void reset() {
        active = false;
        discarding = false;
        buffer.clear();
    }
}
