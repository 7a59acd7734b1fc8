package io.dicomwatch.capture;

import java.util.Arrays;

/**
 * One IP datagram in reassembly: its key, the payload bytes received so far in blocks of
 * {@value #BLOCK_SIZE} bytes, and the holes between them, as in the algorithm of RFC 815. Offsets
 * count from the start of the fragmentable part: the IPv4 payload, or what follows the IPv6
 * fragment header. Instances are pooled by {@link FragmentTable} and reused with {@link #reset}.
 */
final class FragmentedDatagram {
    static final int BLOCK_SHIFT = 10;
    static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
    /** Largest end of a fragment: the 16-bit IPv4 total length and IPv6 payload length bound it. */
    static final int MAX_PAYLOAD = 65_535;
    static final int MAX_BLOCKS = (MAX_PAYLOAD + BLOCK_SIZE - 1) >> BLOCK_SHIFT;
    /**
     * Maximum holes, which bounds the work per fragment. A datagram of 65,535 bytes cut into
     * fragments of 552 bytes (a 576-byte IPv4 MTU) has at most 60 holes, whatever their order.
     */
    static final int MAX_HOLES = 128;
    static final int UNKNOWN = -1;
    /** End of the last hole while no last fragment has set the length. */
    private static final int OPEN_END = Integer.MAX_VALUE;

    /** {@link #insert} flag: the fragment filled part of a hole. */
    static final int NEW_BYTES = 1;
    /** {@link #insert} flag: part of the fragment covered bytes already held. */
    static final int OVERLAP = 2;
    /** {@link #insert} flag: some covered bytes differed from those held, which were kept. */
    static final int CONFLICT = 4;

    int version;
    final byte[] source = new byte[16];
    final byte[] destination = new byte[16];
    /** IPv4 protocol number, which is part of the IPv4 key, or 0 for IPv6. */
    int protocol;
    /** 16-bit IPv4 or 32-bit IPv6 identification. */
    int identification;
    int hash;

    long firstSeenNanos;
    /** Length of the fragmentable part, set by the first last fragment accepted, or {@link #UNKNOWN}. */
    int payloadLength;
    /** Largest fragment end received. */
    int highestEnd;
    /** Length of the shortest fragment at offset 0, or {@link #UNKNOWN}. */
    int shortestFirstFragment;
    /** IPv6 next header of the first fragment at offset 0 received (RFC 8200 uses it), or {@link #UNKNOWN}. */
    int firstNextHeader;

    /** Holes as sorted, disjoint pairs of start and end. The last may end at {@link #OPEN_END}. */
    private int[] holes = new int[16];
    private int holeCount;
    private final byte[][] blocks = new byte[MAX_BLOCKS][];
    private int blockCount;

    /** Links of the table's list of datagrams by age, oldest first. */
    FragmentedDatagram older;
    FragmentedDatagram newer;
    /** Next datagram in the same hash bucket, or in the free list. */
    FragmentedDatagram hashNext;

    void reset(long now) {
        firstSeenNanos = now;
        payloadLength = UNKNOWN;
        highestEnd = 0;
        shortestFirstFragment = UNKNOWN;
        firstNextHeader = UNKNOWN;
        holes[0] = 0;
        holes[1] = OPEN_END;
        holeCount = 1;
    }

    boolean isComplete() {
        return holeCount == 0;
    }

    int blockCount() {
        return blockCount;
    }

    /** Returns the number of blocks that bytes [start, end) need beyond those held. */
    int missingBlocks(int start, int end) {
        int missing = 0;
        for (int index = start >> BLOCK_SHIFT; index <= (end - 1) >> BLOCK_SHIFT; index++) {
            if (blocks[index] == null) {
                missing++;
            }
        }
        return missing;
    }

    /** Gives the datagram the blocks that bytes [start, end) need, from {@code pool}, which must have room. */
    void allocateBlocks(int start, int end, FragmentBlockPool pool) {
        for (int index = start >> BLOCK_SHIFT; index <= (end - 1) >> BLOCK_SHIFT; index++) {
            if (blocks[index] == null) {
                blocks[index] = pool.take();
                blockCount++;
            }
        }
    }

    /** Returns every block to {@code pool}. */
    void releaseBlocks(FragmentBlockPool pool) {
        for (int index = 0; index < MAX_BLOCKS && blockCount > 0; index++) {
            if (blocks[index] != null) {
                pool.give(blocks[index]);
                blocks[index] = null;
                blockCount--;
            }
        }
    }

    /** Returns the number of holes left after bytes [start, end) arrive, before any trim by a last fragment. */
    int holesAfter(int start, int end) {
        int first = firstHoleEndingAfter(start);
        int last = first;
        while (last < holeCount && holes[2 * last] < end) {
            last++;
        }
        if (last == first) {
            return holeCount;
        }
        int remnants = (holes[2 * first] < start ? 1 : 0) + (holes[2 * last - 1] > end ? 1 : 0);
        return holeCount - (last - first) + remnants;
    }

    /**
     * Sets the length of the fragmentable part from a last fragment, which must end at or after
     * {@link #highestEnd}, and drops the holes beyond it.
     */
    void setPayloadLength(int length) {
        payloadLength = length;
        int count = 0;
        for (int i = 0; i < holeCount; i++) {
            int start = holes[2 * i];
            if (start < length) {
                holes[2 * count] = start;
                holes[2 * count + 1] = Math.min(holes[2 * i + 1], length);
                count++;
            }
        }
        holeCount = count;
    }

    /**
     * Copies the bytes of the fragment [start, end) that fall in holes and compares the others with
     * the bytes held, which win. The caller has checked {@link #holesAfter} against
     * {@link #MAX_HOLES} and allocated the blocks.
     *
     * @param data the fragment's buffer, whose byte {@code dataOffset} is at {@code start}
     * @return {@link #NEW_BYTES}, {@link #OVERLAP} and {@link #CONFLICT} flags
     */
    int insert(byte[] data, int dataOffset, int start, int end) {
        int flags = 0;
        int first = firstHoleEndingAfter(start);
        int last = first;
        int position = start;
        while (last < holeCount && holes[2 * last] < end) {
            int fillStart = Math.max(holes[2 * last], start);
            int fillEnd = Math.min(holes[2 * last + 1], end);
            if (position < fillStart) {
                flags |= compare(data, dataOffset + position - start, position, fillStart);
            }
            copy(data, dataOffset + fillStart - start, fillStart, fillEnd);
            flags |= NEW_BYTES;
            position = fillEnd;
            last++;
        }
        if (position < end) {
            flags |= compare(data, dataOffset + position - start, position, end);
        }
        if (last > first) {
            replaceHoles(first, last, start, end);
        }
        highestEnd = Math.max(highestEnd, end);
        return flags;
    }

    /** Copies the reassembled fragmentable part, {@link #payloadLength} bytes, to {@code target}. */
    void copyPayload(byte[] target) {
        for (int offset = 0; offset < payloadLength; offset += BLOCK_SIZE) {
            System.arraycopy(blocks[offset >> BLOCK_SHIFT], 0, target, offset,
                    Math.min(BLOCK_SIZE, payloadLength - offset));
        }
    }

    private int firstHoleEndingAfter(int start) {
        int index = 0;
        while (index < holeCount && holes[2 * index + 1] <= start) {
            index++;
        }
        return index;
    }

    /** Replaces holes [first, last), which bytes [start, end) overlap, by what remains of them at either side. */
    private void replaceHoles(int first, int last, int start, int end) {
        int leftStart = holes[2 * first];
        int rightEnd = holes[2 * last - 1];
        int remnants = (leftStart < start ? 1 : 0) + (rightEnd > end ? 1 : 0);
        int newCount = holeCount - (last - first) + remnants;
        if (2 * newCount > holes.length) {
            holes = Arrays.copyOf(holes, Math.min(2 * MAX_HOLES, 2 * holes.length));
        }
        int tail = holeCount - last;
        System.arraycopy(holes, 2 * last, holes, 2 * (first + remnants), 2 * tail);
        int index = first;
        if (leftStart < start) {
            holes[2 * index] = leftStart;
            holes[2 * index + 1] = start;
            index++;
        }
        if (rightEnd > end) {
            holes[2 * index] = end;
            holes[2 * index + 1] = rightEnd;
        }
        holeCount = newCount;
    }

    private void copy(byte[] data, int dataOffset, int start, int end) {
        int from = dataOffset;
        for (int position = start; position < end; ) {
            int within = position & (BLOCK_SIZE - 1);
            int length = Math.min(end - position, BLOCK_SIZE - within);
            System.arraycopy(data, from, blocks[position >> BLOCK_SHIFT], within, length);
            position += length;
            from += length;
        }
    }

    /** Returns {@link #OVERLAP}, with {@link #CONFLICT} when bytes [start, end) differ from those held. */
    private int compare(byte[] data, int dataOffset, int start, int end) {
        int from = dataOffset;
        for (int position = start; position < end; ) {
            int within = position & (BLOCK_SIZE - 1);
            int length = Math.min(end - position, BLOCK_SIZE - within);
            if (!Arrays.equals(data, from, from + length, blocks[position >> BLOCK_SHIFT], within, within + length)) {
                return OVERLAP | CONFLICT;
            }
            position += length;
            from += length;
        }
        return OVERLAP;
    }
}
