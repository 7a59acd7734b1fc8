package io.dicomwatch.dicom;

/**
 * Decides whether a PDU header plausibly starts at a given position of a {@link StreamWindow}.
 * Used after a gap, an unaligned start or a framing error. The verdict depends only on the
 * {@link #LOOKAHEAD} bytes from the candidate on, and when some of them have not arrived yet it
 * is {@link #NEED_MORE}, so the same stream gives the same verdicts however it is split.
 *
 * <p>Checks per PDU type (offsets from the PDU start, PS3.8 section 9.3):
 * <ul>
 *   <li>P-DATA-TF: 04 00, length in [6, maxScanPduLength]; first PDV item length in [2, length - 4],
 *       odd presentation context ID, message control header at most 3; when the first PDV leaves
 *       room in the PDU, that room is at least 6 bytes, and if the second PDV header lies within
 *       the lookahead it passes the same checks within the room left.</li>
 *   <li>A-ASSOCIATE-RQ/AC: 01/02 00, length in [72, maxAssociatePduLength], protocol version with
 *       bit 0 set, reserved bytes 8-9 zero, and at offset 74 an application context item: type
 *       0x10, reserved 0, length in [1, length - 72].</li>
 *   <li>A-ASSOCIATE-RJ: 03 00, length 4, reserved 0, result 1-2, source 1-3, reason 1-7.</li>
 *   <li>A-RELEASE-RQ/RP: 05/06 00, length 4, four zero bytes.</li>
 *   <li>A-ABORT: 07 00, length 4, two zero bytes, source 0 or 2, reason 0-6.</li>
 * </ul>
 * PS3.8 lets a receiver ignore reserved fields. The scanner still requires them to be zero,
 * because stacks send zeros and each such byte cuts false matches in data by a factor of 256.
 *
 * <p>On uniformly random bytes a position passes the P-DATA-TF checks with a probability of
 * about 2^-40 and the others far less. Data sets are not random: 16-bit pixel data with small
 * values can look like a P-DATA-TF header, so a match is plausible, never proven.
 */
final class Resynchroniser {
    static final int REJECT = 0;
    static final int ACCEPT = 1;
    static final int NEED_MORE = 2;

    /** Bytes from a candidate that a verdict may depend on. */
    static final int LOOKAHEAD = 128;

    private static final int MIN_P_DATA_LENGTH = PduType.PDV_HEADER_LENGTH;
    private static final int APPLICATION_CONTEXT_OFFSET = PduType.HEADER_LENGTH + PduType.ASSOCIATE_FIXED_LENGTH;
    private static final int MIN_ASSOCIATE_LENGTH = PduType.ASSOCIATE_FIXED_LENGTH + ItemType.HEADER_LENGTH;
    private static final int MAX_CONTROL_HEADER = PduType.MCH_COMMAND | PduType.MCH_LAST_FRAGMENT;
    private static final int MAX_ABORT_REASON = 6;
    private static final int MAX_REJECT_REASON = 7;

    private final long maxPDataLength;
    private final long maxAssociateLength;

    Resynchroniser(UpperLayerLimits limits) {
        this.maxPDataLength = limits.maxScanPduLength();
        this.maxAssociateLength = limits.maxAssociatePduLength();
    }

    /** Returns {@link #ACCEPT}, {@link #REJECT} or {@link #NEED_MORE} for a PDU starting at {@code start}. */
    int evaluate(StreamWindow window, int start) {
        int available = window.length() - start;
        if (available < 2) {
            return available == 1 && !isKnownType(window.byteAt(start)) ? REJECT : NEED_MORE;
        }
        int type = window.byteAt(start);
        if (!isKnownType(type) || window.byteAt(start + 1) != 0) {
            return REJECT;
        }
        if (available < PduType.HEADER_LENGTH) {
            return NEED_MORE;
        }
        long length = window.u32(start + 2);
        return switch (type) {
            case PduType.P_DATA_TF -> evaluatePData(window, start, length);
            case PduType.ASSOCIATE_RQ, PduType.ASSOCIATE_AC -> evaluateAssociate(window, start, length);
            default -> evaluateFixed(window, start, type, length);
        };
    }

    private static boolean isKnownType(int type) {
        return type >= PduType.ASSOCIATE_RQ && type <= PduType.ABORT;
    }

    private int evaluatePData(StreamWindow window, int start, long length) {
        if (length < MIN_P_DATA_LENGTH || length > maxPDataLength) {
            return REJECT;
        }
        int first = start + PduType.HEADER_LENGTH;
        int verdict = evaluatePdv(window, first, length);
        if (verdict != ACCEPT) {
            return verdict;
        }
        long firstItemLength = 4 + window.u32(first);
        long room = length - firstItemLength;
        if (room == 0) {
            return ACCEPT;
        }
        if (room < PduType.PDV_HEADER_LENGTH) {
            return REJECT;
        }
        long secondOffset = PduType.HEADER_LENGTH + firstItemLength;
        if (secondOffset + PduType.PDV_HEADER_LENGTH > LOOKAHEAD) {
            return ACCEPT;
        }
        return evaluatePdv(window, start + (int) secondOffset, room);
    }

    /** Checks a PDV header at {@code at} that must fit in {@code room} bytes of its PDU. */
    private static int evaluatePdv(StreamWindow window, int at, long room) {
        if (window.length() - at < PduType.PDV_HEADER_LENGTH) {
            return NEED_MORE;
        }
        long itemLength = window.u32(at);
        int contextId = window.byteAt(at + 4);
        int controlHeader = window.byteAt(at + 5);
        boolean plausible = itemLength >= PduType.PDV_PREFIX_LENGTH && itemLength <= room - 4
                && (contextId & 1) == 1 && controlHeader <= MAX_CONTROL_HEADER;
        return plausible ? ACCEPT : REJECT;
    }

    private int evaluateAssociate(StreamWindow window, int start, long length) {
        if (length < MIN_ASSOCIATE_LENGTH || length > maxAssociateLength) {
            return REJECT;
        }
        if (window.length() - start < PduType.HEADER_LENGTH + 4) {
            return NEED_MORE;
        }
        int protocolVersion = window.u16(start + 6);
        if ((protocolVersion & 1) == 0 || window.u16(start + 8) != 0) {
            return REJECT;
        }
        int item = start + APPLICATION_CONTEXT_OFFSET;
        if (window.length() - item < ItemType.HEADER_LENGTH) {
            return NEED_MORE;
        }
        int itemLength = window.u16(item + 2);
        boolean plausible = window.byteAt(item) == ItemType.APPLICATION_CONTEXT && window.byteAt(item + 1) == 0
                && itemLength >= 1 && itemLength <= length - MIN_ASSOCIATE_LENGTH;
        return plausible ? ACCEPT : REJECT;
    }

    private static int evaluateFixed(StreamWindow window, int start, int type, long length) {
        if (length != PduType.FIXED_BODY_LENGTH) {
            return REJECT;
        }
        if (window.length() - start < PduType.HEADER_LENGTH + PduType.FIXED_BODY_LENGTH) {
            return NEED_MORE;
        }
        int b0 = window.byteAt(start + 6);
        int b1 = window.byteAt(start + 7);
        int b2 = window.byteAt(start + 8);
        int b3 = window.byteAt(start + 9);
        boolean plausible = switch (type) {
            case PduType.ASSOCIATE_RJ -> b0 == 0 && b1 >= 1 && b1 <= 2 && b2 >= 1 && b2 <= 3
                    && b3 >= 1 && b3 <= MAX_REJECT_REASON;
            case PduType.ABORT -> b0 == 0 && b1 == 0 && (b2 == 0 || b2 == 2) && b3 <= MAX_ABORT_REASON;
            default -> (b0 | b1 | b2 | b3) == 0;
        };
        return plausible ? ACCEPT : REJECT;
    }
}
