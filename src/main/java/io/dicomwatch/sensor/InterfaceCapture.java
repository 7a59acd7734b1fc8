package io.dicomwatch.sensor;

import io.dicomwatch.capture.CaptureOpenException;
import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.LiveCaptureConfig;
import io.dicomwatch.capture.LiveSource;
import io.dicomwatch.capture.LiveSourceFactory;
import io.dicomwatch.capture.LiveStats;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread of one interface: reads frames and offers them to the {@link FrameQueue}.
 * An interface that is missing, down or fails is closed and opened again with {@link Backoff};
 * only {@link #stop} ends the thread.
 *
 * <p>Counters are written by this thread alone and read by others, hence volatile.
 */
final class InterfaceCapture implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InterfaceCapture.class);
    /** How often libpcap's counters are read while frames flow. */
    private static final long STATS_REFRESH_NANOS = 1_000_000_000L;

    private final int index;
    private final LiveCaptureConfig config;
    private final LiveSourceFactory factory;
    private final FrameQueue queue;
    private final Backoff backoff;
    private final LongSupplier clock;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Frame frame = new Frame();
    private volatile boolean stopping;
    private volatile LiveSource current;
    private LiveSource firstSource;

    volatile long framesCaptured;
    volatile long bytesCaptured;
    volatile long reopens;
    /** Clock value of the last frame, or of the start when none came yet. */
    volatile long lastFrameNanos;
    volatile LiveStats pcapTotals = LiveStats.ZERO;
    private LiveStats pcapLastRaw = LiveStats.ZERO;
    private long nextStatsNanos;

    InterfaceCapture(int index, LiveCaptureConfig config, LiveSourceFactory factory, FrameQueue queue,
            Backoff backoff, LongSupplier clock) {
        this.index = index;
        this.config = config;
        this.factory = factory;
        this.queue = queue;
        this.backoff = backoff;
        this.clock = clock;
        this.lastFrameNanos = clock.getAsLong();
    }

    String interfaceName() {
        return config.interfaceName();
    }

    /**
     * Opens the interface once, on the caller's thread, so that a missing permission stops the
     * start. Other failures are logged, and {@link #run} keeps trying.
     *
     * @throws CaptureOpenException only for {@link CaptureOpenException.Reason#PERMISSION} and
     *     {@link CaptureOpenException.Reason#INVALID_FILTER}, which retrying cannot fix
     */
    void openFirst() throws CaptureOpenException {
        try {
            firstSource = factory.open(config);
            LOG.info("Capture opened on {}", config.interfaceName());
        } catch (CaptureOpenException e) {
            if (isPermanent(e)) {
                throw e;
            }
            LOG.warn("Interface {} not available yet, retrying in the background: {}", config.interfaceName(),
                    e.getMessage());
        }
    }

    private static boolean isPermanent(CaptureOpenException e) {
        return e.reason() == CaptureOpenException.Reason.PERMISSION
                || e.reason() == CaptureOpenException.Reason.INVALID_FILTER;
    }

    @Override
    public void run() {
        LiveSource source = firstSource;
        firstSource = null;
        while (!stopping) {
            if (source == null) {
                source = openWithBackoff();
                if (source == null) {
                    break;
                }
                reopens++;
            }
            readUntilFailure(source);
            source = null;
        }
        LOG.info("Capture stopped on {}", config.interfaceName());
    }

    private LiveSource openWithBackoff() {
        while (!stopping) {
            long delay = backoff.nextDelayNanos();
            if (sleep(delay)) {
                return null;
            }
            try {
                LiveSource source = factory.open(config);
                LOG.info("Capture reopened on {} after {} attempt(s)", config.interfaceName(), backoff.failures());
                backoff.reset();
                return source;
            } catch (CaptureOpenException e) {
                LOG.warn("Cannot open {} (attempt {}), retrying with growing delays: {}", config.interfaceName(),
                        backoff.failures(), e.getMessage());
            }
        }
        return null;
    }

    /** Sleeps unless stopped first; returns true when stopped. */
    private boolean sleep(long nanos) {
        try {
            return stopSignal.await(nanos, TimeUnit.NANOSECONDS) || stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void readUntilFailure(LiveSource source) {
        current = source;
        pcapLastRaw = LiveStats.ZERO;
        try {
            while (!stopping) {
                if (source.next(frame)) {
                    accept();
                }
                refreshStats(source, false);
            }
            refreshStats(source, true);
        } catch (IOException e) {
            LOG.error("Capture on {} failed; closing it and opening it again: {}", config.interfaceName(),
                    e.getMessage(), e);
        } finally {
            current = null;
            source.close();
        }
    }

    private void accept() {
        long now = clock.getAsLong();
        lastFrameNanos = now;
        framesCaptured++;
        bytesCaptured += frame.capturedLength;
        // A full queue drops and counts the frame itself.
        queue.offer(index, frame);
    }

    /** Adds libpcap's counters since the last look; its 32-bit counters may wrap, so deltas are taken mod 2^32. */
    private void refreshStats(LiveSource source, boolean force) {
        long now = clock.getAsLong();
        if (!force && now < nextStatsNanos) {
            return;
        }
        nextStatsNanos = now + STATS_REFRESH_NANOS;
        LiveStats raw;
        try {
            raw = source.stats();
        } catch (IOException e) {
            LOG.debug("No capture statistics from {}: {}", config.interfaceName(), e.getMessage());
            return;
        }
        LiveStats delta = new LiveStats(delta32(raw.received(), pcapLastRaw.received()),
                delta32(raw.droppedByKernel(), pcapLastRaw.droppedByKernel()),
                delta32(raw.droppedByInterface(), pcapLastRaw.droppedByInterface()));
        pcapLastRaw = raw;
        pcapTotals = pcapTotals.plus(delta);
    }

    private static long delta32(long now, long before) {
        return (now - before) & 0xFFFF_FFFFL;
    }

    /** Asks the thread to stop and wakes it wherever it waits. */
    void stop() {
        stopping = true;
        stopSignal.countDown();
        LiveSource source = current;
        if (source != null) {
            source.wakeUp();
        }
    }

    /** Closes a source opened by {@link #openFirst} when the thread never ran. */
    void closeUnstarted() {
        if (firstSource != null) {
            firstSource.close();
            firstSource = null;
        }
    }
}
