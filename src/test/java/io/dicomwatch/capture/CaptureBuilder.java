package io.dicomwatch.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds pcap and pcapng files field by field for tests, in either byte order.
 *
 * <p>Start with {@link #pcap} or {@link #pcapng}; pcapng sections may switch byte order with
 * {@link #section}.
 */
final class CaptureBuilder {
    static final int PCAP_MICROSECONDS = 0xA1B2C3D4;
    static final int PCAP_NANOSECONDS = 0xA1B23C4D;
    static final int PCAP_MODIFIED = 0xA1B2CD34;

    static final int BLOCK_SHB = 0x0A0D0D0A;
    static final int BLOCK_IDB = 1;
    static final int BLOCK_PB = 2;
    static final int BLOCK_SPB = 3;
    static final int BLOCK_NRB = 4;
    static final int BLOCK_ISB = 5;
    static final int BLOCK_EPB = 6;
    static final int BLOCK_DSB = 0x0A;
    static final int BLOCK_CUSTOM = 0x00000BAD;

    static final int OPTION_IF_TSRESOL = 9;
    static final int OPTION_IF_TSOFFSET = 14;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;
    private int recordHeaderPadding;

    private CaptureBuilder(ByteOrder order) {
        this.order = order;
    }

    /** Starts a pcap file: the 24-byte file header of version 2.4. */
    static CaptureBuilder pcap(ByteOrder order, int magic, int linkType) {
        return pcap(order, magic, 2, 4, linkType);
    }

    static CaptureBuilder pcap(ByteOrder order, int magic, int major, int minor, int linkType) {
        CaptureBuilder builder = new CaptureBuilder(order);
        builder.recordHeaderPadding = magic == PCAP_MODIFIED ? 8 : 0;
        builder.int32(magic);         // magic number
        builder.int16(major);         // version major
        builder.int16(minor);         // version minor
        builder.int32(0);             // thiszone
        builder.int32(0);             // sigfigs
        builder.int32(65535);         // snaplen
        builder.int32(linkType);      // link type and FCS bits
        return builder;
    }

    /** Adds a pcap record whose original length equals its captured length. */
    CaptureBuilder record(long seconds, long fraction, byte[] data) {
        return record(seconds, fraction, data, data.length);
    }

    CaptureBuilder record(long seconds, long fraction, byte[] data, long originalLength) {
        int32((int) seconds);          // timestamp seconds
        int32((int) fraction);         // timestamp microseconds or nanoseconds
        int32(data.length);            // captured length
        int32((int) originalLength);   // original length
        out.write(new byte[recordHeaderPadding], 0, recordHeaderPadding); // modified format: ifindex etc.
        out.writeBytes(data);
        return this;
    }

    /** Adds a pcap record header that announces {@code capturedLength} bytes, without the data. */
    CaptureBuilder recordHeader(long capturedLength) {
        int32(0);
        int32(0);
        int32((int) capturedLength);
        int32((int) capturedLength);
        return this;
    }

    /** Starts a pcapng file with a Section Header Block of version 1.0. */
    static CaptureBuilder pcapng(ByteOrder order) {
        return new CaptureBuilder(order).section(order);
    }

    /** Adds a Section Header Block, which starts a section in {@code sectionOrder}. */
    CaptureBuilder section(ByteOrder sectionOrder) {
        return section(sectionOrder, 1);
    }

    CaptureBuilder section(ByteOrder sectionOrder, int major) {
        order = sectionOrder;
        ByteBuffer body = body(16);
        body.putInt(0x1A2B3C4D);       // byte-order magic
        body.putShort((short) major);  // major version
        body.putShort((short) 0);      // minor version
        body.putLong(-1);              // section length: unknown
        return block(BLOCK_SHB, body.array());
    }

    /** Adds an Interface Description Block with the given options, each a code and a value. */
    CaptureBuilder interfaceBlock(int linkType, int snapLength, Object... options) {
        ByteArrayOutputStream optionBytes = new ByteArrayOutputStream();
        for (int i = 0; i < options.length; i += 2) {
            optionBytes.writeBytes(option((Integer) options[i], (byte[]) options[i + 1]));
        }
        optionBytes.writeBytes(option(0, new byte[0]));   // opt_endofopt
        ByteBuffer body = body(8 + optionBytes.size());
        body.putShort((short) linkType);  // link type
        body.putShort((short) 0);         // reserved
        body.putInt(snapLength);          // snap length
        body.put(optionBytes.toByteArray());
        return block(BLOCK_IDB, body.array());
    }

    /** Builds one option: code, length, value padded to 4 bytes. */
    byte[] option(int code, byte[] value) {
        ByteBuffer option = body(4 + padded(value.length));
        option.putShort((short) code);
        option.putShort((short) value.length);
        option.put(value);
        return option.array();
    }

    /** Encodes a 64-bit option value in the current section's byte order. */
    byte[] int64(long value) {
        return body(8).putLong(value).array();
    }

    /** Adds an Enhanced Packet Block whose original length equals its captured length. */
    CaptureBuilder enhancedPacket(int interfaceId, long timestamp, byte[] data) {
        return enhancedPacket(interfaceId, timestamp, data, data.length);
    }

    CaptureBuilder enhancedPacket(int interfaceId, long timestamp, byte[] data, int originalLength) {
        ByteBuffer body = body(20 + padded(data.length));
        body.putInt(interfaceId);                 // interface ID
        body.putInt((int) (timestamp >>> 32));    // timestamp, high 32 bits
        body.putInt((int) timestamp);             // timestamp, low 32 bits
        body.putInt(data.length);                 // captured length
        body.putInt(originalLength);              // original length
        body.put(data);                           // data, then zero padding
        return block(BLOCK_EPB, body.array());
    }

    /** Adds an obsolete Packet Block. */
    CaptureBuilder packetBlock(int interfaceId, long timestamp, byte[] data) {
        ByteBuffer body = body(20 + padded(data.length));
        body.putShort((short) interfaceId);       // interface ID, 16 bits
        body.putShort((short) 0);                 // drops count
        body.putInt((int) (timestamp >>> 32));    // timestamp, high 32 bits
        body.putInt((int) timestamp);             // timestamp, low 32 bits
        body.putInt(data.length);                 // captured length
        body.putInt(data.length);                 // original length
        body.put(data);
        return block(BLOCK_PB, body.array());
    }

    /** Adds a Simple Packet Block holding {@code data} of a packet {@code originalLength} long. */
    CaptureBuilder simplePacket(int originalLength, byte[] data) {
        ByteBuffer body = body(4 + padded(data.length));
        body.putInt(originalLength);              // original length
        body.put(data);
        return block(BLOCK_SPB, body.array());
    }

    /** Adds a block: type, total length, body padded to 4 bytes, total length again. */
    CaptureBuilder block(int type, byte[] body) {
        int length = 12 + padded(body.length);
        return block(type, body, length, length);
    }

    /** Adds a block with the given leading and trailing length fields, which may be wrong. */
    CaptureBuilder block(int type, byte[] body, int length, int trailerLength) {
        int32(type);
        int32(length);
        out.writeBytes(body);
        out.write(new byte[padded(body.length) - body.length], 0, padded(body.length) - body.length);
        int32(trailerLength);
        return this;
    }

    /** Appends raw bytes, for corrupt input. */
    CaptureBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Appends raw bytes given as ints from 0 to 255. */
    CaptureBuilder raw(int... bytes) {
        for (int value : bytes) {
            out.write(value);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private ByteBuffer body(int length) {
        return ByteBuffer.allocate(length).order(order);
    }

    private void int32(int value) {
        out.writeBytes(body(4).putInt(value).array());
    }

    private void int16(int value) {
        out.writeBytes(body(2).putShort((short) value).array());
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}
