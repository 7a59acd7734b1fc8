package io.dicomwatch.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read in large chunks into one byte array, from which the record readers hand out
 * frames without copying them.
 *
 * <p>{@link #require} makes the next bytes available at {@link #index()} in {@link #buffer()}.
 * It moves the unread rest of the buffer to its start and may replace the array, so a frame
 * handed out stays valid only until the next call. The buffer grows for a record longer than a
 * chunk, up to {@link #MAX_RECORD_LENGTH} plus a record header, and never beyond.
 */
final class CaptureInput implements Closeable {
    /** Bytes requested from the file per read: large enough that system calls cost little. */
    static final int CHUNK_SIZE = 1 << 20;
    /**
     * Maximum length of one record: a pcap record's captured data, or a whole pcapng block that
     * must be parsed. libpcap and Wireshark cap the snap length of the link types that carry IP
     * at 262144 bytes, and 16 MiB is 64 times that. So the limit admits any real frame, including
     * segmentation-offload aggregates, while a corrupt length field cannot make the reader
     * allocate gigabytes.
     */
    static final int MAX_RECORD_LENGTH = 16 << 20;
    /** Smallest initial buffer, for a file shorter than a chunk; it grows when a record needs more. */
    private static final int MIN_BUFFER_LENGTH = 4096;
    /** Room for the largest record header (24 bytes, modified pcap) in front of a maximum record. */
    private static final int MAX_BUFFER_LENGTH = MAX_RECORD_LENGTH + 64;

    private final Path path;
    private final FileChannel channel;
    /** False for a pipe or device, which is read through instead of seeking. */
    private final boolean seekable;
    private final long size;
    private byte[] buffer;
    /** File offset of {@code buffer[0]}. */
    private long bufferStart;
    private int index;
    private int limit;

    private CaptureInput(Path path, FileChannel channel, boolean seekable, long size) {
        this.path = path;
        this.channel = channel;
        this.seekable = seekable;
        this.size = size;
        this.buffer = new byte[seekable ? (int) Math.min(CHUNK_SIZE, Math.max(size, MIN_BUFFER_LENGTH)) : CHUNK_SIZE];
    }

    static CaptureInput open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            boolean regular = Files.isRegularFile(path);
            return new CaptureInput(path, channel, regular, regular ? channel.size() : 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** File size in bytes when the file was opened; 0 for a pipe or device. */
    long size() {
        return size;
    }

    /** Tells whether the input is a regular file, whose size and offsets are known in advance. */
    boolean isRegularFile() {
        return seekable;
    }

    /** File offset of the next unread byte. */
    long position() {
        return bufferStart + index;
    }

    byte[] buffer() {
        return buffer;
    }

    /** Index in {@link #buffer()} of the next unread byte. */
    int index() {
        return index;
    }

    /** Unread bytes already in the buffer. */
    int available() {
        return limit - index;
    }

    /**
     * Makes at least {@code length} unread bytes available, reading from the file as needed.
     *
     * @param length at most {@link #MAX_RECORD_LENGTH} plus 64; callers check record lengths first
     * @return false when the file ends first, and {@link #available()} then returns the bytes left
     */
    boolean require(int length) throws IOException {
        return limit - index >= length || fill(length);
    }

    void advance(int length) {
        index += length;
    }

    /**
     * Skips {@code length} bytes, seeking past those not yet read in a regular file and reading
     * through them in a pipe. The file may end first, and the next {@link #require} then fails.
     */
    void skip(long length) throws IOException {
        if (length <= limit - index) {
            index += (int) length;
            return;
        }
        long unbuffered = length - (limit - index);
        bufferStart += limit;
        index = 0;
        limit = 0;
        if (seekable) {
            bufferStart += unbuffered;
            channel.position(bufferStart);
            return;
        }
        while (unbuffered > 0) {
            int count = channel.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, unbuffered)));
            if (count < 0) {
                return;
            }
            bufferStart += count;
            unbuffered -= count;
        }
    }

    private boolean fill(int length) throws IOException {
        if (length > MAX_BUFFER_LENGTH) {
            throw new IllegalArgumentException("read of " + length + " bytes exceeds the buffer limit");
        }
        int unread = limit - index;
        byte[] target = buffer;
        if (length > buffer.length) {
            int grown = (int) Math.min(MAX_BUFFER_LENGTH, Math.max(length, 2L * buffer.length));
            target = new byte[grown];
        }
        System.arraycopy(buffer, index, target, 0, unread);
        buffer = target;
        bufferStart += index;
        index = 0;
        limit = unread;
        while (limit < length) {
            int readLength = Math.min(buffer.length - limit, Math.max(length - limit, CHUNK_SIZE));
            int count = channel.read(ByteBuffer.wrap(buffer, limit, readLength));
            if (count < 0) {
                return false;
            }
            limit += count;
        }
        return true;
    }

    /**
     * Builds the exception for a corrupt or truncated file, in the form
     * "FILE: frame N at byte OFFSET: PROBLEM".
     *
     * @param frameNumber the number the frame being read would have had
     */
    CaptureFormatException corrupt(long frameNumber, long offset, String problem) {
        return new CaptureFormatException(path + ": frame " + frameNumber + " at byte " + offset + ": " + problem);
    }

    /** Builds the exception for a file header that is missing or invalid. */
    CaptureFormatException invalidHeader(String problem) {
        return new CaptureFormatException(path + ": " + problem);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
