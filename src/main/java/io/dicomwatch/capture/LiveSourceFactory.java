package io.dicomwatch.capture;

/** Opens interfaces; tests substitute sources that need no real interface. */
@FunctionalInterface
public interface LiveSourceFactory {
    LiveSource open(LiveCaptureConfig config) throws CaptureOpenException;
}
