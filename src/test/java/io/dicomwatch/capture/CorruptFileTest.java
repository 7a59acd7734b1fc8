package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Randomly corrupted and cut capture files: reading ends normally or with CaptureFormatException. */
class CorruptFileTest {
    private static final int ROUNDS = 1000;
    private static final byte[] FRAME = Packets.ethernet(Packets.ETHERTYPE_IPV4,
            Packets.ipv4(Packets.PROTOCOL_TCP, Packets.tcp(new byte[] {1, 2, 3})));

    @TempDir
    Path directory;

    @Test
    void corruptPcapFails() throws IOException {
        byte[] capture = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, CaptureBuilder.PCAP_NANOSECONDS, 1)
                .record(1, 2, FRAME)
                .record(3, 4, FRAME, 1514)
                .record(5, 6, FRAME)
                .bytes();

        assertOnlyFormatErrors(capture, new Random(1));
    }

    @Test
    void corruptPcapngFails() throws IOException {
        CaptureBuilder builder = CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN);
        byte[] capture = builder
                .interfaceBlock(1, 0, CaptureBuilder.OPTION_IF_TSRESOL, new byte[] {9},
                        CaptureBuilder.OPTION_IF_TSOFFSET, builder.int64(5))
                .enhancedPacket(0, 1, FRAME)
                .block(CaptureBuilder.BLOCK_NRB, new byte[12])
                .simplePacket(FRAME.length, FRAME)
                .packetBlock(0, 2, FRAME)
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(0, 64)
                .enhancedPacket(0, 3, FRAME)
                .bytes();

        assertOnlyFormatErrors(capture, new Random(2));
    }

    private void assertOnlyFormatErrors(byte[] capture, Random random) throws IOException {
        Path file = directory.resolve("corrupt.cap");
        int completed = 0;
        int failed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] corrupt = capture.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(corrupt.length + 1) : corrupt.length;
            Files.write(file, Arrays.copyOf(corrupt, length));
            try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
                readAndDecode(source);
                completed++;
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
                failed++;
            }
        }

        assertThat(completed).as("files read to the end").isPositive();
        assertThat(failed).as("files rejected as corrupt").isPositive();
    }

    private static void readAndDecode(CaptureFileSource source) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        Frame frame = new Frame();
        while (source.next(frame)) {
            assertThat(frame.offset + frame.capturedLength).isLessThanOrEqualTo(frame.data.length);
            decoder.decode(frame, segment);
        }
    }
}
