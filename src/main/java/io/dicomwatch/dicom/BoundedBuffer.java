package io.dicomwatch.dicom;

import java.util.Arrays;

/**
 * A byte buffer that grows with the bytes actually appended, never past a fixed maximum nor, beyond
 * its first {@link #INITIAL_CAPACITY} bytes, past what its {@link BufferBudget} grants, so a
 * length field alone cannot make it allocate. {@link #clear()} releases the array and returns its
 * bytes to the budget.
 */
final class BoundedBuffer {
    /**
     * Enough for a typical command set, or an A-ASSOCIATE-RQ or -AC with a few presentation
     * contexts (about 200 bytes). This much of each buffer is not charged to the budget.
     */
    static final int INITIAL_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private final int maxSize;
    private final BufferBudget budget;
    private byte[] data = EMPTY;
    private int size;
    /** Bytes of {@link #data} taken from the budget: those beyond {@link #INITIAL_CAPACITY}. */
    private int reserved;

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
            // The first INITIAL_CAPACITY bytes are free of the budget, so the small PDUs of every
            // connection (command sets, the start of a request) still fit when a flood spent it.
            int charge = Math.max(0, capacity - INITIAL_CAPACITY) - reserved;
            if (!budget.reserve(charge)) {
                return false;
            }
            reserved += charge;
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
        budget.release(reserved);
        reserved = 0;
        size = 0;
        data = EMPTY;
    }

    /**
     * Appends as many of the bytes as fit in the first {@link #INITIAL_CAPACITY}, which the budget
     * does not charge: for the start of an A-ASSOCIATE body, whose fixed part names the AE titles,
     * when the budget is spent. Returns the number of bytes appended.
     */
    int appendWithinFloor(byte[] source, int offset, int length) {
        int count = Math.min(length, Math.min(INITIAL_CAPACITY, maxSize) - size);
        if (count <= 0) {
            return 0;
        }
        if (size + count > data.length) {
            data = Arrays.copyOf(data, size + count);
        }
        System.arraycopy(source, offset, data, size, count);
        size += count;
        return count;
    }

    /** Drops the bytes after the first {@code newSize}; the array and its budget stay. */
    void truncate(int newSize) {
        size = Math.min(size, Math.max(0, newSize));
    }

    /** Returns whether {@code length} more bytes stay within the maximum, whatever the budget. */
    boolean fits(int length) {
        return (long) size + length <= maxSize;
    }
}
