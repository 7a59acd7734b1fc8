package io.dicomwatch.sensor;

import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.LiveSource;
import io.dicomwatch.capture.LiveStats;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A live source fed by the test: frames put into {@link #frames} are read in order, and a null fails the source. */
final class FakeSource implements LiveSource {
    static final byte[] FAILURE = new byte[0];

    final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    volatile boolean closed;
    private volatile boolean woken;
    private long timestamp = 1_700_000_000_000_000_000L;

    @Override
    public boolean next(Frame frame) throws IOException {
        try {
            byte[] data = frames.poll(20, TimeUnit.MILLISECONDS);
            if (data == null || woken) {
                woken = false;
                return false;
            }
            if (data == FAILURE) {
                throw new IOException("the interface went down");
            }
            frame.linkType = 1;
            frame.timestampNanos = timestamp += 1_000_000;
            frame.data = data;
            frame.offset = 0;
            frame.capturedLength = data.length;
            frame.originalLength = data.length;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public LiveStats stats() {
        return new LiveStats(7, 1, 0);
    }

    @Override
    public void wakeUp() {
        woken = true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
