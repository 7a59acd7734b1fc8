package io.dicomwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Entry point for reading pcap and pcapng files, detected by magic number. */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /**
     * Opens the files as one continuous capture, read in the given order; see
     * {@link CaptureFileSource}.
     *
     * @throws IOException when a file is missing or unreadable; format errors come from
     *     {@link CaptureFileSource#next}
     */
    public static CaptureFileSource open(List<Path> files) throws IOException {
        return new CaptureFileSource(files);
    }
}
