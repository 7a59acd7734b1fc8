package io.dicomwatch.dicom;

/**
 * Bytes that the decoder took from the stream but must read again before the next input. They are
 * the scanner's unfinished lookahead, and header bytes put back after a framing error so that a
 * PDU starting inside a rejected header can still be found. Fixed capacity, allocated whole on
 * first use and never again: every connection has two of these, and most never need them, so an
 * array allocated up front would cost a flood of idle connections 1 KiB each.
 */
final class PushbackBuffer {
    private static final byte[] EMPTY = new byte[0];

    private final int capacity;
    private byte[] data = EMPTY;
    private int start;
    private int end;

    PushbackBuffer(int capacity) {
        this.capacity = capacity;
    }

    byte[] array() {
        return data;
    }

    int start() {
        return start;
    }

    int length() {
        return end - start;
    }

    void consume(int count) {
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    void clear() {
        start = 0;
        end = 0;
    }

    /** Appends bytes after the stored ones. The caller keeps the total within the capacity. */
    void append(byte[] source, int offset, int length) {
        allocate();
        if (end + length > data.length) {
            compact();
        }
        if (end + length > data.length) {
            throw new IllegalStateException("pushback overflow: " + length() + " + " + length);
        }
        System.arraycopy(source, offset, data, end, length);
        end += length;
    }

    /** Inserts bytes before the stored ones, because they precede them in the stream. */
    void prepend(byte[] source, int offset, int length) {
        allocate();
        if (start < length) {
            int held = length();
            if (held + length > data.length) {
                throw new IllegalStateException("pushback overflow: " + held + " + " + length);
            }
            System.arraycopy(data, start, data, length, held);
            start = length;
            end = length + held;
        }
        start -= length;
        System.arraycopy(source, offset, data, start, length);
    }

    private void allocate() {
        if (data.length == 0) {
            data = new byte[capacity];
        }
    }

    private void compact() {
        int held = length();
        System.arraycopy(data, start, data, 0, held);
        start = 0;
        end = held;
    }
}
