package io.dicomwatch.capture;

import java.util.Arrays;

/**
 * The fixed-size blocks that contain fragment bytes, bounded in number. Blocks that datagrams give
 * back are kept for reuse, so after warm-up a fragment allocates nothing. The blocks in use and
 * those kept for reuse never exceed the bound together, because a block is created only when none
 * is free.
 */
final class FragmentBlockPool {
    private final int maxBlocks;
    private byte[][] free = new byte[16][];
    private int freeCount;
    private int blocksInUse;
    private int peakBlocksInUse;

    FragmentBlockPool(long maxBytes) {
        this.maxBlocks = (int) Math.min(Integer.MAX_VALUE, maxBytes / FragmentedDatagram.BLOCK_SIZE);
    }

    boolean hasRoom(int blocks) {
        return blocksInUse + blocks <= maxBlocks;
    }

    byte[] take() {
        blocksInUse++;
        peakBlocksInUse = Math.max(peakBlocksInUse, blocksInUse);
        if (freeCount == 0) {
            return new byte[FragmentedDatagram.BLOCK_SIZE];
        }
        byte[] block = free[--freeCount];
        free[freeCount] = null;
        return block;
    }

    void give(byte[] block) {
        blocksInUse--;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, 2 * free.length);
        }
        free[freeCount++] = block;
    }

    long bytesInUse() {
        return (long) blocksInUse * FragmentedDatagram.BLOCK_SIZE;
    }

    long peakBytesInUse() {
        return (long) peakBlocksInUse * FragmentedDatagram.BLOCK_SIZE;
    }
}
