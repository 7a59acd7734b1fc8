package io.dicomwatch.dicom;

import java.util.Arrays;

/**
 * A byte buffer that grows with the bytes actually appended, never past a fixed maximum, so a
 * length field alone cannot make it allocate. {@link #clear()} releases the array.
 */
final class BoundedBuffer {
    /** Enough for a typical A-ASSOCIATE-RQ or -AC with a few presentation contexts (about 200 bytes). */
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private final int maxSize;
    private byte[] data = EMPTY;
    private int size;

    BoundedBuffer(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Appends the bytes, or returns false and appends nothing when they would pass the maximum. */
    boolean append(byte[] source, int offset, int length) {
        long newSize = (long) size + length;
        if (newSize > maxSize) {
            return false;
        }
        if (newSize > data.length) {
            long grown = Math.max(newSize, Math.max(INITIAL_CAPACITY, (long) data.length * 2));
            data = Arrays.copyOf(data, (int) Math.min(grown, maxSize));
        }
        System.arraycopy(source, offset, data, size, length);
        size = (int) newSize;
        return true;
    }

    byte[] array() {
        return data;
    }

    int size() {
        return size;
    }

    /**
     * Empties the buffer and releases its array. A connection has up to four of these, and a
     * flood of connections that each send one large A-ASSOCIATE-RQ would otherwise keep every
     * array for the life of its connection. A PDU that needs the buffer again allocates anew.
     */
    void clear() {
        size = 0;
        data = EMPTY;
    }
}
