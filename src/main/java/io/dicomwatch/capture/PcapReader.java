package io.dicomwatch.capture;

import java.io.IOException;

/**
 * Reader for the classic libpcap file format: a 24-byte file header, then per frame a 16-byte
 * record header and the captured bytes.
 *
 * <p>Accepts both byte orders, the microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magic numbers,
 * and the modified format of patched tcpdump builds in old Linux distributions (a1b2cd34, 24-byte
 * record headers), as libpcap's sf-pcap.c does. Versions before 2.3 wrote the captured and
 * original lengths in swapped order. Version 2.3 files may contain either order, so the reader
 * swaps them when the captured length is the larger, as libpcap does. The snap length in the
 * file header is not enforced, because 0 means unlimited and writers do not always respect it.
 * Only {@link CaptureInput#MAX_RECORD_LENGTH} bounds a record. Source: draft-ietf-opsawg-pcap,
 * "PCAP Capture File Format".
 */
final class PcapReader implements RecordReader {
    static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;
    static final int MAGIC_MODIFIED = 0xA1B2CD34;
    static final int FILE_HEADER_LENGTH = 24;

    private static final int VERSION_MAJOR_OFFSET = 4;
    private static final int VERSION_MINOR_OFFSET = 6;
    private static final int LINK_TYPE_OFFSET = 20;
    /** The link type field carries the FCS length and reserved bits above the low 16 bits. */
    private static final int LINK_TYPE_MASK = 0xFFFF;

    private static final int RECORD_HEADER_LENGTH = 16;
    /** Modified format: 8 more bytes (interface index, protocol, packet type, padding). */
    private static final int MODIFIED_RECORD_HEADER_LENGTH = 24;
    private static final int SECONDS_OFFSET = 0;
    private static final int FRACTION_OFFSET = 4;
    private static final int CAPTURED_LENGTH_OFFSET = 8;
    private static final int ORIGINAL_LENGTH_OFFSET = 12;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Order of the captured and original lengths in the records of old versions. */
    private enum LengthOrder { NORMAL, SWAPPED, SWAPPED_WHEN_CAPTURED_LARGER }

    private final CaptureInput input;
    private final boolean bigEndian;
    private final long nanosPerFractionUnit;
    private final int recordHeaderLength;
    private final int linkType;
    private final LengthOrder lengthOrder;

    private PcapReader(CaptureInput input, boolean bigEndian, int magic, int linkType, LengthOrder lengthOrder) {
        this.input = input;
        this.bigEndian = bigEndian;
        this.nanosPerFractionUnit = magic == MAGIC_NANOSECONDS ? 1 : 1000;
        this.recordHeaderLength = magic == MAGIC_MODIFIED ? MODIFIED_RECORD_HEADER_LENGTH : RECORD_HEADER_LENGTH;
        this.linkType = linkType;
        this.lengthOrder = lengthOrder;
    }

    private static final int[] MAGICS = {MAGIC_MICROSECONDS, MAGIC_NANOSECONDS, MAGIC_MODIFIED};

    /** Tells whether the first four bytes of a file, read big-endian, are a pcap magic number in either order. */
    static boolean isMagic(int bigEndianMagic) {
        return magicOf(bigEndianMagic) != 0;
    }

    private static int magicOf(int bigEndianMagic) {
        for (int magic : MAGICS) {
            if (bigEndianMagic == magic || bigEndianMagic == Integer.reverseBytes(magic)) {
                return magic;
            }
        }
        return 0;
    }

    /** Reads the file header at the start of {@code input}. */
    static PcapReader open(CaptureInput input) throws IOException {
        if (!input.require(FILE_HEADER_LENGTH)) {
            throw input.invalidHeader("pcap file header cut short: the file has " + input.available() + " of its "
                    + FILE_HEADER_LENGTH + " bytes; the file is truncated");
        }
        byte[] buffer = input.buffer();
        int start = input.index();
        int bigEndianMagic = Bytes.i32(buffer, start);
        int magic = magicOf(bigEndianMagic);
        boolean bigEndian = bigEndianMagic == magic;
        int major = Bytes.u16(buffer, start + VERSION_MAJOR_OFFSET, bigEndian);
        int minor = Bytes.u16(buffer, start + VERSION_MINOR_OFFSET, bigEndian);
        if (major < 2) {
            throw input.invalidHeader("unsupported pcap version " + major + "." + minor
                    + "; convert the file with editcap -F pcap");
        }
        int linkType = Bytes.i32(buffer, start + LINK_TYPE_OFFSET, bigEndian) & LINK_TYPE_MASK;
        input.advance(FILE_HEADER_LENGTH);
        return new PcapReader(input, bigEndian, magic, linkType, lengthOrder(major, minor));
    }

    private static LengthOrder lengthOrder(int major, int minor) {
        if (major == 2 && minor < 3) {
            return LengthOrder.SWAPPED;
        }
        return major == 2 && minor == 3 ? LengthOrder.SWAPPED_WHEN_CAPTURED_LARGER : LengthOrder.NORMAL;
    }

    @Override
    public boolean next(Frame frame, long number) throws IOException {
        long offset = input.position();
        if (!input.require(recordHeaderLength)) {
            if (input.available() == 0) {
                return false;
            }
            throw input.corrupt(number, offset, "the file ends " + input.available() + " bytes into the "
                    + recordHeaderLength + "-byte record header; the file is truncated, as when a capture is copied"
                    + " while still being written");
        }

        byte[] buffer = input.buffer();
        int start = input.index();
        long capturedLength = Bytes.u32(buffer, start + CAPTURED_LENGTH_OFFSET, bigEndian);
        long originalLength = Bytes.u32(buffer, start + ORIGINAL_LENGTH_OFFSET, bigEndian);
        if (lengthOrder == LengthOrder.SWAPPED
                || lengthOrder == LengthOrder.SWAPPED_WHEN_CAPTURED_LARGER && capturedLength > originalLength) {
            long swapped = capturedLength;
            capturedLength = originalLength;
            originalLength = swapped;
        }
        if (capturedLength > CaptureInput.MAX_RECORD_LENGTH) {
            throw input.corrupt(number, offset, "record length " + capturedLength + " exceeds the maximum of "
                    + CaptureInput.MAX_RECORD_LENGTH + "; the file is corrupt or truncated");
        }

        int recordLength = recordHeaderLength + (int) capturedLength;
        if (!input.require(recordLength)) {
            throw input.corrupt(number, offset, "the file ends " + input.available() + " bytes into this "
                    + recordLength + "-byte record; the file is truncated, as when a capture is copied while"
                    + " still being written");
        }

        buffer = input.buffer();
        start = input.index();
        long seconds = Bytes.u32(buffer, start + SECONDS_OFFSET, bigEndian);
        long fraction = Bytes.u32(buffer, start + FRACTION_OFFSET, bigEndian);
        frame.linkType = linkType;
        frame.timestampNanos = seconds * NANOS_PER_SECOND + fraction * nanosPerFractionUnit;
        frame.data = buffer;
        frame.offset = start + recordHeaderLength;
        frame.capturedLength = (int) capturedLength;
        frame.originalLength = (int) Math.min(Integer.MAX_VALUE, Math.max(originalLength, capturedLength));
        frame.number = number;
        input.advance(recordLength);
        return true;
    }

    @Override
    public long skippedRecords() {
        return 0;
    }
}
