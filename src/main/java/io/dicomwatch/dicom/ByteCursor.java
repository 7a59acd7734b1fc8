package io.dicomwatch.dicom;

/**
 * A bounds-checked reader over {@code [position, limit)} of a byte array. Every read checks the
 * bytes left first and throws {@link TruncatedException} instead of reading past the limit, so a
 * parser can treat any field that overruns its container as one malformed item.
 *
 * <p>PS3.8 fields are big endian; command sets (PS3.7, implicit VR little endian) use the
 * {@code Le} readers.
 */
final class ByteCursor {
    private final byte[] data;
    private int position;
    private final int limit;

    ByteCursor(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + data.length);
        }
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    /** Thrown when a field would extend past the cursor's limit. Carries no stack trace. */
    static final class TruncatedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TruncatedException() {
            super("field overruns its container", null, false, false);
        }
    }

    int remaining() {
        return limit - position;
    }

    int position() {
        return position;
    }

    byte[] array() {
        return data;
    }

    /** Returns whether at least {@code count} bytes are left; {@code count} may exceed the int range. */
    boolean has(long count) {
        return count >= 0 && count <= remaining();
    }

    private void require(long count) {
        if (!has(count)) {
            throw new TruncatedException();
        }
    }

    int u8() {
        require(1);
        return data[position++] & 0xFF;
    }

    int u16() {
        require(2);
        int value = (data[position] & 0xFF) << 8 | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    long u32() {
        require(4);
        long value = ((long) (data[position] & 0xFF) << 24) | (data[position + 1] & 0xFF) << 16
                | (data[position + 2] & 0xFF) << 8 | (data[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    int u16Le() {
        require(2);
        int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    long u32Le() {
        require(4);
        long value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8
                | (data[position + 2] & 0xFF) << 16 | ((long) (data[position + 3] & 0xFF) << 24);
        position += 4;
        return value;
    }

    void skip(long count) {
        require(count);
        position += (int) count;
    }

    /** Skips whatever is left. */
    void skipRest() {
        position = limit;
    }

    /** Returns a cursor over the next {@code length} bytes and moves past them. */
    ByteCursor slice(long length) {
        require(length);
        ByteCursor child = new ByteCursor(data, position, (int) length);
        position += (int) length;
        return child;
    }

    /** Reads the next {@code length} bytes as a UID; see {@link WireText#uid}. */
    String uid(long length) {
        require(length);
        String text = WireText.uid(data, position, (int) length);
        position += (int) length;
        return text;
    }
}
