package io.dicomwatch.dicom;

import java.util.Objects;

/**
 * Streaming decoder of the DICOM Upper Layer protocol (PS3.8 section 9) for one direction of one
 * connection. Bytes may arrive in chunks split anywhere, including inside a PDU, item or PDV
 * header; the listener receives the same events however the stream is split, except that data
 * set bytes are delivered in as many {@link UpperLayerListener#onDataSetFragment} calls as the
 * chunks require.
 *
 * <p>Memory is bounded by the limits, not by length fields: an A-ASSOCIATE-RQ or -AC is buffered
 * up to {@link UpperLayerLimits#maxAssociatePduLength()} and skipped unbuffered beyond it, a
 * command set up to {@link UpperLayerLimits#maxCommandSetLength()}, and data sets are never
 * buffered. Every buffer grows with the bytes that actually arrive.
 *
 * <p>On a framing error (unknown PDU type, a length that its type does not allow, a PDV item
 * overrunning its PDU), after a capture gap and at an unaligned start, the decoder scans for the
 * next plausible PDU header with a {@link Resynchroniser} and reports it with
 * {@link UpperLayerListener#onResynchronised}. After a framing error the scan starts at the byte
 * after the start of the rejected header, so a PDU beginning inside it is still found.
 *
 * <p>Stream offsets count the bytes passed to {@link #feed}, not the bytes lost in gaps. The
 * decoder is pure: no I/O, no logging, no clock, and not thread-safe.
 */
public final class UpperLayerDecoder {
    private static final int PUSHBACK_CAPACITY = 4 * Resynchroniser.LOOKAHEAD;

    private enum State { SCANNING, HEADER, ASSOCIATE_BODY, FIXED_BODY, SKIP, P_DATA }

    private final UpperLayerListener listener;
    private final UpperLayerLimits limits;
    private final Resynchroniser resynchroniser;
    private final StreamWindow window = new StreamWindow();
    private final PushbackBuffer pushback = new PushbackBuffer(PUSHBACK_CAPACITY);
    private final CommandAssembler commands;
    private final PDataDecoder pData;
    private final BoundedBuffer associateBody;
    private final AssociateItemTail associateTail;
    /** Whether the A-ASSOCIATE PDU being read is longer than the buffer limit, so only its start is decoded. */
    private boolean associateCut;
    private long associateLength;
    private final byte[] header = new byte[PduType.HEADER_LENGTH];
    private final byte[] fixedBody = new byte[PduType.FIXED_BODY_LENGTH];

    private State state;
    private int headerFill;
    private int fixedFill;
    private int pduType;
    private long pduStart;
    private long bodyRemaining;
    private long scanStart;
    private long fedBytes;

    private byte[] input;
    private int inputPosition;
    private int inputEnd;

    private byte[] seed;
    private int seedOffset;
    private int seedLength;

    /**
     * Creates a decoder. With {@code aligned} false the stream may start inside a PDU, so the
     * decoder scans for a PDU header first.
     */
    public UpperLayerDecoder(UpperLayerListener listener, UpperLayerLimits limits, boolean aligned) {
        this(listener, limits, aligned, BufferBudget.unlimited());
    }

    /** Creates a decoder whose PDU buffers draw on {@code budget}, which other decoders share. */
    UpperLayerDecoder(UpperLayerListener listener, UpperLayerLimits limits, boolean aligned, BufferBudget budget) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.resynchroniser = new Resynchroniser(limits);
        this.commands = new CommandAssembler(listener, limits.maxCommandSetLength(), budget);
        this.pData = new PDataDecoder(listener, commands, this::framingError);
        this.associateBody = new BoundedBuffer(limits.maxAssociatePduLength(), budget);
        this.associateTail = new AssociateItemTail(budget);
        this.state = aligned ? State.HEADER : State.SCANNING;
    }

    /**
     * Returns the bytes of the PDU buffers to the budget, when the connection closes or is
     * ignored. The decoder must not be fed afterwards.
     */
    void releaseBuffers() {
        associateBody.clear();
        associateTail.reset();
        commands.reset();
    }

    /** Decodes the next bytes of the stream. The array is not kept after the call. */
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        fedBytes += length;
        input = data;
        inputPosition = offset;
        inputEnd = offset + length;
        try {
            run();
        } finally {
            input = null;
        }
    }

    /**
     * Reports that bytes of the stream were lost. When {@code lostBytes} is known and falls inside
     * a data set fragment or a PDU being skipped, the decoder stays aligned and skips them (the
     * listener then receives the data set with a hole, which the caller knows of, because it
     * reported the gap). Otherwise the PDU in progress is abandoned and the decoder scans.
     *
     * @param lostBytes size of the hole, or -1 when unknown
     */
    public void onGap(long lostBytes) {
        if (state != State.SCANNING && lostBytes >= 0 && skipLostBytes(lostBytes)) {
            return;
        }
        pushback.clear();
        seedLength = 0;
        enterScanning(streamOffset());
    }

    /**
     * Decodes the start of an A-ASSOCIATE-RQ still being read, as a cut PDU, when the rest will
     * not come. Either the peer has replied to it, so the capture lost part of it and the reply
     * must not wait until the loss shows, or the connection closed first. The rest of the
     * request's body is skipped. Does nothing unless the decoder is inside an A-ASSOCIATE-RQ body
     * whose fixed part has arrived.
     */
    public void decodeUnfinishedRequest() {
        if (state != State.ASSOCIATE_BODY || pduType != PduType.ASSOCIATE_RQ
                || associateBody.size() < PduType.ASSOCIATE_FIXED_LENGTH) {
            return;
        }
        decodeReceivedStart();
        state = State.SKIP;
    }

    /** Returns whether the decoder is inside the body of an A-ASSOCIATE-RQ whose end has not arrived. */
    public boolean isReadingAssociateRequest() {
        return state == State.ASSOCIATE_BODY && pduType == PduType.ASSOCIATE_RQ;
    }

    /** Returns whether the decoder is at a known position in the PDU framing, that is, not scanning. */
    public boolean isSynchronised() {
        return state != State.SCANNING;
    }

    /** Returns the stream offset of the next byte to decode: bytes fed so far minus those held back. */
    public long streamOffset() {
        return fedBytes - pushback.length() - (inputEnd - inputPosition);
    }

    private void run() {
        while (true) {
            if (state == State.SCANNING) {
                if (!scan()) {
                    return;
                }
            } else if (pushback.length() > 0) {
                int start = pushback.start();
                long offset = streamOffset();
                pushback.consume(step(pushback.array(), start, start + pushback.length(), offset));
            } else if (inputPosition < inputEnd) {
                long offset = streamOffset();
                inputPosition += step(input, inputPosition, inputEnd, offset);
            } else {
                return;
            }
            pushBackSeed();
        }
    }

    /** Consumes bytes from {@code data[position, end)}, whose first byte is at {@code offset}. */
    private int step(byte[] data, int position, int end, long offset) {
        int available = end - position;
        switch (state) {
            case HEADER:
                return readHeader(data, position, available, offset);
            case ASSOCIATE_BODY:
                return readAssociateBody(data, position, available);
            case FIXED_BODY:
                return readFixedBody(data, position, available);
            case SKIP:
                int skipped = (int) Math.min(available, bodyRemaining);
                bodyRemaining -= skipped;
                if (bodyRemaining == 0) {
                    state = State.HEADER;
                }
                return skipped;
            case P_DATA:
                int consumed = pData.step(data, position, end, offset);
                if (state == State.P_DATA && pData.finished()) {
                    state = State.HEADER;
                }
                return consumed;
            default:
                throw new IllegalStateException("step while " + state);
        }
    }

    private int readHeader(byte[] data, int position, int available, long offset) {
        if (headerFill == 0) {
            pduStart = offset;
        }
        int count = Math.min(available, PduType.HEADER_LENGTH - headerFill);
        System.arraycopy(data, position, header, headerFill, count);
        headerFill += count;
        if (headerFill == PduType.HEADER_LENGTH) {
            headerFill = 0;
            beginPdu();
        }
        return count;
    }

    private void beginPdu() {
        pduType = header[0] & 0xFF;
        long length = (long) (header[2] & 0xFF) << 24 | (header[3] & 0xFF) << 16 | (header[4] & 0xFF) << 8
                | (header[5] & 0xFF);
        switch (pduType) {
            case PduType.ASSOCIATE_RQ, PduType.ASSOCIATE_AC -> beginAssociate(length);
            case PduType.P_DATA_TF -> beginPData(length);
            case PduType.ASSOCIATE_RJ, PduType.RELEASE_RQ, PduType.RELEASE_RP, PduType.ABORT -> beginFixed(length);
            default -> rejectHeader(UpperLayerAnomaly.UNKNOWN_PDU_TYPE);
        }
    }

    /**
     * Starts an A-ASSOCIATE PDU. One over the buffer limit is reported, then its first
     * {@link UpperLayerLimits#maxAssociatePduLength()} bytes are decoded and the rest skipped
     * unbuffered, so that padding a request cannot hide the AE titles of its fixed part. A length
     * beyond any PDU the scanner would accept is more likely a misread header than a real PDU, and
     * skipping up to 4 GiB on its word would blind the decoder, so the decoder scans instead.
     */
    private void beginAssociate(long length) {
        if (length < PduType.ASSOCIATE_FIXED_LENGTH) {
            rejectHeader(UpperLayerAnomaly.INVALID_PDU_LENGTH);
        } else if (length > limits.maxScanPduLength()) {
            rejectHeader(UpperLayerAnomaly.ASSOCIATE_PDU_TOO_LARGE);
        } else {
            associateCut = length > limits.maxAssociatePduLength();
            if (associateCut) {
                listener.onAnomaly(UpperLayerAnomaly.ASSOCIATE_PDU_TOO_LARGE, pduStart);
            }
            associateBody.clear();
            associateTail.reset();
            associateLength = length;
            bodyRemaining = length;
            state = State.ASSOCIATE_BODY;
        }
    }

    private void beginPData(long length) {
        if (length < PduType.PDV_HEADER_LENGTH) {
            rejectHeader(UpperLayerAnomaly.INVALID_PDU_LENGTH);
            return;
        }
        listener.onPDataTf(length);
        pData.start(length);
        state = State.P_DATA;
    }

    private void beginFixed(long length) {
        if (length != PduType.FIXED_BODY_LENGTH) {
            rejectHeader(UpperLayerAnomaly.INVALID_PDU_LENGTH);
            return;
        }
        fixedFill = 0;
        state = State.FIXED_BODY;
    }

    private int readAssociateBody(byte[] data, int position, int available) {
        if (associateBody.size() == 0 && available >= bodyRemaining
                && bodyRemaining <= limits.maxAssociatePduLength()) {
            // The whole body is in this input, as is usual: decode it where it lies, without a copy.
            int length = (int) bodyRemaining;
            bodyRemaining = 0;
            state = State.HEADER;
            decodeAssociate(data, position, length, false);
            return length;
        }
        int count = (int) Math.min(available, bodyRemaining);
        long bodyOffset = associateLength - bodyRemaining;
        int room = limits.maxAssociatePduLength() - associateBody.size();
        int buffered = Math.min(count, Math.max(room, 0));
        if (buffered > 0 && !associateBody.append(data, position, buffered)) {
            // The shared budget is spent, as under a flood of unfinished requests: decode what
            // arrived as a cut PDU and skip the rest unbuffered. The body's first bytes are kept
            // whatever the budget, so that the flood cannot hide a later request's AE titles.
            associateBody.appendWithinFloor(data, position, buffered);
            bodyRemaining -= count;
            decodeReceivedStart();
            state = bodyRemaining == 0 ? State.HEADER : State.SKIP;
            return count;
        }
        if (associateCut && buffered > 0 && associateBody.size() == limits.maxAssociatePduLength()) {
            associateTail.start(associateBody.array(), associateBody.size());
        }
        if (buffered < count) {
            associateTail.feed(data, position + buffered, count - buffered, bodyOffset + buffered);
        }
        bodyRemaining -= count;
        if (bodyRemaining == 0) {
            state = State.HEADER;
            if (associateCut && associateTail.hasUserInformation()) {
                byte[] joined = associateTail.joinedBody(associateBody.array());
                associateTail.reset();
                decodeAssociate(joined, 0, joined.length, true);
            } else {
                associateTail.reset();
                decodeAssociate(associateBody.array(), 0, associateBody.size(), associateCut);
            }
        }
        return count;
    }

    /**
     * Decodes an A-ASSOCIATE-RQ or -AC body, or only its start when {@code cut}: then items that
     * run past the end are an effect of the cut, not an anomaly of the peer. The parsed PDU keeps
     * no reference to {@code body}.
     */
    private void decodeAssociate(byte[] body, int offset, int length, boolean cut) {
        commands.reset();
        int malformedItems;
        if (pduType == PduType.ASSOCIATE_RQ) {
            AssociateRqPdu pdu = AssociatePduParser.parseRq(body, offset, length, limits);
            listener.onAssociateRq(pdu);
            malformedItems = pdu.malformedItems();
        } else {
            AssociateAcPdu pdu = AssociatePduParser.parseAc(body, offset, length, limits);
            listener.onAssociateAc(pdu);
            malformedItems = pdu.malformedItems();
        }
        associateBody.clear();
        if (malformedItems > 0 && !cut) {
            listener.onAnomaly(UpperLayerAnomaly.ITEM_OVERRUN, pduStart);
        }
    }

    private int readFixedBody(byte[] data, int position, int available) {
        int count = Math.min(available, PduType.FIXED_BODY_LENGTH - fixedFill);
        System.arraycopy(data, position, fixedBody, fixedFill, count);
        fixedFill += count;
        if (fixedFill == PduType.FIXED_BODY_LENGTH) {
            state = State.HEADER;
            decodeFixed();
        }
        return count;
    }

    /** Reports a fixed-size PDU. Its field values are passed on unchecked, as PS3.8 leaves them to the reader. */
    private void decodeFixed() {
        int second = fixedBody[1] & 0xFF;
        int third = fixedBody[2] & 0xFF;
        int fourth = fixedBody[3] & 0xFF;
        switch (pduType) {
            case PduType.ASSOCIATE_RJ -> listener.onAssociateRj(new AssociateRjPdu(second, third, fourth));
            case PduType.RELEASE_RQ -> listener.onReleaseRq();
            case PduType.RELEASE_RP -> listener.onReleaseRp();
            default -> {
                commands.reset();
                listener.onAbort(new AbortPdu(third, fourth));
            }
        }
    }

    private void rejectHeader(UpperLayerAnomaly anomaly) {
        framingError(anomaly, pduStart, header, 1, PduType.HEADER_LENGTH - 1);
    }

    /** Reports the anomaly and scans from the seed bytes on, which are put back into the stream. */
    private void framingError(UpperLayerAnomaly anomaly, long offset, byte[] seedBytes, int from, int length) {
        listener.onAnomaly(anomaly, offset);
        seed = seedBytes;
        seedOffset = from;
        seedLength = length;
        enterScanning(offset);
    }

    private void pushBackSeed() {
        if (seedLength > 0) {
            pushback.prepend(seed, seedOffset, seedLength);
            seedLength = 0;
        }
    }

    private void enterScanning(long offset) {
        state = State.SCANNING;
        scanStart = offset;
        headerFill = 0;
        commands.reset();
        associateBody.clear();
    }

    private boolean skipLostBytes(long lostBytes) {
        switch (state) {
            case P_DATA:
                if (!pData.skipLostBytes(lostBytes)) {
                    return false;
                }
                if (pData.finished()) {
                    state = State.HEADER;
                }
                return true;
            case ASSOCIATE_BODY:
            case SKIP:
                if (state == State.ASSOCIATE_BODY) {
                    decodeReceivedStart();
                }
                if (lostBytes > bodyRemaining) {
                    return false;
                }
                associateBody.clear();
                bodyRemaining -= lostBytes;
                state = bodyRemaining == 0 ? State.HEADER : State.SKIP;
                return true;
            default:
                return false;
        }
    }

    /**
     * Decodes the part of an A-ASSOCIATE body that arrived before a loss, when it contains the fixed
     * part with both AE titles, so that a lost segment later in the PDU does not lose them too.
     */
    private void decodeReceivedStart() {
        associateTail.reset();
        if (associateBody.size() >= PduType.ASSOCIATE_FIXED_LENGTH) {
            listener.onAssociateCut();
            decodeAssociate(associateBody.array(), 0, associateBody.size(), true);
        }
        associateBody.clear();
    }

    /**
     * Looks for a plausible PDU start in the unconsumed bytes. Returns true when one was found
     * and the decoder is aligned on it, false when every byte was used or the rest was held back
     * for lookahead.
     */
    private boolean scan() {
        window.set(pushback.array(), pushback.start(), pushback.length(), input, inputPosition,
                inputEnd - inputPosition);
        int length = window.length();
        for (int i = 0; i < length; i++) {
            int verdict = resynchroniser.evaluate(window, i);
            if (verdict == Resynchroniser.REJECT) {
                continue;
            }
            consume(i);
            if (verdict == Resynchroniser.NEED_MORE) {
                holdBackInput();
                return false;
            }
            long offset = streamOffset();
            state = State.HEADER;
            listener.onResynchronised(offset - scanStart, offset);
            return true;
        }
        consume(length);
        return false;
    }

    private void consume(int count) {
        int fromPushback = Math.min(count, pushback.length());
        pushback.consume(fromPushback);
        inputPosition += count - fromPushback;
    }

    private void holdBackInput() {
        if (inputPosition < inputEnd) {
            pushback.append(input, inputPosition, inputEnd - inputPosition);
            inputPosition = inputEnd;
        }
    }
}
