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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PcapngReaderTest {
    private static final byte[] FIRST = {1, 2, 3, 4, 5};
    private static final byte[] SECOND = {6, 7, 8, 9};
    private static final long TIMESTAMP_MICROS = 1_700_000_000_123_456L;
    private static final int ETHERNET = 1;
    private static final int NULL = 0;

    @TempDir
    Path directory;

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder value;

        Order(ByteOrder value) {
            this.value = value;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void enhancedPacketBothOrders(Order order) throws IOException {
        Path file = CaptureBuilder.pcapng(order.value)
                .interfaceBlock(ETHERNET, 65535)
                .enhancedPacket(0, TIMESTAMP_MICROS, FIRST, 60)
                .write(directory.resolve("epb.pcapng"));

        ReadFrame frame = ReadFrame.readAll(file).get(0);

        assertThat(frame.data()).containsExactly(FIRST);
        assertThat(frame.linkType()).isEqualTo(ETHERNET);
        assertThat(frame.timestampNanos()).isEqualTo(TIMESTAMP_MICROS * 1000);
        assertThat(frame.originalLength()).isEqualTo(60);
        assertThat(frame.number()).isEqualTo(1);
    }

    @Test
    void decimalResolutionNanoseconds() throws IOException {
        CaptureBuilder builder = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN);
        Path file = builder
                .interfaceBlock(ETHERNET, 0, CaptureBuilder.OPTION_IF_TSRESOL, new byte[] {9})
                .enhancedPacket(0, 1_700_000_000_123_456_789L, FIRST)
                .write(directory.resolve("ns.pcapng"));

        assertThat(ReadFrame.readAll(file).get(0).timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
    }

    @Test
    void binaryResolution() throws IOException {
        // 2^-10 seconds per unit: 1536 units are 1.5 seconds.
        Path file = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(ETHERNET, 0, CaptureBuilder.OPTION_IF_TSRESOL, new byte[] {(byte) 0x8A})
                .enhancedPacket(0, 1536, FIRST)
                .write(directory.resolve("binary.pcapng"));

        assertThat(ReadFrame.readAll(file).get(0).timestampNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void timestampOffsetAdded() throws IOException {
        CaptureBuilder builder = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN);
        Path file = builder
                .interfaceBlock(ETHERNET, 0,
                        CaptureBuilder.OPTION_IF_TSRESOL, new byte[] {0},
                        CaptureBuilder.OPTION_IF_TSOFFSET, builder.int64(1_000_000_000L))
                .enhancedPacket(0, 7, FIRST)
                .write(directory.resolve("offset.pcapng"));

        assertThat(ReadFrame.readAll(file).get(0).timestampNanos()).isEqualTo(1_000_000_007_000_000_000L);
    }

    @Test
    void twoInterfacesKeepLinkTypes() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 65535)
                .interfaceBlock(NULL, 65535, CaptureBuilder.OPTION_IF_TSRESOL, new byte[] {3})
                .enhancedPacket(1, 5, FIRST)
                .enhancedPacket(0, 5, SECOND)
                .write(directory.resolve("two-interfaces.pcapng"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames.get(0).linkType()).isEqualTo(NULL);
        assertThat(frames.get(0).timestampNanos()).isEqualTo(5_000_000L);
        assertThat(frames.get(1).linkType()).isEqualTo(ETHERNET);
        assertThat(frames.get(1).timestampNanos()).isEqualTo(5_000L);
    }

    @Test
    void simplePacketCutBySnapLength() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 3)
                .enhancedPacket(0, 42, SECOND)
                .simplePacket(1514, FIRST)
                .write(directory.resolve("spb.pcapng"));

        ReadFrame frame = ReadFrame.readAll(file).get(1);

        assertThat(frame.data()).containsExactly(1, 2, 3);
        assertThat(frame.originalLength()).isEqualTo(1514);
        assertThat(frame.linkType()).isEqualTo(ETHERNET);
        assertThat(frame.timestampNanos()).isEqualTo(42_000L);
    }

    @Test
    void simplePacketLengthFromOriginal() throws IOException {
        // The data is padded to 8 bytes in the block; the original length gives the 5 packet bytes.
        Path file = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .simplePacket(FIRST.length, FIRST)
                .write(directory.resolve("spb-whole.pcapng"));

        assertThat(ReadFrame.readAll(file).get(0).data()).containsExactly(FIRST);
    }

    @Test
    void obsoletePacketBlock() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(NULL, 0)
                .interfaceBlock(ETHERNET, 0)
                .packetBlock(1, TIMESTAMP_MICROS, FIRST)
                .write(directory.resolve("pb.pcapng"));

        ReadFrame frame = ReadFrame.readAll(file).get(0);

        assertThat(frame.data()).containsExactly(FIRST);
        assertThat(frame.linkType()).isEqualTo(ETHERNET);
        assertThat(frame.timestampNanos()).isEqualTo(TIMESTAMP_MICROS * 1000);
    }

    @Test
    void otherBlocksSkipped() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .block(CaptureBuilder.BLOCK_NRB, new byte[] {0, 0, 0, 0})
                .interfaceBlock(ETHERNET, 0)
                .block(CaptureBuilder.BLOCK_CUSTOM, new byte[] {1, 2, 3, 4, 5, 6})
                .enhancedPacket(0, 1, FIRST)
                .block(CaptureBuilder.BLOCK_ISB, new byte[20])
                .block(CaptureBuilder.BLOCK_DSB, new byte[9])
                .enhancedPacket(0, 2, SECOND)
                .write(directory.resolve("other-blocks.pcapng"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
        assertThat(frames.get(1).data()).containsExactly(SECOND);
        assertThat(frames.get(1).number()).isEqualTo(2);
    }

    @Test
    void sectionsSwitchByteOrder() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .enhancedPacket(0, 1, FIRST)
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(NULL, 0)
                .enhancedPacket(0, 2, SECOND)
                .write(directory.resolve("sections.pcapng"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).linkType()).isEqualTo(ETHERNET);
        assertThat(frames.get(1).linkType()).isEqualTo(NULL);
        assertThat(frames.get(1).data()).containsExactly(SECOND);
    }

    @Test
    void newSectionForgetsInterfaces() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .section(ByteOrder.LITTLE_ENDIAN)
                .enhancedPacket(0, 1, FIRST)
                .write(directory.resolve("no-interface.pcapng"));

        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            assertThat(source.next(new Frame())).isFalse();
            assertThat(source.skippedRecords()).isEqualTo(1);
        }
    }

    @Test
    void unknownInterfaceSkipped() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .enhancedPacket(7, 1, FIRST)
                .enhancedPacket(0, 2, SECOND)
                .write(directory.resolve("unknown-interface.pcapng"));

        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            List<ReadFrame> frames = new ArrayList<>();
            ReadFrame.readInto(source, frames);
            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).data()).containsExactly(SECOND);
            assertThat(frames.get(0).number()).isEqualTo(1);
            assertThat(source.skippedRecords()).isEqualTo(1);
        }
    }

    @Test
    void skippedBlockLoggedOncePerFile() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .enhancedPacket(7, 1, FIRST)
                .enhancedPacket(9, 2, SECOND)
                .write(directory.resolve("unknown-interfaces.pcapng"));
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PcapngReader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);

        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            ReadFrame.readInto(source, new ArrayList<>());
            assertThat(source.skippedRecords()).isEqualTo(2);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).hasSize(1);
        String message = appender.list.get(0).getFormattedMessage();
        assertThat(message).contains(file.toString());
        assertThat(message).contains("interface 7");
        assertThat(message).contains("at byte ");
    }

    @Test
    void capturedLengthBeyondBlockSkipped() throws IOException {
        CaptureBuilder builder = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(ETHERNET, 0);
        byte[] body = new byte[24];
        body[12] = 100;   // captured length 100 in a block with 4 data bytes
        Path file = builder.block(CaptureBuilder.BLOCK_EPB, body)
                .enhancedPacket(0, 2, SECOND)
                .write(directory.resolve("bad-caplen.pcapng"));

        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            List<ReadFrame> frames = new ArrayList<>();
            ReadFrame.readInto(source, frames);
            assertThat(frames).hasSize(1);
            assertThat(source.skippedRecords()).isEqualTo(1);
        }
    }

    @Test
    void trailerMismatchRejected() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .enhancedPacket(0, 1, FIRST)
                .block(CaptureBuilder.BLOCK_EPB, new byte[24], 36, 40)
                .write(directory.resolve("trailer.pcapng"));
        List<ReadFrame> frames = new ArrayList<>();

        assertThatThrownBy(() -> readInto(file, frames))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith(file + ": frame 2 at byte ")
                .hasMessageContaining("does not match the length 40");
        assertThat(frames).hasSize(1);
    }

    @Test
    void unalignedLengthRejected() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .block(CaptureBuilder.BLOCK_NRB, new byte[4], 18, 18)
                .write(directory.resolve("unaligned.pcapng"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("block length 18 is not a multiple of 4");
    }

    @Test
    void shortLengthRejected() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .block(CaptureBuilder.BLOCK_NRB, new byte[0], 8, 8)
                .write(directory.resolve("short-block.pcapng"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("block length 8 is less than the minimum of 12");
    }

    @Test
    void oversizedPacketBlockRejected() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .block(CaptureBuilder.BLOCK_EPB, new byte[24], 0x7FFF_FFF0, 36)
                .write(directory.resolve("huge-epb.pcapng"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("frame 1 at byte 52")
                .hasMessageContaining("block length 2147483632 exceeds the maximum of 16777216");
    }

    @Test
    void unknownBlockPastEndRejected() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .block(CaptureBuilder.BLOCK_CUSTOM, new byte[4], 0x7FFF_FFF0, 16)
                .write(directory.resolve("past-end.pcapng"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("runs past the end of the file");
    }

    @Test
    void largeUnknownBlockSkipped() throws IOException {
        byte[] body = new byte[CaptureInput.MAX_RECORD_LENGTH + 8];
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .block(CaptureBuilder.BLOCK_CUSTOM, body)
                .enhancedPacket(0, 1, FIRST)
                .write(directory.resolve("large-custom.pcapng"));

        List<ReadFrame> frames = ReadFrame.readAll(file);

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
    }

    @Test
    void truncatedBlockKeepsEarlierFrames() throws IOException {
        byte[] whole = CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .enhancedPacket(0, 1, FIRST)
                .enhancedPacket(0, 2, SECOND)
                .bytes();
        Path file = Files.write(directory.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 6));
        List<ReadFrame> frames = new ArrayList<>();

        assertThatThrownBy(() -> readInto(file, frames))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith(file + ": frame 2 at byte 92: ")
                .hasMessageContaining("truncated");
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).data()).containsExactly(FIRST);
    }

    @Test
    void badByteOrderMagicRejected() throws IOException {
        byte[] whole = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).bytes();
        whole[8] = 0x55;
        Path file = Files.write(directory.resolve("bad-bom.pcapng"), whole);

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("invalid byte-order magic");
    }

    @Test
    void unsupportedVersionRejected() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .section(ByteOrder.LITTLE_ENDIAN, 2)
                .write(directory.resolve("v2.pcapng"));

        assertThatThrownBy(() -> ReadFrame.readAll(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("unsupported pcapng version 2.0");
    }

    @Test
    void sectionHeaderOnlyHasNoFrames() throws IOException {
        Path file = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(ETHERNET, 0)
                .write(directory.resolve("no-packets.pcapng"));

        assertThat(ReadFrame.readAll(file)).isEmpty();
    }

    private static void readInto(Path file, List<ReadFrame> frames) throws IOException {
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            ReadFrame.readInto(source, frames);
        }
    }
}
