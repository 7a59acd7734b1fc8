package io.dicomwatch.testing;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a pcap file (version 2.4, nanosecond timestamps, little endian, link type EN10MB) of
 * Ethernet, IPv4 and TCP frames, fast enough for captures of millions of packets. Checksums are
 * left zero, as offloaded captures have them, because the decoder does not check them.
 */
public final class PcapWriter implements Closeable {
    /** Ethernet (14), IPv4 without options (20) and TCP without options (20). */
    public static final int HEADERS_LENGTH = 54;
    /** Largest TCP payload an IPv4 total length can describe. */
    public static final int MAX_PAYLOAD = 65_535 - 40;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int PCAP_NANOSECONDS_MAGIC = 0xA1B23C4D;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAP_LENGTH = 262_144;

    private final OutputStream out;
    private final byte[] header = new byte[RECORD_HEADER_LENGTH + HEADERS_LENGTH];
    private long packets;

    /** Writes the file header to {@code out}, which this writer buffers and closes. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        byte[] file = new byte[24];
        putInt(file, 0, PCAP_NANOSECONDS_MAGIC);
        putShort(file, 4, 2);                // version major
        putShort(file, 6, 4);                // version minor
        // thiszone and sigfigs stay 0.
        putInt(file, 16, SNAP_LENGTH);       // snap length
        putInt(file, 20, LINKTYPE_ETHERNET); // link type
        this.out.write(file);
    }

    /**
     * Writes one TCP segment between two IPv4 addresses given as ints (10.0.0.1 is 0x0A000001).
     * MAC addresses are derived from the IP addresses, so each host has one.
     */
    public void tcp(long timestampNanos, int sourceIp, int sourcePort, int destinationIp, int destinationPort,
            long sequence, long acknowledgement, int flags, byte[] payload, int offset, int length)
            throws IOException {
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("invalid TCP payload length " + length + ", expected 0 to " + MAX_PAYLOAD);
        }
        int frameLength = HEADERS_LENGTH + length;
        recordHeader(timestampNanos, frameLength, frameLength);
        int p = RECORD_HEADER_LENGTH;
        // Ethernet: destination MAC, source MAC (02:00 and the IPv4 address), EtherType IPv4.
        putMac(p, destinationIp);
        putMac(p + 6, sourceIp);
        putShortBig(p + 12, 0x0800);
        p += 14;
        // IPv4: version 4 and IHL 5, DSCP, total length, ID, flags (DF), TTL 64, protocol TCP.
        header[p] = 0x45;
        header[p + 1] = 0;
        putShortBig(p + 2, 40 + length);
        putShortBig(p + 4, (int) packets);
        putShortBig(p + 6, 0x4000);
        header[p + 8] = 64;
        header[p + 9] = 6;
        putShortBig(p + 10, 0);
        putIntBig(p + 12, sourceIp);
        putIntBig(p + 16, destinationIp);
        p += 20;
        // TCP: ports, sequence, acknowledgement, data offset 5 words, flags, window, checksum, urgent.
        putShortBig(p, sourcePort);
        putShortBig(p + 2, destinationPort);
        putIntBig(p + 4, (int) sequence);
        putIntBig(p + 8, (int) acknowledgement);
        header[p + 12] = 0x50;
        header[p + 13] = (byte) flags;
        putShortBig(p + 14, 65_535);
        putShortBig(p + 16, 0);
        putShortBig(p + 18, 0);
        out.write(header, 0, header.length);
        out.write(payload, offset, length);
        packets++;
    }

    /** Writes a record header announcing {@code capturedLength} bytes and then only {@code bytes}. */
    public void rawRecord(long timestampNanos, int capturedLength, byte[] bytes) throws IOException {
        recordHeader(timestampNanos, capturedLength, capturedLength);
        out.write(header, 0, RECORD_HEADER_LENGTH);
        out.write(bytes);
        packets++;
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void recordHeader(long timestampNanos, int capturedLength, int originalLength) {
        putInt(header, 0, (int) Math.floorDiv(timestampNanos, 1_000_000_000L));
        putInt(header, 4, (int) Math.floorMod(timestampNanos, 1_000_000_000L));
        putInt(header, 8, capturedLength);
        putInt(header, 12, originalLength);
    }

    private void putMac(int at, int ip) {
        header[at] = 0x02;
        header[at + 1] = 0x00;
        putIntBig(at + 2, ip);
    }

    private void putShortBig(int at, int value) {
        header[at] = (byte) (value >>> 8);
        header[at + 1] = (byte) value;
    }

    private void putIntBig(int at, int value) {
        header[at] = (byte) (value >>> 24);
        header[at + 1] = (byte) (value >>> 16);
        header[at + 2] = (byte) (value >>> 8);
        header[at + 3] = (byte) value;
    }

    private static void putShort(byte[] target, int at, int value) {
        target[at] = (byte) value;
        target[at + 1] = (byte) (value >>> 8);
    }

    private static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) value;
        target[at + 1] = (byte) (value >>> 8);
        target[at + 2] = (byte) (value >>> 16);
        target[at + 3] = (byte) (value >>> 24);
    }
}
