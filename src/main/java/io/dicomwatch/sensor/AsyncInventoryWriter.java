package io.dicomwatch.sensor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes inventory snapshots on a thread of its own, so that fsync and rename never hold up
 * decoding. Only the latest snapshot matters: one submitted while a write is running replaces any
 * snapshot still waiting, and the replaced one is counted as skipped.
 */
final class AsyncInventoryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInventoryWriter.class);

    private final InventoryStore store;
    private final Thread thread;
    private byte[] pending;
    private long pendingSequence;
    private boolean closed;
    private long skipped;

    AsyncInventoryWriter(InventoryStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "dicomwatch-inventory-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code snapshot}, numbered by {@code sequence} in the order the snapshots were taken. */
    synchronized void submit(byte[] snapshot, long sequence) {
        if (pending != null) {
            skipped++;
            LOG.warn("Inventory flush skipped: the previous write to {} is still running", store.output());
        }
        pending = snapshot;
        pendingSequence = sequence;
        notifyAll();
    }

    synchronized long skipped() {
        return skipped;
    }

    private void run() {
        while (true) {
            byte[] snapshot;
            long sequence;
            synchronized (this) {
                while (pending == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending == null) {
                    return;
                }
                snapshot = pending;
                sequence = pendingSequence;
                pending = null;
            }
            store.write(snapshot, sequence);
        }
    }

    /** Finishes the write in progress and any pending one, waiting at most {@code timeoutMillis}. */
    void close(long timeoutMillis) throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.join(timeoutMillis);
        if (thread.isAlive()) {
            LOG.warn("The inventory writer did not finish within {} ms", timeoutMillis);
        }
    }
}
