package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {
    private static final byte[] FIRST = {1, 2, 3, 4, 5};
    private static final byte[] SECOND = {6, 7, 8};

    @TempDir
    Path directory;

    @Test
    void littleEndianMicroseconds() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(1_700_000_000L, 123_456, FIRST)
                .record(1_700_000_001L, 0, SECOND)
                .write(directory.resolve("le.pcap"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
        assertThat(frames.get(0).timestampNanos()).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(frames.get(0).linkType()).isEqualTo(1);
        assertThat(frames.get(0).number()).isEqualTo(1);
        assertThat(frames.get(1).data()).containsExactly(SECOND);
        assertThat(frames.get(1).number()).isEqualTo(2);
    }

    @Test
    void bigEndianNanoseconds() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, CaptureBuilder.PCAP_NANOSECONDS, 101)
                .record(1_700_000_000L, 123_456_789, FIRST)
                .write(directory.resolve("be.pcap"));

        ReadFrame frame = ReadFrame.readAll(file).get(0);

        assertThat(frame.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(frame.linkType()).isEqualTo(101);
        assertThat(frame.data()).containsExactly(FIRST);
    }

    @Test
    void secondsAreUnsignedPast2038() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(0xFFFF_FFF0L, 0, FIRST)
                .write(directory.resolve("y2038.pcap"));

        assertThat(ReadFrame.readAll(file).get(0).timestampNanos()).isEqualTo(0xFFFF_FFF0L * 1_000_000_000L);
    }

    @Test
    void originalLengthKeptWhenSnapped() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(0, 0, FIRST, 1514)
                .write(directory.resolve("snapped.pcap"));

        ReadFrame frame = ReadFrame.readAll(file).get(0);

        assertThat(frame.originalLength()).isEqualTo(1514);
        assertThat(frame.data()).hasSize(FIRST.length);
    }

    @Test
    void originalLengthNeverBelowCaptured() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(0, 0, FIRST, 2)
                .write(directory.resolve("short-original.pcap"));

        assertThat(ReadFrame.readAll(file).get(0).originalLength()).isEqualTo(FIRST.length);
    }

    @Test
    void linkTypeFcsBitsMasked() throws IOException {
        int ethernetWithFcsLength4 = 0x4400_0001;
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS,
                        ethernetWithFcsLength4)
                .record(0, 0, FIRST)
                .write(directory.resolve("fcs.pcap"));

        assertThat(ReadFrame.readAll(file).get(0).linkType()).isEqualTo(1);
    }

    @Test
    void modifiedFormatRecordHeader() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MODIFIED, 1)
                .record(10, 20, FIRST)
                .record(11, 0, SECOND)
                .write(directory.resolve("modified.pcap"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
        assertThat(frames.get(1).data()).containsExactly(SECOND);
    }

    @Test
    void version22LengthsSwapped() throws IOException {
        // Version 2.2 wrote the original length where 2.4 has the captured length.
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 2, 2, 1)
                .raw(0, 0, 0, 0)       // seconds
                .raw(0, 0, 0, 0)       // microseconds
                .raw(100, 0, 0, 0)     // original length in version 2.2
                .raw(5, 0, 0, 0)       // captured length in version 2.2
                .raw(FIRST)
                .write(directory.resolve("v22.pcap"));

        ReadFrame frame = ReadFrame.readAll(file).get(0);

        assertThat(frame.data()).containsExactly(FIRST);
        assertThat(frame.originalLength()).isEqualTo(100);
    }

    @Test
    void headerOnlyHasNoFrames() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .write(directory.resolve("empty-capture.pcap"));

        assertThat(ReadFrame.readAll(file)).isEmpty();
    }

    @Test
    void partialHeaderRejected() throws IOException {
        byte[] header = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1).bytes();
        Path file = Files.write(directory.resolve("half.pcap"), Arrays.copyOf(header, 10));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("half.pcap")
                .hasMessageContaining("file header cut short");
    }

    @Test
    void truncatedRecordKeepsEarlierFrames() throws IOException {
        byte[] whole = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(0, 0, FIRST)
                .record(0, 0, SECOND)
                .bytes();
        Path file = Files.write(directory.resolve("cut.pcap"),
                Arrays.copyOf(whole, whole.length - 1));
        List<ReadFrame> frames = new ArrayList<>();

        assertThatThrownBy(() -> readInto(file, frames))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith(file + ": frame 2 at byte 45: ")
                .hasMessageContaining("truncated");
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
    }

    @Test
    void truncatedRecordHeader() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(0, 0, FIRST)
                .raw(1, 2, 3)
                .write(directory.resolve("cut-header.pcap"));
        List<ReadFrame> frames = new ArrayList<>();

        assertThatThrownBy(() -> readInto(file, frames))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("frame 2 at byte 45")
                .hasMessageContaining("record header");
        assertThat(frames).hasSize(1);
    }

    @Test
    void oversizedRecordRejected() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .recordHeader(0xFFFF_FFFFL)
                .raw(new byte[64])
                .write(directory.resolve("huge.pcap"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(file + ": frame 1 at byte 24: record length 4294967295 exceeds the maximum of"
                        + " 16777216; the file is corrupt or truncated");
    }

    @Test
    void recordLargerThanChunkRead() throws IOException {
        byte[] large = new byte[CaptureInput.CHUNK_SIZE * 3 + 7];
        large[large.length - 1] = 42;
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1)
                .record(0, 0, FIRST)
                .record(0, 0, large)
                .record(0, 0, SECOND)
                .write(directory.resolve("large.pcap"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames).hasSize(3);
        assertThat(frames.get(1).data()).hasSize(large.length);
        assertThat(frames.get(1).data()[large.length - 1]).isEqualTo((byte) 42);
        assertThat(frames.get(2).data()).containsExactly(SECOND);
    }

    @Test
    void archaicVersionRejected() throws IOException {
        Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1, 0, 1)
                .write(directory.resolve("v1.pcap"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("unsupported pcap version 1.0");
    }

    private static void readInto(Path file, List<ReadFrame> frames) throws IOException {
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            ReadFrame.readInto(source, frames);
        }
    }
}
