package io.dicomwatch.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Capture files read as one continuous capture, in the given order, as rotated files are.
 *
 * <p>Each file is pcap or pcapng, recognized by its magic number and never by its name. Frame
 * numbers continue across files, and each frame carries its own file's or interface's link type.
 * Files are opened one at a time, when the previous one ends. When a file turns out corrupt or
 * truncated, {@link #next} throws {@link CaptureFormatException} after delivering the frames
 * before the fault and closes that file; a further call continues with the next file.
 *
 * <p>Not thread-safe. Frames point into the reader's buffer and stay valid until the next call.
 */
public final class CaptureFileSource implements FrameSource {
    private static final int MAGIC_LENGTH = 4;
    private static final int GZIP_MAGIC = 0x1F8B;
    /** Zstandard frame magic 0xFD2FB528, stored little-endian, read big-endian. */
    private static final int ZSTANDARD_MAGIC = 0x28B52FFD;

    private final List<Path> files;
    private final long totalBytes;
    private int fileIndex = -1;
    private CaptureInput input;
    private RecordReader reader;
    private long framesRead;
    private long finishedBytes;
    private long finishedSkippedRecords;

    /**
     * Checks that every file exists and notes the sizes for progress reports; opens none yet.
     *
     * @throws IOException when a file is missing or unreadable
     */
    CaptureFileSource(List<Path> files) throws IOException {
        this.files = List.copyOf(files);
        long total = 0;
        for (Path file : this.files) {
            total += Files.size(file);
        }
        this.totalBytes = total;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        while (true) {
            if (reader == null && !openNextFile()) {
                return false;
            }
            boolean read;
            try {
                read = reader.next(frame, framesRead + 1);
            } catch (IOException e) {
                closeCurrentFile();
                throw e;
            }
            if (read) {
                framesRead++;
                return true;
            }
            closeCurrentFile();
        }
    }

    /** Bytes of the capture read so far, across all files, for progress reports; pipes count 0. */
    public long bytesRead() {
        long current = input == null ? 0 : Math.min(input.position(), input.size());
        return finishedBytes + current;
    }

    /** Sum of the file sizes when the source was opened, with 0 for a pipe or device. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Returns the file being read, or null before the first and after the last. */
    public Path currentFile() {
        return input == null ? null : input.path();
    }

    /** Frames delivered so far, which is also the number of the last one. */
    public long framesRead() {
        return framesRead;
    }

    /**
     * pcapng packet and interface blocks skipped because their content was invalid (an unknown
     * interface, a captured length beyond the block) while the file's framing stayed intact.
     */
    public long skippedRecords() {
        return finishedSkippedRecords + (reader == null ? 0 : reader.skippedRecords());
    }

    @Override
    public void close() throws IOException {
        closeCurrentFile();
        fileIndex = files.size();
    }

    private boolean openNextFile() throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        input = CaptureInput.open(files.get(fileIndex));
        try {
            reader = openReader(input);
        } catch (IOException | RuntimeException e) {
            closeCurrentFile();
            throw e;
        }
        return true;
    }

    private void closeCurrentFile() throws IOException {
        if (input == null) {
            return;
        }
        finishedBytes += input.size();
        if (reader != null) {
            finishedSkippedRecords += reader.skippedRecords();
        }
        CaptureInput closing = input;
        input = null;
        reader = null;
        closing.close();
    }

    /** Picks the reader by the file's magic number. */
    private static RecordReader openReader(CaptureInput input) throws IOException {
        if (!input.require(MAGIC_LENGTH)) {
            if (input.available() == 0) {
                throw input.invalidHeader("the file is empty; a pcap or pcapng capture starts with a file header");
            }
            throw input.invalidHeader("the file is only " + input.available() + " bytes long, too short for a"
                    + " pcap or pcapng file header; the file is truncated");
        }
        int magic = Bytes.i32(input.buffer(), input.index());
        if (magic == PcapngReader.SECTION_HEADER_BLOCK) {
            return new PcapngReader(input);
        }
        if (PcapReader.isMagic(magic)) {
            return PcapReader.open(input);
        }
        throw input.invalidHeader(unknownMagicMessage(magic));
    }

    private static String unknownMagicMessage(int magic) {
        if (magic >>> 16 == GZIP_MAGIC) {
            return "the file is gzip-compressed; decompress it first, for example with gunzip";
        }
        if (magic == ZSTANDARD_MAGIC) {
            return "the file is zstd-compressed; decompress it first, for example with zstd -d";
        }
        return String.format("not a pcap or pcapng file: unknown magic number 0x%08x at byte 0, expected pcap"
                + " (a1b2c3d4 or a1b23c4d, either byte order) or pcapng (0a0d0d0a); convert it with editcap -F pcap",
                magic);
    }
}
