package io.dicomwatch.capture;

import java.util.Arrays;

/**
 * One IP datagram in reassembly: its key, the payload bytes received so far in blocks of
 * {@value #BLOCK_SIZE} bytes, and the runs of fragments that hold them. Offsets count from the
 * start of the fragmentable part: the IPv4 payload, or what follows the IPv6 fragment header.
 * Instances are pooled by {@link FragmentTable} and reused with {@link #reset}.
 *
 * <p>The runs are those of Linux's {@code inet_frag_queue_insert} (net/ipv4/inet_fragment.c):
 * a fragment that starts where the highest run ends extends that run, and any other fragment
 * that overlaps no held byte becomes a run of its own, even when it touches a neighbour. So a
 * fragment lying inside one run is a duplicate, and one that overlaps held bytes in any other
 * way is an overlap, exactly where Linux finds them.
 */
final class FragmentedDatagram {
    static final int BLOCK_SHIFT = 10;
    static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
    /** Largest end of a fragment: the 16-bit IPv4 total length and IPv6 payload length bound it. */
    static final int MAX_PAYLOAD = 65_535;
    static final int MAX_BLOCKS = (MAX_PAYLOAD + BLOCK_SIZE - 1) >> BLOCK_SHIFT;
    /**
     * Maximum runs, which bounds the work and memory per fragment. A datagram of 65,535 bytes cut
     * into fragments of 64 bytes or more has at most 1,024 runs, whatever their order.
     */
    static final int MAX_RUNS = 1_024;
    static final int UNKNOWN = -1;
    /** Runs that a datagram has room for before its list grows, and again after {@link #reset}. */
    private static final int INITIAL_RUNS = 16;

    /** {@link #place} result: the fragment overlaps no held byte. */
    static final int NEW = 0;
    /** {@link #place} result: the fragment lies inside one run, which Linux drops as a duplicate. */
    static final int DUPLICATE = 1;
    /** {@link #place} result: the fragment overlaps held bytes otherwise, which discards the datagram. */
    static final int OVERLAP = 2;

    int version;
    final byte[] source = new byte[16];
    final byte[] destination = new byte[16];
    /** IPv4 protocol number, which is part of the IPv4 key, or 0 for IPv6. */
    int protocol;
    /** 16-bit IPv4 or 32-bit IPv6 identification. */
    int identification;
    int hash;

    long firstSeenNanos;
    /** Length of the fragmentable part, set by the last fragment (more-fragments flag clear), or {@link #UNKNOWN}. */
    int payloadLength;
    /** Largest fragment end held. */
    int highestEnd;
    /** Length of the fragment at offset 0, or {@link #UNKNOWN}. */
    int firstFragmentLength;
    /** IPv6 next header of the fragment at offset 0 (RFC 8200 uses it), or {@link #UNKNOWN}. */
    int firstNextHeader;

    /** Runs as sorted, disjoint pairs of start and end, so the last one has the highest end. */
    private int[] runs = new int[2 * INITIAL_RUNS];
    private int runCount;
    /** Bytes held, which never overlap, so the datagram is complete when they reach its length. */
    private int heldBytes;
    private final byte[][] blocks = new byte[MAX_BLOCKS][];
    private int blockCount;

    /** Links of the table's list of datagrams by age, oldest first. */
    FragmentedDatagram older;
    FragmentedDatagram newer;
    /** Next datagram in the same hash bucket, or in the free list. */
    FragmentedDatagram hashNext;

    /**
     * Empties the datagram for reuse. A run list that grew past {@value #INITIAL_RUNS} runs is
     * given up, so that pooled datagrams keep no more than the datagrams in progress need.
     */
    void reset(long now) {
        firstSeenNanos = now;
        payloadLength = UNKNOWN;
        highestEnd = 0;
        firstFragmentLength = UNKNOWN;
        firstNextHeader = UNKNOWN;
        if (runs.length > 2 * INITIAL_RUNS) {
            runs = new int[2 * INITIAL_RUNS];
        }
        runCount = 0;
        heldBytes = 0;
    }

    boolean isComplete() {
        return payloadLength != UNKNOWN && heldBytes == payloadLength;
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

    /**
     * Classifies the fragment [start, end) against the runs held, as {@code inet_frag_queue_insert}
     * does.
     *
     * @return {@link #NEW}, {@link #DUPLICATE} or {@link #OVERLAP}
     */
    int place(int start, int end) {
        if (runCount == 0) {
            return NEW;
        }
        if (end > highestEnd) {
            return start < highestEnd ? OVERLAP : NEW;
        }
        // Only the last run starting before the fragment's end can hold a byte of it. Any
        // earlier run that overlaps the fragment makes this one start inside the fragment.
        int index = lastRunStartingBefore(end);
        if (index < 0 || runs[2 * index + 1] <= start) {
            return NEW;
        }
        return start >= runs[2 * index] && end <= runs[2 * index + 1] ? DUPLICATE : OVERLAP;
    }

    /** Returns whether a {@link #NEW} fragment [start, end) would need a run beyond {@link #MAX_RUNS}. */
    boolean exceedsRunBound(int start) {
        return runCount >= MAX_RUNS && !(runCount > 0 && start == highestEnd);
    }

    /**
     * Copies the {@link #NEW} fragment [start, end) into the blocks, which the caller allocated,
     * and records its run.
     *
     * @param data the fragment's buffer, whose byte {@code dataOffset} is at {@code start}
     */
    void insert(byte[] data, int dataOffset, int start, int end) {
        copy(data, dataOffset, start, end);
        heldBytes += end - start;
        if (runCount > 0 && start == highestEnd) {
            runs[2 * runCount - 1] = end;
        } else {
            addRun(start, end);
        }
        highestEnd = Math.max(highestEnd, end);
    }

    /** Returns whether the fragment [start, end), a {@link #DUPLICATE}, carries the bytes held. */
    boolean matches(byte[] data, int dataOffset, int start, int end) {
        int from = dataOffset;
        for (int position = start; position < end; ) {
            int within = position & (BLOCK_SIZE - 1);
            int length = Math.min(end - position, BLOCK_SIZE - within);
            if (!Arrays.equals(data, from, from + length, blocks[position >> BLOCK_SHIFT], within, within + length)) {
                return false;
            }
            position += length;
            from += length;
        }
        return true;
    }

    /** Copies the reassembled fragmentable part, {@link #payloadLength} bytes, to {@code target}. */
    void copyPayload(byte[] target) {
        for (int offset = 0; offset < payloadLength; offset += BLOCK_SIZE) {
            System.arraycopy(blocks[offset >> BLOCK_SHIFT], 0, target, offset,
                    Math.min(BLOCK_SIZE, payloadLength - offset));
        }
    }

    /** Returns the index of the last run that starts before {@code end}, or -1. */
    private int lastRunStartingBefore(int end) {
        int low = 0;
        int high = runCount - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (runs[2 * middle] < end) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high;
    }

    /** Inserts the run [start, end), which overlaps none, in start order. */
    private void addRun(int start, int end) {
        if (2 * (runCount + 1) > runs.length) {
            runs = Arrays.copyOf(runs, Math.min(2 * MAX_RUNS, 2 * runs.length));
        }
        int index = lastRunStartingBefore(end) + 1;
        System.arraycopy(runs, 2 * index, runs, 2 * (index + 1), 2 * (runCount - index));
        runs[2 * index] = start;
        runs[2 * index + 1] = end;
        runCount++;
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
}
