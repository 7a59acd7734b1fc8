package io.dicomwatch.capture;

/**
 * One link-layer frame read from a capture, in a buffer that the reader reuses for the next frame.
 *
 * <p>Consumers must copy whatever they keep beyond the current frame.
 */
public final class Frame {
    /** Link-layer header type, as the LINKTYPE_ values of the tcpdump.org registry. */
    public int linkType;
    /** Capture time in nanoseconds since 1970-01-01T00:00:00Z. */
    public long timestampNanos;
    /**
     * Buffer holding the frame from {@link #offset} for {@link #capturedLength} bytes. Readers may
     * point it into their own read buffer, so the array may be longer and is valid only until the
     * next read.
     */
    public byte[] data = new byte[0];
    public int offset;
    /** Bytes of the frame present in {@link #data}. */
    public int capturedLength;
    /** Length of the frame on the wire; larger than capturedLength when the snap length cut it. */
    public int originalLength;
    /** 1-based position of the frame in the whole capture, counted across rotated files. */
    public long number;
}
