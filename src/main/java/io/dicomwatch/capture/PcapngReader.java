package io.dicomwatch.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reader for the pcapng file format: a sequence of blocks, each framed by its type, its total
 * length and that length repeated at its end.
 *
 * <p>A Section Header Block starts each section and sets its byte order, so one file may hold
 * sections of both orders, and each section declares its own interfaces. Frames come from
 * Enhanced Packet Blocks, Simple Packet Blocks (interface 0, no timestamp) and the obsolete
 * Packet Block. Every other block type is skipped by its length. Block lengths must be multiples
 * of 4 and match their trailing copy, otherwise the file is reported corrupt, because no later
 * block can be found reliably. A packet block whose framing is intact but whose content is
 * invalid (unknown interface, captured length beyond the block) is counted in
 * {@link #skippedRecords()} and skipped. Source: the pcapng IETF draft
 * (draft-ietf-opsawg-pcapng), "PCAP Next Generation (pcapng) Capture File Format".
 */
final class PcapngReader implements RecordReader {
    private static final Logger LOG = LoggerFactory.getLogger(PcapngReader.class);

    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION_BLOCK = 0x00000001;
    static final int PACKET_BLOCK = 0x00000002;
    static final int SIMPLE_PACKET_BLOCK = 0x00000003;
    static final int ENHANCED_PACKET_BLOCK = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int SUPPORTED_MAJOR_VERSION = 1;

    /** Interfaces kept per section; more Interface Description Blocks are counted and ignored. */
    static final int MAX_INTERFACES = 1 << 16;

    private static final int TYPE_OFFSET = 0;
    private static final int LENGTH_OFFSET = 4;
    private static final int BLOCK_HEADER_LENGTH = 8;
    private static final int BLOCK_TRAILER_LENGTH = 4;
    private static final int MIN_BLOCK_LENGTH = BLOCK_HEADER_LENGTH + BLOCK_TRAILER_LENGTH;
    private static final int BLOCK_ALIGNMENT = 4;

    /** Section Header Block: byte-order magic, major and minor version, 64-bit section length. */
    private static final int SHB_MAGIC_OFFSET = 8;
    private static final int SHB_MAJOR_OFFSET = 12;
    private static final int SHB_MINOR_OFFSET = 14;
    private static final int SHB_MIN_LENGTH = 28;

    /** Interface Description Block: link type, reserved, snap length, options. */
    private static final int IDB_LINK_TYPE_OFFSET = 8;
    private static final int IDB_SNAP_LENGTH_OFFSET = 12;
    private static final int IDB_OPTIONS_OFFSET = 16;
    private static final int IDB_MIN_LENGTH = 20;
    private static final int OPTION_HEADER_LENGTH = 4;
    private static final int OPTION_END = 0;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_TSOFFSET = 14;

    /**
     * Enhanced Packet Block: 32-bit interface ID, timestamp high and low words, captured and
     * original length, data. The obsolete Packet Block has the same layout with a 16-bit
     * interface ID followed by a 16-bit drop count.
     */
    private static final int EPB_INTERFACE_OFFSET = 8;
    private static final int EPB_TIMESTAMP_HIGH_OFFSET = 12;
    private static final int EPB_TIMESTAMP_LOW_OFFSET = 16;
    private static final int EPB_CAPTURED_LENGTH_OFFSET = 20;
    private static final int EPB_ORIGINAL_LENGTH_OFFSET = 24;
    private static final int EPB_DATA_OFFSET = 28;
    private static final int EPB_MIN_LENGTH = EPB_DATA_OFFSET + BLOCK_TRAILER_LENGTH;

    /** Simple Packet Block: original length, data. */
    private static final int SPB_ORIGINAL_LENGTH_OFFSET = 8;
    private static final int SPB_DATA_OFFSET = 12;
    private static final int SPB_MIN_LENGTH = SPB_DATA_OFFSET + BLOCK_TRAILER_LENGTH;

    private static final String TRUNCATED_ADVICE =
            "; the file is truncated, as when a capture is copied while still being written";

    private final CaptureInput input;
    /** Interfaces of the current section by ID; null for an invalid Interface Description Block. */
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private boolean bigEndian;
    private long skippedRecords;
    /** Byte offset of the block being read, for the warning about the first skipped block. */
    private long blockOffset;
    /** Timestamp of the last frame, reused for Simple Packet Blocks, which carry none. */
    private long lastTimestampNanos;

    PcapngReader(CaptureInput input) {
        this.input = input;
    }

    @Override
    public long skippedRecords() {
        return skippedRecords;
    }

    @Override
    public boolean next(Frame frame, long number) throws IOException {
        while (true) {
            long offset = input.position();
            if (!input.require(BLOCK_HEADER_LENGTH)) {
                if (input.available() == 0) {
                    return false;
                }
                throw input.corrupt(number, offset, "the file ends " + input.available()
                        + " bytes into a block header" + TRUNCATED_ADVICE);
            }
            int type = Bytes.i32(input.buffer(), input.index() + TYPE_OFFSET, bigEndian);
            if (type == SECTION_HEADER_BLOCK) {
                readSectionHeader(number, offset);
                continue;
            }
            long length = Bytes.u32(input.buffer(), input.index() + LENGTH_OFFSET, bigEndian);
            checkFraming(length, number, offset);
            if (!isParsed(type)) {
                skipBlock(length, number, offset);
                continue;
            }
            if (length > CaptureInput.MAX_RECORD_LENGTH) {
                throw input.corrupt(number, offset, "block length " + length + " exceeds the maximum of "
                        + CaptureInput.MAX_RECORD_LENGTH + "; the file is corrupt or truncated");
            }
            requireBlock((int) length, number, offset);
            blockOffset = offset;
            boolean delivered = switch (type) {
                case ENHANCED_PACKET_BLOCK -> readEnhancedPacket(frame, (int) length, true);
                case PACKET_BLOCK -> readEnhancedPacket(frame, (int) length, false);
                case SIMPLE_PACKET_BLOCK -> readSimplePacket(frame, (int) length);
                default -> readInterface((int) length);
            };
            input.advance((int) length);
            if (delivered) {
                frame.number = number;
                lastTimestampNanos = frame.timestampNanos;
                return true;
            }
        }
    }

    private static boolean isParsed(int type) {
        return type == ENHANCED_PACKET_BLOCK || type == SIMPLE_PACKET_BLOCK || type == PACKET_BLOCK
                || type == INTERFACE_DESCRIPTION_BLOCK;
    }

    /** Reads a Section Header Block, which sets the byte order and starts a new interface list. */
    private void readSectionHeader(long number, long offset) throws IOException {
        if (!input.require(SHB_MAGIC_OFFSET + 4)) {
            throw input.corrupt(number, offset, "the file ends inside a section header block" + TRUNCATED_ADVICE);
        }
        byte[] buffer = input.buffer();
        int start = input.index();
        int magic = Bytes.i32(buffer, start + SHB_MAGIC_OFFSET, true);
        if (magic != BYTE_ORDER_MAGIC && magic != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            throw input.corrupt(number, offset, String.format("invalid byte-order magic 0x%08x in a section header"
                    + " block, expected 0x1a2b3c4d in either order; the file is corrupt", magic));
        }
        bigEndian = magic == BYTE_ORDER_MAGIC;
        long length = Bytes.u32(buffer, start + LENGTH_OFFSET, bigEndian);
        checkFraming(length, number, offset);
        if (length < SHB_MIN_LENGTH || length > CaptureInput.MAX_RECORD_LENGTH) {
            throw input.corrupt(number, offset, "section header block length " + length + " is outside "
                    + SHB_MIN_LENGTH + " to " + CaptureInput.MAX_RECORD_LENGTH + "; the file is corrupt");
        }
        requireBlock((int) length, number, offset);
        buffer = input.buffer();
        start = input.index();
        int major = Bytes.u16(buffer, start + SHB_MAJOR_OFFSET, bigEndian);
        int minor = Bytes.u16(buffer, start + SHB_MINOR_OFFSET, bigEndian);
        if (major != SUPPORTED_MAJOR_VERSION) {
            throw input.corrupt(number, offset, "unsupported pcapng version " + major + "." + minor
                    + "; only version 1 is defined, convert the file with editcap -F pcapng");
        }
        interfaces.clear();
        input.advance((int) length);
    }

    private void checkFraming(long length, long number, long offset) throws CaptureFormatException {
        if (length < MIN_BLOCK_LENGTH) {
            throw input.corrupt(number, offset, "block length " + length + " is less than the minimum of "
                    + MIN_BLOCK_LENGTH + "; the file is corrupt");
        }
        if (length % BLOCK_ALIGNMENT != 0) {
            throw input.corrupt(number, offset, "block length " + length + " is not a multiple of 4; the file"
                    + " is corrupt");
        }
    }

    /** Reads the whole block into the buffer and checks its trailing length. */
    private void requireBlock(int length, long number, long offset) throws IOException {
        if (!input.require(length)) {
            throw input.corrupt(number, offset, "the file ends " + input.available() + " bytes into this "
                    + length + "-byte block" + TRUNCATED_ADVICE);
        }
        checkTrailer(input.buffer(), input.index() + length - BLOCK_TRAILER_LENGTH, length, number, offset);
    }

    /** Skips a block without reading its body, so blocks of any length cost no memory. */
    private void skipBlock(long length, long number, long offset) throws IOException {
        if (input.isRegularFile() && offset + length > input.size()) {
            throw input.corrupt(number, offset, "block length " + length + " runs past the end of the file at byte "
                    + input.size() + TRUNCATED_ADVICE);
        }
        input.skip(length - BLOCK_TRAILER_LENGTH);
        if (!input.require(BLOCK_TRAILER_LENGTH)) {
            throw input.corrupt(number, offset, "the file ends inside this " + length + "-byte block"
                    + TRUNCATED_ADVICE);
        }
        checkTrailer(input.buffer(), input.index(), length, number, offset);
        input.advance(BLOCK_TRAILER_LENGTH);
    }

    private void checkTrailer(byte[] buffer, int trailerIndex, long length, long number, long offset)
            throws CaptureFormatException {
        long trailer = Bytes.u32(buffer, trailerIndex, bigEndian);
        if (trailer != length) {
            throw input.corrupt(number, offset, "block length " + length + " does not match the length " + trailer
                    + " at the end of the block; the file is corrupt");
        }
    }

    /** Fills the frame from an Enhanced Packet Block, or from an obsolete Packet Block. */
    private boolean readEnhancedPacket(Frame frame, int length, boolean enhanced) {
        if (length < EPB_MIN_LENGTH) {
            return skip("packet block of " + length + " bytes is shorter than the minimum of " + EPB_MIN_LENGTH);
        }
        byte[] buffer = input.buffer();
        int start = input.index();
        long interfaceId = enhanced
                ? Bytes.u32(buffer, start + EPB_INTERFACE_OFFSET, bigEndian)
                : Bytes.u16(buffer, start + EPB_INTERFACE_OFFSET, bigEndian);
        long capturedLength = Bytes.u32(buffer, start + EPB_CAPTURED_LENGTH_OFFSET, bigEndian);
        long originalLength = Bytes.u32(buffer, start + EPB_ORIGINAL_LENGTH_OFFSET, bigEndian);
        PcapngInterface description = interfaceId < interfaces.size() ? interfaces.get((int) interfaceId) : null;
        if (description == null) {
            return skip("packet block names interface " + interfaceId + ", which no valid interface description"
                    + " block of its section declares");
        }
        if (capturedLength > length - EPB_MIN_LENGTH) {
            return skip("captured length " + capturedLength + " runs past the end of its " + length + "-byte block");
        }
        long high = Bytes.u32(buffer, start + EPB_TIMESTAMP_HIGH_OFFSET, bigEndian);
        long low = Bytes.u32(buffer, start + EPB_TIMESTAMP_LOW_OFFSET, bigEndian);
        frame.timestampNanos = description.timestampScale.toNanos(high << Integer.SIZE | low);
        fill(frame, description, start + EPB_DATA_OFFSET, (int) capturedLength, originalLength);
        return true;
    }

    /**
     * Fills the frame from a Simple Packet Block. Its captured length is the original length cut
     * to the block's data and to interface 0's snap length, and it takes the previous frame's
     * timestamp because it has none.
     */
    private boolean readSimplePacket(Frame frame, int length) {
        PcapngInterface description = interfaces.isEmpty() ? null : interfaces.get(0);
        if (description == null) {
            return skip("simple packet block comes before any valid interface description block of its section");
        }
        if (length < SPB_MIN_LENGTH) {
            return skip("simple packet block of " + length + " bytes is shorter than the minimum of "
                    + SPB_MIN_LENGTH);
        }
        int start = input.index();
        long originalLength = Bytes.u32(input.buffer(), start + SPB_ORIGINAL_LENGTH_OFFSET, bigEndian);
        long capturedLength = Math.min(originalLength, length - SPB_MIN_LENGTH);
        if (description.snapLength > 0) {
            capturedLength = Math.min(capturedLength, description.snapLength);
        }
        frame.timestampNanos = lastTimestampNanos;
        fill(frame, description, start + SPB_DATA_OFFSET, (int) capturedLength, originalLength);
        return true;
    }

    private void fill(Frame frame, PcapngInterface description, int dataIndex, int capturedLength,
            long originalLength) {
        frame.linkType = description.linkType;
        frame.data = input.buffer();
        frame.offset = dataIndex;
        frame.capturedLength = capturedLength;
        frame.originalLength = (int) Math.min(Integer.MAX_VALUE, Math.max(originalLength, capturedLength));
    }

    /**
     * Adds the interface an Interface Description Block declares; never delivers a frame. A block
     * too short to declare one still takes its interface ID, as null, so that later IDs stay right.
     */
    private boolean readInterface(int length) {
        if (interfaces.size() >= MAX_INTERFACES) {
            return skip("the section declares more than " + MAX_INTERFACES + " interfaces");
        }
        if (length < IDB_MIN_LENGTH) {
            interfaces.add(null);
            return skip("interface description block of " + length + " bytes is shorter than the minimum of "
                    + IDB_MIN_LENGTH);
        }
        byte[] buffer = input.buffer();
        int start = input.index();
        int linkType = Bytes.u16(buffer, start + IDB_LINK_TYPE_OFFSET, bigEndian);
        long snapLength = Bytes.u32(buffer, start + IDB_SNAP_LENGTH_OFFSET, bigEndian);
        int resolution = TimestampScale.DEFAULT_RESOLUTION;
        long offsetSeconds = 0;

        int end = start + length - BLOCK_TRAILER_LENGTH;
        int option = start + IDB_OPTIONS_OFFSET;
        while (option + OPTION_HEADER_LENGTH <= end) {
            int code = Bytes.u16(buffer, option, bigEndian);
            int valueLength = Bytes.u16(buffer, option + 2, bigEndian);
            int value = option + OPTION_HEADER_LENGTH;
            if (code == OPTION_END || value + valueLength > end) {
                break;
            }
            if (code == OPTION_IF_TSRESOL && valueLength >= 1) {
                resolution = Bytes.u8(buffer, value);
            } else if (code == OPTION_IF_TSOFFSET && valueLength >= Long.BYTES) {
                offsetSeconds = Bytes.i64(buffer, value, bigEndian);
            }
            option = value + (valueLength + BLOCK_ALIGNMENT - 1) / BLOCK_ALIGNMENT * BLOCK_ALIGNMENT;
        }

        boolean defaultScale = resolution == TimestampScale.DEFAULT_RESOLUTION && offsetSeconds == 0;
        TimestampScale scale =
                defaultScale ? TimestampScale.MICROSECONDS : TimestampScale.of(resolution, offsetSeconds);
        interfaces.add(new PcapngInterface(linkType, snapLength, scale));
        return false;
    }

    /** Counts a skipped block, and logs the first one of the file with its offset and reason. */
    private boolean skip(String reason) {
        if (skippedRecords == 0) {
            LOG.warn("{}: skipped the block at byte {}: {}; later invalid blocks of this file are only counted",
                    input.path(), blockOffset, reason);
        }
        skippedRecords++;
        return false;
    }
}
