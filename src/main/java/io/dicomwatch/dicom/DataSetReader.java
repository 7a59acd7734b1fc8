package io.dicomwatch.dicom;

import java.util.Arrays;

/**
 * Streaming reader of the start of one data set (PS3.5 section 7), fed in fragments as they come
 * off the wire. Pure: no I/O, no logging, no allocation after construction.
 *
 * <p>It hands the values of the top-level elements that {@link TagPolicy} allows to the
 * {@link Sink} and stops at the first top-level tag past {@link TagPolicy#LAST_TAG}. Every other
 * value is skipped by its length without being copied: only element headers (at most 12 bytes)
 * and allowed values (at most {@code maxValueLength} bytes) pass through its reused buffers.
 *
 * <p>Undefined-length sequences and items (PS3.5 section 7.5) are walked to their delimiters, to
 * any depth up to {@link #MAX_DEPTH}; defined-length ones are skipped whole. An undefined-length
 * UN value is walked as implicit VR little endian (PS3.5 section 6.2.2). Reading stops, and the
 * values found so far stay valid, when the prefix budget is spent or when a header breaks PS3.5:
 * an unknown explicit VR, an undefined length on a VR that cannot have one, a delimiter out of
 * place or nesting deeper than {@link #MAX_DEPTH}. Odd value lengths are accepted as sent.
 */
public final class DataSetReader {
    /** The reason the reader stopped, or {@link #READING} while it still takes bytes. */
    public enum Outcome {
        READING,
        /** A top-level tag past the last allowed one was reached. */
        COMPLETE,
        /** The data set ended ({@link #finish()}) at an element boundary. */
        ENDED,
        /** The data set ended in the middle of an element. */
        TRUNCATED,
        /** The prefix budget was spent first. */
        PREFIX_LIMIT,
        /** A header broke PS3.5, or the encoding could not be inferred. */
        MALFORMED
    }

    /** Receives what the reader finds; array arguments are reused after the call returns. */
    public interface Sink {
        /** A top-level element that {@link TagPolicy} allows, with its value bytes. */
        void onValue(int tag, byte[] value, int offset, int length);
    }

    /** Deepest nesting of undefined-length sequences and items that is walked. */
    public static final int MAX_DEPTH = 16;

    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int SHORT_HEADER = 8;
    private static final int LONG_HEADER = 12;

    private static final int HEADER = 0;
    private static final int CAPTURE = 1;
    private static final int SKIP = 2;

    private final Sink sink;
    private final byte[] header = new byte[LONG_HEADER];
    private final byte[] value;
    /** Per open container: true for a sequence (expects items), false for an item (expects elements). */
    private final boolean[] containerIsSequence = new boolean[MAX_DEPTH];
    /** Per open container: whether its content is implicit VR little endian (an undefined-length UN). */
    private final boolean[] containerImplicit = new boolean[MAX_DEPTH];

    private DataSetEncoding encoding;
    private long prefixLimit;
    private long consumed;
    private int depth;
    private int state;
    private int headerFill;
    private int headerNeed;
    private int tag;
    private long remaining;
    private int valueLength;
    private int valueFill;
    private Outcome outcome = Outcome.READING;

    /**
     * @param maxValueLength longest allowed value that is captured; a longer one is skipped
     */
    public DataSetReader(Sink sink, int maxValueLength) {
        if (maxValueLength < 1) {
            throw new IllegalArgumentException("maxValueLength must be >= 1, got " + maxValueLength);
        }
        this.sink = sink;
        this.value = new byte[maxValueLength];
    }

    /**
     * Starts a new data set.
     *
     * @param encoding the negotiated encoding; never {@link DataSetEncoding#DEFLATED_EXPLICIT_LITTLE},
     *     whose bytes the caller inflates and feeds as explicit VR little endian
     * @param prefixLimit bytes read at most before the reader stops with {@link Outcome#PREFIX_LIMIT}
     */
    public void start(DataSetEncoding encoding, long prefixLimit) {
        if (encoding == DataSetEncoding.DEFLATED_EXPLICIT_LITTLE) {
            throw new IllegalArgumentException("inflate deflated data sets before reading them");
        }
        this.encoding = encoding;
        this.prefixLimit = prefixLimit;
        consumed = 0;
        depth = 0;
        beginHeader();
        outcome = Outcome.READING;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Returns whether the reader wants more bytes. */
    public boolean reading() {
        return outcome == Outcome.READING;
    }

    /** Returns the encoding in use, inferred when started with {@link DataSetEncoding#UNKNOWN}. */
    public DataSetEncoding encoding() {
        return encoding;
    }

    /** Bytes consumed so far. */
    public long consumed() {
        return consumed;
    }

    /** Reads {@code data[offset, offset + length)}; bytes after the reader stops are ignored. */
    public void feed(byte[] data, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position < end && outcome == Outcome.READING) {
            long budget = prefixLimit - consumed;
            if (budget <= 0) {
                outcome = Outcome.PREFIX_LIMIT;
                return;
            }
            int count = (int) Math.min(end - position, budget);
            int used = step(data, position, count);
            position += used;
            consumed += used;
        }
        if (outcome == Outcome.READING && consumed >= prefixLimit) {
            outcome = Outcome.PREFIX_LIMIT;
        }
    }

    /** Marks the end of the data set. */
    public void finish() {
        if (outcome != Outcome.READING) {
            return;
        }
        boolean atBoundary = state == HEADER && headerFill == 0 && depth == 0;
        outcome = atBoundary ? Outcome.ENDED : Outcome.TRUNCATED;
    }

    /** Stops the reader as {@link Outcome#MALFORMED}, for a caller that cannot decode the bytes (bad deflate). */
    public void abort() {
        if (outcome == Outcome.READING) {
            outcome = Outcome.MALFORMED;
        }
    }

    private int step(byte[] data, int position, int count) {
        return switch (state) {
            case HEADER -> readHeader(data, position, count);
            case CAPTURE -> capture(data, position, count);
            default -> skip(count);
        };
    }

    private void beginHeader() {
        state = HEADER;
        headerFill = 0;
        headerNeed = SHORT_HEADER;
    }

    private int readHeader(byte[] data, int position, int count) {
        int used = Math.min(count, headerNeed - headerFill);
        System.arraycopy(data, position, header, headerFill, used);
        headerFill += used;
        if (headerFill < headerNeed) {
            return used;
        }
        if (encoding == DataSetEncoding.UNKNOWN && !inferEncoding()) {
            outcome = Outcome.MALFORMED;
            return used;
        }
        if (headerNeed == SHORT_HEADER && needsLongHeader()) {
            headerNeed = LONG_HEADER;
            return used;
        }
        onHeader();
        return used;
    }

    private boolean implicitHere() {
        return encoding == DataSetEncoding.IMPLICIT_LITTLE || depth > 0 && containerImplicit[depth - 1];
    }

    private boolean bigEndianHere() {
        return encoding == DataSetEncoding.EXPLICIT_BIG && !implicitHere();
    }

    private int readTag() {
        return uint16(0) << 16 | uint16(2);
    }

    private int uint16(int at) {
        int first = header[at] & 0xFF;
        int second = header[at + 1] & 0xFF;
        return bigEndianHere() ? first << 8 | second : second << 8 | first;
    }

    private long uint32(int at) {
        long high = uint16(bigEndianHere() ? at : at + 2);
        long low = uint16(bigEndianHere() ? at + 2 : at);
        return high << 16 | low;
    }

    private boolean needsLongHeader() {
        int currentTag = readTag();
        if (currentTag >>> 16 == 0xFFFE || implicitHere()) {
            return false;
        }
        return Vr.hasLongLength(header[4], header[5]);
    }

    private void onHeader() {
        tag = readTag();
        if (tag >>> 16 == 0xFFFE) {
            onItemOrDelimiter(uint32(4));
            return;
        }
        if (depth > 0 && containerIsSequence[depth - 1]) {
            // A sequence holds only items and its delimiter (PS3.5 section 7.5.1).
            outcome = Outcome.MALFORMED;
            return;
        }
        long length;
        boolean sequenceLike;
        boolean implicitContent;
        if (implicitHere()) {
            length = uint32(4);
            sequenceLike = true;
            implicitContent = true;
        } else {
            byte vr0 = header[4];
            byte vr1 = header[5];
            if (!Vr.isKnown(vr0, vr1)) {
                outcome = Outcome.MALFORMED;
                return;
            }
            length = Vr.hasLongLength(vr0, vr1) ? uint32(8) : uint16(6);
            sequenceLike = Vr.mayHaveUndefinedLength(vr0, vr1);
            implicitContent = Vr.isUnknown(vr0, vr1);
        }
        onElement(length, sequenceLike, implicitContent);
    }

    private void onElement(long length, boolean sequenceLike, boolean implicitContent) {
        boolean topLevel = depth == 0;
        if (topLevel && Integer.compareUnsigned(tag, TagPolicy.LAST_TAG) > 0) {
            outcome = Outcome.COMPLETE;
            return;
        }
        if (length == UNDEFINED_LENGTH) {
            if (!sequenceLike) {
                outcome = Outcome.MALFORMED;
                return;
            }
            push(true, implicitContent || implicitHere());
            return;
        }
        if (topLevel && TagPolicy.classify(tag) != TagPolicy.TagClass.SKIP && length <= value.length) {
            beginCapture((int) length);
            return;
        }
        beginSkip(length);
    }

    private void onItemOrDelimiter(long length) {
        boolean inSequence = depth > 0 && containerIsSequence[depth - 1];
        boolean inItem = depth > 0 && !containerIsSequence[depth - 1];
        if (tag == ITEM && inSequence) {
            if (length == UNDEFINED_LENGTH) {
                push(false, containerImplicit[depth - 1]);
            } else {
                beginSkip(length);
            }
        } else if (tag == SEQUENCE_DELIMITATION && inSequence || tag == ITEM_DELIMITATION && inItem) {
            depth--;
            beginHeader();
        } else {
            outcome = Outcome.MALFORMED;
        }
    }

    private void push(boolean sequence, boolean implicitContent) {
        if (depth == MAX_DEPTH) {
            outcome = Outcome.MALFORMED;
            return;
        }
        containerIsSequence[depth] = sequence;
        containerImplicit[depth] = implicitContent;
        depth++;
        beginHeader();
    }

    private void beginCapture(int length) {
        valueLength = length;
        valueFill = 0;
        state = CAPTURE;
        if (length == 0) {
            finishCapture();
        }
    }

    private int capture(byte[] data, int position, int count) {
        int used = Math.min(count, valueLength - valueFill);
        System.arraycopy(data, position, value, valueFill, used);
        valueFill += used;
        if (valueFill == valueLength) {
            finishCapture();
        }
        return used;
    }

    private void finishCapture() {
        sink.onValue(tag, value, 0, valueLength);
        // The sink has copied what it keeps; leave no value bytes behind in the reused buffer.
        Arrays.fill(value, 0, valueLength, (byte) 0);
        beginHeader();
    }

    private void beginSkip(long length) {
        remaining = length;
        state = SKIP;
        if (length == 0) {
            beginHeader();
        }
    }

    private int skip(int count) {
        int used = (int) Math.min(count, remaining);
        remaining -= used;
        if (remaining == 0) {
            beginHeader();
        }
        return used;
    }

    /**
     * Infers implicit or explicit VR and the byte order from the first element header. A data
     * set starts with a small group (0002 to 0010 in practice, PS3.5 section 7.1 orders elements
     * by tag), so the byte order is the one that gives such a group.
     */
    private boolean inferEncoding() {
        int little = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
        int big = (header[0] & 0xFF) << 8 | (header[1] & 0xFF);
        boolean explicit = Vr.isKnown(header[4], header[5]);
        if (explicit && isPlausibleFirstGroup(big) && !isPlausibleFirstGroup(little)) {
            encoding = DataSetEncoding.EXPLICIT_BIG;
        } else if (isPlausibleFirstGroup(little)) {
            encoding = explicit ? DataSetEncoding.EXPLICIT_LITTLE : DataSetEncoding.IMPLICIT_LITTLE;
        } else {
            return false;
        }
        return true;
    }

    private static boolean isPlausibleFirstGroup(int group) {
        return group >= 0x0002 && group <= 0x0020 && (group & 1) == 0;
    }
}
