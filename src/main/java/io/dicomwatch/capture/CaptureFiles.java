package io.dicomwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER: opens pcap and pcapng files, detected by magic number, as one frame source. */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /** Opens the files as one continuous capture, read in the given order. */
    public static CaptureFileSource open(List<Path> files) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
