package io.dicomwatch.pipeline;

/** Receives progress of a replay; {@link ReplayJob} calls it at most once per reporting interval. */
@FunctionalInterface
public interface ReplayProgress {
    ReplayProgress NONE = (frames, bytesRead, totalBytes, elapsedNanos) -> { };

    /**
     * @param bytesRead bytes of the capture files read so far
     * @param totalBytes size of all the files, for a percentage
     */
    void report(long frames, long bytesRead, long totalBytes, long elapsedNanos);
}
