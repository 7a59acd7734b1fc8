package io.dicomwatch.pipeline;

import java.util.List;

/**
 * Outcome of a replay.
 *
 * @param fileErrors one message per file that could not be read to its end; the frames before
 *     the error were processed
 */
public record ReplayResult(long frames, long bytesRead, long elapsedNanos, List<String> fileErrors) {
    public boolean complete() {
        return fileErrors.isEmpty();
    }
}
