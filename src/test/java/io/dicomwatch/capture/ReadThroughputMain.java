package io.dicomwatch.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures reading plus packet decoding speed, outside the test suite.
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.dicomwatch.capture.ReadThroughputMain generate FILE MIB [pcapng]
 * java -cp target/classes:target/test-classes io.dicomwatch.capture.ReadThroughputMain run FILE... 
 * </pre>
 *
 * <p>{@code generate} writes a capture of 1514-byte Ethernet/IPv4/TCP frames (MTU 1500) of about
 * MIB mebibytes. {@code run} makes three full passes over the files as one capture and prints
 * each pass's rate and the decoder counters of the last.
 */
public final class ReadThroughputMain {
    private static final int FRAME_LENGTH = 1514;
    private static final int PASSES = 3;

    private ReadThroughputMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("generate")) {
            boolean pcapng = args.length > 3 && args[3].equals("pcapng");
            generate(Path.of(args[1]), Long.parseLong(args[2]) << 20, pcapng);
            return;
        }
        if (args.length >= 2 && args[0].equals("run")) {
            List<Path> files = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                files.add(Path.of(args[i]));
            }
            run(files);
            return;
        }
        System.err.println("usage: ReadThroughputMain generate FILE MIB [pcapng] | run FILE...");
        System.exit(2);
    }

    private static void run(List<Path> files) throws IOException {
        double best = 0;
        PacketStats stats = null;
        for (int pass = 1; pass <= PASSES; pass++) {
            PacketDecoder decoder = new PacketDecoder();
            TcpSegment segment = new TcpSegment();
            Frame frame = new Frame();
            long payloadBytes = 0;
            long start = System.nanoTime();
            long fileBytes;
            try (CaptureFileSource source = CaptureFiles.open(files)) {
                while (source.next(frame)) {
                    if (decoder.decode(frame, segment)) {
                        payloadBytes += segment.payloadLength;
                    }
                }
                fileBytes = source.totalBytes();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = fileBytes / seconds / 1e9;
            best = Math.max(best, rate);
            stats = decoder.stats();
            System.out.printf("pass %d: %d bytes in %.3f s = %.2f GB/s (%d payload bytes)%n",
                    pass, fileBytes, seconds, rate, payloadBytes);
        }
        System.out.printf("best of %d: %.2f GB/s%n%s%n", PASSES, best, stats);
    }

    private static void generate(Path file, long targetBytes, boolean pcapng) throws IOException {
        byte[] frame = Packets.ethernet(Packets.ETHERTYPE_IPV4,
                Packets.ipv4(Packets.PROTOCOL_TCP, Packets.tcp(new byte[FRAME_LENGTH - 54])));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(pcapng
                    ? CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(LinkType.ETHERNET, 0).bytes()
                    : CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROSECONDS, 1).bytes());
            ByteBuffer header = ByteBuffer.allocate(pcapng ? 28 : 16).order(ByteOrder.LITTLE_ENDIAN);
            long written = 0;
            for (long sequence = 0; written < targetBytes; sequence++) {
                ByteBuffer.wrap(frame).putInt(14 + 20 + 4, (int) (sequence * (FRAME_LENGTH - 54)));
                long micros = 1_700_000_000_000_000L + sequence * 12;
                header.clear();
                if (pcapng) {
                    header.putInt(6).putInt(32 + 1516).putInt(0);          // EPB type, length, interface
                    header.putInt((int) (micros >>> 32)).putInt((int) micros);
                    header.putInt(FRAME_LENGTH).putInt(FRAME_LENGTH);
                } else {
                    header.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
                    header.putInt(FRAME_LENGTH).putInt(FRAME_LENGTH);
                }
                out.write(header.array());
                out.write(frame);
                if (pcapng) {
                    out.write(new byte[2]);                                   // pad 1514 to 1516
                    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(32 + 1516).array());
                }
                written += header.capacity() + frame.length;
            }
        }
    }
}
