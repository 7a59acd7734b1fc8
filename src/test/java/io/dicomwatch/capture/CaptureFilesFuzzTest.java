package io.dicomwatch.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for the capture file readers: any file content reads to its end or stops with
 * {@link CaptureFormatException}, and every frame decodes without an exception. The readers take
 * only paths, so each input is written to one temporary file that is reused.
 */
class CaptureFilesFuzzTest {
    private static final Path FILE = createFile();

    @FuzzTest(maxDuration = "2m")
    void read(byte[] data) throws IOException {
        Files.write(FILE, data);
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        Frame frame = new Frame();
        try (CaptureFileSource source = CaptureFiles.open(List.of(FILE))) {
            while (source.next(frame)) {
                decoder.decode(frame, segment);
            }
        } catch (CaptureFormatException expected) {
            // A corrupt or truncated file ends the read, which is the documented outcome.
        }
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(FILE);
    }

    private static Path createFile() {
        try {
            Path file = Files.createTempFile("dicomwatch-fuzz", ".pcap");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
