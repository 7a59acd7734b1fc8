package io.dicomwatch.capture;

import java.io.Closeable;
import java.io.IOException;

/** A sequence of frames: a capture file, several rotated files in order, or a live interface. */
public interface FrameSource extends Closeable {
    /**
     * Reads the next frame into {@code frame}, reusing its buffer.
     *
     * @return false at the end of the capture
     * @throws CaptureFormatException when the input is corrupt or truncated; frames read before
     *     it stay valid, and the message names the file and the frame number
     */
    boolean next(Frame frame) throws IOException;
}
