package io.dicomwatch.sensor;

import io.dicomwatch.capture.CaptureOpenException;
import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.LiveCaptureConfig;
import io.dicomwatch.capture.LiveSourceFactory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.pipeline.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sensor: one capture thread per interface feeds a bounded {@link FrameQueue}, and the
 * thread that calls {@link #run} decodes every frame into one {@link Pipeline}, flushes the
 * inventory and logs statistics. Only that thread touches the pipeline and the inventory; flushes
 * serialise a snapshot there and hand the bytes to {@link AsyncInventoryWriter}.
 */
public final class Sensor {
    private Runnable beforeFlush = () -> { };
    private Runnable beforeFinalFlush = () -> { };
    private static final Logger LOG = LoggerFactory.getLogger(Sensor.class);
    /** Maximum wait for a frame before the periodic work is checked. */
    private static final long POLL_MILLIS = 200;
    /** Frames between two looks at the clock while frames flow. */
    private static final int CLOCK_CHECK_FRAMES = 256;

    private final SensorConfig config;
    private final Pipeline pipeline;
    private final InventoryStore store;
    private final InventoryJsonWriter jsonWriter;
    private final LongSupplier clock;
    private final FrameQueue queue;
    private final DuplicateFilter duplicates;
    private final List<InterfaceCapture> captures = new ArrayList<>();
    private final SensorStatistics statistics;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile String stopReason;
    private long frameNumber;
    /** Number of the last inventory snapshot taken; a higher number is newer. */
    private long snapshotSequence;

    public Sensor(SensorConfig config, Pipeline pipeline, InventoryStore store, InventoryJsonWriter jsonWriter,
            LiveSourceFactory factory, LongSupplier clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.store = store;
        this.jsonWriter = jsonWriter;
        this.clock = clock;
        this.queue = new FrameQueue(config.queueCapacity(), SensorConfig.MAX_QUEUED_BYTES);
        this.duplicates = new DuplicateFilter(config.duplicateWindowNanos(), 16);
        for (int i = 0; i < config.interfaces().size(); i++) {
            LiveCaptureConfig capture = new LiveCaptureConfig(config.interfaces().get(i), config.snapLength(),
                    config.bufferSize(), config.filter());
            captures.add(new InterfaceCapture(i, capture, factory, queue,
                    new Backoff(SensorConfig.BACKOFF_INITIAL_NANOS, SensorConfig.BACKOFF_MAX_NANOS), clock));
        }
        this.statistics = new SensorStatistics(captures, queue, duplicates, pipeline, config.silentInterfaceNanos());
        pipeline.addStatisticsSource(statistics::publish);
    }

    /**
     * Opens every interface once. Missing or down interfaces are retried later by their threads.
     *
     * @throws CaptureOpenException when capture is not permitted or the filter is invalid; every
     *     interface opened so far is closed again
     */
    public void openInterfaces() throws CaptureOpenException {
        try {
            for (InterfaceCapture capture : captures) {
                capture.openFirst();
            }
        } catch (CaptureOpenException e) {
            for (InterfaceCapture capture : captures) {
                capture.closeUnstarted();
            }
            throw e;
        }
    }

    /** Asks {@link #run} to stop; safe from any thread, such as a signal handler. */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopRequested.countDown();
    }

    /**
     * Captures until {@link #requestStop}, then stops the capture threads, drains the queue and
     * writes the inventory a last time.
     *
     * @return true when the final write succeeded
     */
    /**
     * Sets work done on the decoding thread just before each inventory write, such as saving state
     * kept beside the inventory. It must not throw.
     */
    public void setBeforeFlush(Runnable hook) {
        this.beforeFlush = hook;
    }

    /** Sets work done once after the queue is drained and before the final write, such as closing rules. */
    public void setBeforeFinalFlush(Runnable hook) {
        this.beforeFinalFlush = hook;
    }

    public boolean run() throws InterruptedException {
        List<Thread> threads = startCaptureThreads();
        AsyncInventoryWriter writer = new AsyncInventoryWriter(store);
        long now = clock.getAsLong();
        long nextFlush = now + config.flushIntervalNanos();
        long nextStats = now + config.statsIntervalNanos();
        while (stopRequested.getCount() > 0) {
            processAvailable(POLL_MILLIS);
            now = clock.getAsLong();
            if (now - nextFlush >= 0) {
                beforeFlush.run();
                writer.submit(snapshot(), ++snapshotSequence);
                nextFlush = now + config.flushIntervalNanos();
            }
            if (now - nextStats >= 0) {
                statistics.logLine();
                nextStats = now + config.statsIntervalNanos();
            }
            statistics.checkSilence(now);
        }
        LOG.info("Stopping on {}: closing the capture, draining the queue and writing the inventory", stopReason);
        stopCaptureThreads(threads);
        drain();
        // Datagrams still waiting for fragments are lost with the process, so they are counted now.
        pipeline.packetDecoder().finish();
        writer.close(SensorConfig.STOP_CAPTURE_MILLIS);
        beforeFinalFlush.run();
        beforeFlush.run();
        // The writer may still hold an older snapshot after its timeout; the number keeps it from
        // replacing this final one.
        boolean written = store.write(snapshot(), ++snapshotSequence);
        statistics.logLine();
        LOG.info("Sensor stopped; inventory {} {}", store.output(), written ? "written" : "NOT written");
        return written;
    }

    private List<Thread> startCaptureThreads() {
        List<Thread> threads = new ArrayList<>();
        for (InterfaceCapture capture : captures) {
            Thread thread = new Thread(capture, "dicomwatch-capture-" + capture.interfaceName());
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private void stopCaptureThreads(List<Thread> threads) throws InterruptedException {
        for (InterfaceCapture capture : captures) {
            capture.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SensorConfig.STOP_CAPTURE_MILLIS);
        for (int i = 0; i < threads.size(); i++) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            threads.get(i).join(left);
            if (threads.get(i).isAlive()) {
                LOG.warn("Capture thread of {} did not stop within {} ms; going on without it",
                        captures.get(i).interfaceName(), SensorConfig.STOP_CAPTURE_MILLIS);
            }
        }
    }

    /** Processes the frames left in the queue, within {@link SensorConfig#DRAIN_NANOS}. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + SensorConfig.DRAIN_NANOS;
        while (processAvailable(0) > 0) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("Queue not drained within {} s; {} frame(s) left unprocessed",
                        TimeUnit.NANOSECONDS.toSeconds(SensorConfig.DRAIN_NANOS), queue.counters().depth());
                return;
            }
        }
    }

    /**
     * Processes frames until the queue is empty, up to {@value #CLOCK_CHECK_FRAMES} of them, waiting
     * up to {@code waitMillis} for the first one.
     *
     * @return the frames processed
     */
    private int processAvailable(long waitMillis) throws InterruptedException {
        int processed = 0;
        Frame frame = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        while (frame != null) {
            try {
                frame.number = ++frameNumber;
                if (!duplicates.isDuplicate(frame)) {
                    pipeline.accept(frame);
                }
            } catch (RuntimeException e) {
                statistics.countDecoderError(frame.number, e);
            } finally {
                queue.release();
            }
            if (++processed == CLOCK_CHECK_FRAMES) {
                break;
            }
            frame = queue.poll(0, TimeUnit.MILLISECONDS);
        }
        return processed;
    }

    /** Serialises the inventory with fresh statistics, on the decoding thread. */
    private byte[] snapshot() {
        pipeline.publishStatistics();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            jsonWriter.write(pipeline.inventory(), bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Returns the queue, for tests. */
    FrameQueue queue() {
        return queue;
    }
}
