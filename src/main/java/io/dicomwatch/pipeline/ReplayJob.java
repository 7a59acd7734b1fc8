package io.dicomwatch.pipeline;

import io.dicomwatch.capture.CaptureFileSource;
import io.dicomwatch.capture.CaptureFiles;
import io.dicomwatch.capture.CaptureFormatException;
import io.dicomwatch.capture.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays capture files through a {@link Pipeline} as one continuous capture: connections carry
 * from one file into the next, as with rotated files. A file that is corrupt part way is read up
 * to the damage, reported, and the replay goes on with the next file.
 */
public final class ReplayJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayJob.class);
    /** Frames between two looks at the clock for progress, so the check costs nothing per frame. */
    private static final int PROGRESS_CHECK_FRAMES = 1 << 14;

    private final Pipeline pipeline;
    private final ReplayProgress progress;
    private final long progressIntervalNanos;

    public ReplayJob(Pipeline pipeline, ReplayProgress progress, long progressIntervalNanos) {
        this.pipeline = pipeline;
        this.progress = progress;
        this.progressIntervalNanos = progressIntervalNanos;
    }

    public ReplayResult run(List<Path> files) throws IOException {
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }

        Progress state = new Progress(totalBytes, System.nanoTime());
        List<String> errors = new ArrayList<>();
        Frame frame = new Frame();
        for (Path file : files) {
            String error = replayFile(file, frame, state);
            if (error != null) {
                errors.add(error);
            }
            state.bytesBeforeFile += Files.size(file);
        }

        pipeline.finish();
        pipeline.publishStatistics();
        return new ReplayResult(state.frames, state.bytesBeforeFile, System.nanoTime() - state.start,
                List.copyOf(errors));
    }

    /** Counters of a replay across its files. */
    private final class Progress {
        final long totalBytes;
        final long start;
        long nextReport;
        long frames;
        long bytesBeforeFile;
        /** Latest capture time of the files read so far. */
        long lastTimestamp = Long.MIN_VALUE;
        Path lastFile;

        Progress(long totalBytes, long start) {
            this.totalBytes = totalBytes;
            this.start = start;
            this.nextReport = start + progressIntervalNanos;
        }
    }

    /** Feeds one file to the pipeline; returns the error that stopped it early, or null. */
    private String replayFile(Path file, Frame frame, Progress state) throws IOException {
        LOG.debug("Reading {}", file);
        long fileStartFrames = state.frames;
        long latest = Long.MIN_VALUE;
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            try {
                while (source.next(frame)) {
                    if (state.frames == fileStartFrames) {
                        checkOrder(state, file, frame.timestampNanos);
                    }
                    latest = Math.max(latest, frame.timestampNanos);
                    pipeline.accept(frame);
                    state.frames++;
                    if ((state.frames & (PROGRESS_CHECK_FRAMES - 1)) == 0) {
                        reportProgress(state, state.bytesBeforeFile + source.bytesRead());
                    }
                }
                return null;
            } finally {
                pipeline.packetDecoder().stats().skippedRecords += source.skippedRecords();
            }
        } catch (CaptureFormatException e) {
            // The caller reports it; the log keeps it for a run without a console.
            LOG.debug("Stopped reading {}: {}", file, e.getMessage());
            return e.getMessage();
        } finally {
            if (latest != Long.MIN_VALUE) {
                state.lastTimestamp = Math.max(state.lastTimestamp, latest);
                state.lastFile = file;
            }
        }
    }

    /**
     * Warns when a file starts before the previous ones ended: rotated files given out of order
     * break connections apart into false mid-stream joins.
     */
    private static void checkOrder(Progress state, Path file, long firstTimestamp) {
        if (state.lastFile != null && firstTimestamp < state.lastTimestamp) {
            long overlapNanos = state.lastTimestamp - firstTimestamp;
            if (overlapNanos < 0) {
                // The true difference of two extreme timestamps exceeds a long.
                overlapNanos = Long.MAX_VALUE;
            }
            LOG.warn("{} starts {} ms before {} ends; give rotated capture files in capture order", file,
                    overlapNanos / 1_000_000, state.lastFile);
        }
    }

    private void reportProgress(Progress state, long bytesRead) {
        long now = System.nanoTime();
        if (now >= state.nextReport) {
            progress.report(state.frames, bytesRead, state.totalBytes, now - state.start);
            state.nextReport = now + progressIntervalNanos;
        }
    }
}
