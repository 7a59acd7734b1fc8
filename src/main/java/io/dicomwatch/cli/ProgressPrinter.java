package io.dicomwatch.cli;

import io.dicomwatch.pipeline.ReplayProgress;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints replay progress to standard error: share of the input read, frames and read rate. */
final class ProgressPrinter implements ReplayProgress {
    private final PrintWriter err;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void report(long frames, long bytesRead, long totalBytes, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double percent = totalBytes == 0 ? 100 : 100.0 * bytesRead / totalBytes;
        err.printf(Locale.ROOT, "replay: %.0f%% (%s of %s), %,d packets, %s/s%n", percent, Sizes.format(bytesRead),
                Sizes.format(totalBytes), frames, Sizes.format((long) (bytesRead / Math.max(seconds, 1e-9))));
        err.flush();
    }
}
