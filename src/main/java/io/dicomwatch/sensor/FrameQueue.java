package io.dicomwatch.sensor;

import io.dicomwatch.capture.Frame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounded queue of frames from the capture threads (many producers) to the decoding thread (one
 * consumer). Slots and their buffers are allocated once and reused, so a steady flow allocates
 * nothing. When the queue is full, by frames or by bytes, {@link #offer} drops the frame and
 * counts it: a slow decoder shows as counted drops, never as a stalled capture buffer.
 *
 * <p>The consumer calls {@link #poll}, uses the frame, then {@link #release}. The polled slot
 * stays reserved until then, so producers never overwrite a frame in use.
 */
public final class FrameQueue {
    /** Initial buffer of each slot: an Ethernet frame at MTU 1500 with two VLAN tags fits. */
    static final int INITIAL_BUFFER_BYTES = 2048;
    /** A slot buffer grown beyond this for a large (GRO) frame is replaced on release, to bound retained memory. */
    static final int RETAINED_BUFFER_BYTES = 65_536 + 256;
    /**
     * Bytes beyond {@link #INITIAL_BUFFER_BYTES} that slots may keep after release, over all slots.
     * Without this cap every slot of the ring would keep its grown buffer: 65,536 slots of 64 KiB
     * are 4 GiB. A sensor with -Xmx256m ran out of heap after about 100 MB of C-STORE traffic on loopback.
     */
    static final long MAX_RETAINED_GROWN_BYTES = 16L << 20;

    private final Frame[] slots;
    private final int[] sources;
    private final long maxQueuedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;
    private int count;
    private boolean consumerHoldsHead;
    private long queuedBytes;
    /** Sum over the slots of the bytes their buffers contain beyond {@link #INITIAL_BUFFER_BYTES}. */
    private long grownBytes;
    private long framesQueued;
    private long framesDropped;
    private long bytesDropped;
    private int peakDepth;

    /** A snapshot of the queue's counters. */
    public record Counters(long framesQueued, long framesDropped, long bytesDropped, int depth, int peakDepth) {
    }

    /**
     * @param capacity maximum number of frames waiting
     * @param maxQueuedBytes maximum captured bytes of the frames waiting
     */
    public FrameQueue(int capacity, long maxQueuedBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.slots = new Frame[capacity];
        this.sources = new int[capacity];
        this.maxQueuedBytes = maxQueuedBytes;
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Frame();
            slots[i].data = new byte[INITIAL_BUFFER_BYTES];
        }
    }

    /**
     * Copies {@code frame} into a free slot.
     *
     * @param source index of the interface it came from
     * @return false when the queue was full and the frame was dropped (and counted)
     */
    public boolean offer(int source, Frame frame) {
        int length = frame.capturedLength;
        lock.lock();
        try {
            if (count == slots.length || queuedBytes + length > maxQueuedBytes) {
                framesDropped++;
                bytesDropped += length;
                return false;
            }
            int index = (head + count) % slots.length;
            grownBytes -= grownPart(slots[index]);
            copyInto(slots[index], frame);
            grownBytes += grownPart(slots[index]);
            sources[index] = source;
            count++;
            queuedBytes += length;
            framesQueued++;
            if (count > peakDepth) {
                peakDepth = count;
            }
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static long grownPart(Frame slot) {
        return Math.max(0, slot.data.length - INITIAL_BUFFER_BYTES);
    }

    private static void copyInto(Frame slot, Frame frame) {
        int length = frame.capturedLength;
        if (slot.data.length < length) {
            slot.data = new byte[Math.max(length, slot.data.length * 2)];
        }
        System.arraycopy(frame.data, frame.offset, slot.data, 0, length);
        slot.offset = 0;
        slot.capturedLength = length;
        slot.originalLength = frame.originalLength;
        slot.linkType = frame.linkType;
        slot.timestampNanos = frame.timestampNanos;
        slot.number = frame.number;
    }

    /**
     * Returns the oldest frame, waiting up to {@code timeout}; null when none arrived. The caller
     * must {@link #release} it before polling again.
     */
    public Frame poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            if (consumerHoldsHead) {
                throw new IllegalStateException("poll called before release of the previous frame");
            }
            while (count == 0) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            consumerHoldsHead = true;
            return slots[head];
        } finally {
            lock.unlock();
        }
    }

    /** Returns the interface index of the frame last polled. */
    public int sourceOfPolled() {
        lock.lock();
        try {
            return sources[head];
        } finally {
            lock.unlock();
        }
    }

    /** Frees the slot of the frame last polled. */
    public void release() {
        lock.lock();
        try {
            if (!consumerHoldsHead) {
                throw new IllegalStateException("release called without a polled frame");
            }
            Frame slot = slots[head];
            queuedBytes -= slot.capturedLength;
            long grown = grownPart(slot);
            if (slot.data.length > RETAINED_BUFFER_BYTES || (grown > 0 && grownBytes > MAX_RETAINED_GROWN_BYTES)) {
                slot.data = new byte[INITIAL_BUFFER_BYTES];
                grownBytes -= grown;
            }
            head = (head + 1) % slots.length;
            count--;
            consumerHoldsHead = false;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the heap bytes that the slot buffers of a queue of {@code capacity} frames take from the start. */
    public static long preallocatedBytes(int capacity) {
        return (long) capacity * INITIAL_BUFFER_BYTES;
    }

    /** Returns the bytes of all slot buffers, for tests of the memory bound. */
    long allocatedBytes() {
        lock.lock();
        try {
            return (long) slots.length * INITIAL_BUFFER_BYTES + grownBytes;
        } finally {
            lock.unlock();
        }
    }

    public Counters counters() {
        lock.lock();
        try {
            return new Counters(framesQueued, framesDropped, bytesDropped, count, peakDepth);
        } finally {
            lock.unlock();
        }
    }
}
