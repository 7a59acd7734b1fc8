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
        long start = System.nanoTime();
        long nextReport = start + progressIntervalNanos;
        long frames = 0;
        long bytesBeforeFile = 0;
        List<String> errors = new ArrayList<>();
        Frame frame = new Frame();
        for (Path file : files) {
            LOG.debug("Reading {}", file);
            try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
                try {
                    while (source.next(frame)) {
                        pipeline.accept(frame);
                        frames++;
                        if ((frames & (PROGRESS_CHECK_FRAMES - 1)) == 0) {
                            long now = System.nanoTime();
                            if (now >= nextReport) {
                                progress.report(frames, bytesBeforeFile + source.bytesRead(), totalBytes, now - start);
                                nextReport = now + progressIntervalNanos;
                            }
                        }
                    }
                } catch (CaptureFormatException e) {
                    LOG.error("Stopped reading {}: {}", file, e.getMessage());
                    errors.add(e.getMessage());
                }
            } catch (CaptureFormatException e) {
                LOG.error("Cannot read {}: {}", file, e.getMessage());
                errors.add(e.getMessage());
            }
            bytesBeforeFile += Files.size(file);
        }
        pipeline.finish();
        pipeline.publishStatistics();
        return new ReplayResult(frames, bytesBeforeFile, System.nanoTime() - start, List.copyOf(errors));
    }
}
