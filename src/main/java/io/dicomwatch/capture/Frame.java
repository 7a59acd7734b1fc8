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
    /** Frame bytes from index 0 to {@link #capturedLength}; the array may be longer. */
    public byte[] data = new byte[0];
    /** Bytes present in {@link #data}. */
    public int capturedLength;
    /** Length of the frame on the wire; larger than capturedLength when the snap length cut it. */
    public int originalLength;
    /** 1-based position of the frame in the whole capture, counted across rotated files. */
    public long number;
}
