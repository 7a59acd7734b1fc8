package io.dicomwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A copy of a frame that outlives the reader's buffer, for assertions. */
record ReadFrame(long number, int linkType, long timestampNanos, byte[] data, int originalLength) {

    static ReadFrame copyOf(Frame frame) {
        byte[] data = Arrays.copyOfRange(frame.data, frame.offset, frame.offset + frame.capturedLength);
        return new ReadFrame(frame.number, frame.linkType, frame.timestampNanos, data, frame.originalLength);
    }

    /** Reads every frame of the files as one capture. */
    static List<ReadFrame> readAll(Path... files) throws IOException {
        List<ReadFrame> frames = new ArrayList<>();
        try (CaptureFileSource source = CaptureFiles.open(List.of(files))) {
            readInto(source, frames);
        }
        return frames;
    }

    /** Reads frames until the end or an exception, keeping those read before it. */
    static void readInto(FrameSource source, List<ReadFrame> frames) throws IOException {
        Frame frame = new Frame();
        while (source.next(frame)) {
            frames.add(copyOf(frame));
        }
    }
}
