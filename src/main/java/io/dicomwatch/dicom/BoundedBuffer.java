package io.dicomwatch.dicom;

import java.util.Arrays;

/**
 * A byte buffer that grows with the bytes actually appended, never past a fixed maximum nor past
 * what its {@link BufferBudget} grants, so a length field alone cannot make it allocate.
 * {@link #clear()} releases the array and returns its bytes to the budget.
 */
final class BoundedBuffer {
    /** Enough for a typical A-ASSOCIATE-RQ or -AC with a few presentation contexts (about 200 bytes). */
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private final int maxSize;
    private final BufferBudget budget;
    private byte[] data = EMPTY;
    private int size;

    BoundedBuffer(int maxSize, BufferBudget budget) {
        this.maxSize = maxSize;
        this.budget = budget;
    }

    /**
     * Appends the bytes, or returns false and appends nothing when they would pass the maximum or
     * the budget. {@link #fits} separates the two cases.
     */
    boolean append(byte[] source, int offset, int length) {
        long newSize = (long) size + length;
        if (newSize > maxSize) {
            return false;
        }
        if (newSize > data.length) {
            long grown = Math.max(newSize, Math.max(INITIAL_CAPACITY, (long) data.length * 2));
            int capacity = (int) Math.min(grown, maxSize);
            if (!budget.reserve(capacity - data.length)) {
                return false;
            }
            data = Arrays.copyOf(data, capacity);
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
        budget.release(data.length);
        size = 0;
        data = EMPTY;
    }

    /** Returns whether {@code length} more bytes stay within the maximum, whatever the budget. */
    boolean fits(int length) {
        return (long) size + length <= maxSize;
    }
}
