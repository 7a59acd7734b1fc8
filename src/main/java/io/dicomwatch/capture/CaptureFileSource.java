package io.dicomwatch.capture;

import java.io.IOException;

/** PLACEHOLDER: a frame source over capture files with progress. */
public abstract class CaptureFileSource implements FrameSource {
    public abstract long bytesRead();

    public abstract long totalBytes();

    @Override
    public abstract boolean next(Frame frame) throws IOException;
}
