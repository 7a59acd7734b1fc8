package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileSourceTest {
    private static final byte[] FIRST = {1, 2, 3, 4, 5};
    private static final byte[] SECOND = {6, 7, 8, 9};

    @TempDir
    Path directory;

    @Test
    void twoFilesOneCapture() throws IOException {
        Path pcap = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1, 0, FIRST)
                .record(2, 0, FIRST)
                .write(directory.resolve("rotated-1.pcapng"));
        Path pcapng = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(0, 0)
                .enhancedPacket(0, 3_000_000, SECOND)
                .write(directory.resolve("rotated-2.pcap"));

        List<ReadFrame> frames = ReadFrame.readAll(pcap, pcapng);

        assertThat(frames).extracting(ReadFrame::number).containsExactly(1L, 2L, 3L);
        assertThat(frames).extracting(ReadFrame::linkType).containsExactly(1, 1, 0);
        assertThat(frames.get(2).data()).containsExactly(SECOND);
        assertThat(frames.get(2).timestampNanos()).isEqualTo(3_000_000_000L);
    }

    @Test
    void progressCountsBytes() throws IOException {
        Path first = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1, 0, FIRST)
                .write(directory.resolve("a.pcap"));
        Path second = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1, 0, SECOND)
                .write(directory.resolve("b.pcap"));
        long firstSize = Files.size(first);
        long total = firstSize + Files.size(second);
        Frame frame = new Frame();

        try (CaptureFileSource source = CaptureFiles.open(List.of(first, second))) {
            assertThat(source.totalBytes()).isEqualTo(total);
            assertThat(source.bytesRead()).isZero();
            assertThat(source.currentFile()).isNull();
            source.next(frame);
            assertThat(source.currentFile()).isEqualTo(first);
            assertThat(source.bytesRead()).isEqualTo(firstSize);
            source.next(frame);
            assertThat(source.currentFile()).isEqualTo(second);
            assertThat(source.next(frame)).isFalse();
            assertThat(source.bytesRead()).isEqualTo(total);
            assertThat(source.framesRead()).isEqualTo(2);
        }
    }

    @Test
    void continuesAfterCorruptFile() throws IOException {
        Path bad = Files.write(directory.resolve("bad.pcap"), new byte[] {'h', 'e', 'l', 'l', 'o'});
        Path good = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1, 0, FIRST)
                .write(directory.resolve("good.pcap"));
        Frame frame = new Frame();

        try (CaptureFileSource source = CaptureFiles.open(List.of(bad, good))) {
            assertThatThrownBy(() -> source.next(frame)).isInstanceOf(CaptureFormatException.class);
            assertThat(source.next(frame)).isTrue();
            assertThat(frame.number).isEqualTo(1);
            assertThat(source.next(frame)).isFalse();
        }
    }

    @Test
    void emptyFileRejected() throws IOException {
        Path file = Files.write(directory.resolve("empty.pcap"), new byte[0]);

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(file + ": the file is empty; a pcap or pcapng capture starts with a file header");
    }

    @Test
    void tinyFileRejected() throws IOException {
        Path file = Files.write(directory.resolve("tiny.pcap"), new byte[] {(byte) 0xD4, (byte) 0xC3});

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("only 2 bytes long");
    }

    @Test
    void unknownMagicRejected() throws IOException {
        Path file = Files.write(directory.resolve("text.pcap"), "GET / HTTP/1.1\r\n".getBytes());

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith(file + ": not a pcap or pcapng file: unknown magic number 0x47455420");
    }

    @Test
    void gzipNamed() throws IOException {
        Path file = Files.write(directory.resolve("capture.pcap.gz"), new byte[] {0x1F, (byte) 0x8B, 8, 0, 0});

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("gzip-compressed");
    }

    @Test
    void missingFileFailsOpen() {
        Path file = directory.resolve("absent.pcap");

        assertThatThrownBy(() -> CaptureFiles.open(List.of(file))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void pipeSkipsLargeBlockByReading() throws Exception {
        Path fifo = directory.resolve("capture.fifo");
        assumeTrue(makeFifo(fifo), "mkfifo is not available");
        byte[] capture = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, 0)
                .block(CaptureBuilder.BLOCK_CUSTOM, new byte[3 * CaptureInput.CHUNK_SIZE])
                .enhancedPacket(0, 1, FIRST)
                .bytes();
        Thread writer = new Thread(() -> writeQuietly(fifo, capture));
        writer.start();

        List<ReadFrame> frames = ReadFrame.readAll(fifo);
        writer.join();

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
    }

    @Test
    void framesBeforeErrorInSecondFile() throws IOException {
        Path first = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1, 0, FIRST)
                .write(directory.resolve("first.pcap"));
        Path second = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1, 0, SECOND)
                .recordHeader(100)
                .write(directory.resolve("second.pcap"));
        List<ReadFrame> frames = new ArrayList<>();

        try (CaptureFileSource source = CaptureFiles.open(List.of(first, second))) {
            assertThatThrownBy(() -> ReadFrame.readInto(source, frames))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessageStartingWith(second + ": frame 3 at byte 44: ");
        }
        assertThat(frames).hasSize(2);
    }

    private static boolean makeFifo(Path fifo) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeQuietly(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
