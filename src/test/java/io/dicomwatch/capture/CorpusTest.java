package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads published third-party captures in place from the corpus folder named by the
 * {@code dicomwatch.corpus} system property (default ../shared/corpus), and skips when it does not
 * exist. The files are never copied into the project.
 */
class CorpusTest {
    private static final List<Path> CANDIDATES =
            List.of(Path.of(System.getProperty("dicomwatch.corpus", "../shared/corpus")));

    @TestFactory
    Stream<DynamicTest> corpusFilesDecode() throws IOException {
        Path folder = CANDIDATES.stream().filter(Files::isDirectory).findFirst().orElse(null);
        assumeTrue(folder != null, "no corpus folder at " + CANDIDATES);
        List<Path> captures;
        try (Stream<Path> files = Files.list(folder)) {
            captures = files.filter(CorpusTest::isCapture).sorted().toList();
        }
        assumeTrue(!captures.isEmpty(), "no capture files in " + folder);
        return captures.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertDecodes(file)));
    }

    private static boolean isCapture(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".pcap") || name.endsWith(".pcapng"));
    }

    private static void assertDecodes(Path file) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        Frame frame = new Frame();
        long skipped;
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            while (source.next(frame)) {
                decoder.decode(frame, segment);
            }
            skipped = source.skippedRecords();
        }
        PacketStats stats = decoder.stats();

        assertThat(stats.frames).isPositive();
        assertThat(stats.tcpSegments).isPositive();
        assertThat(stats.malformed).isZero();
        assertThat(stats.truncated).isZero();
        assertThat(stats.unsupportedLinkType).isZero();
        assertThat(skipped).isZero();
    }
}
