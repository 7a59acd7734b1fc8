package io.dicomwatch.dicom;

/**
 * A read-only view of the bytes the decoder has not yet consumed: the pushback bytes followed by
 * the rest of the current input. It lets the scanner look ahead across feed() calls without
 * copying the input. Reused; no allocation.
 */
final class StreamWindow {
    private byte[] first;
    private int firstOffset;
    private int firstLength;
    private byte[] second;
    private int secondOffset;
    private int secondLength;

    void set(byte[] first, int firstOffset, int firstLength, byte[] second, int secondOffset, int secondLength) {
        this.first = first;
        this.firstOffset = firstOffset;
        this.firstLength = firstLength;
        this.second = second;
        this.secondOffset = secondOffset;
        this.secondLength = secondLength;
    }

    int length() {
        return firstLength + secondLength;
    }

    int byteAt(int index) {
        if (index < firstLength) {
            return first[firstOffset + index] & 0xFF;
        }
        return second[secondOffset + index - firstLength] & 0xFF;
    }

    int u16(int index) {
        return byteAt(index) << 8 | byteAt(index + 1);
    }

    long u32(int index) {
        return (long) byteAt(index) << 24 | byteAt(index + 1) << 16 | byteAt(index + 2) << 8 | byteAt(index + 3);
    }
}
