package io.dicomwatch.capture;

/**
 * Unchecked reads of unsigned 8-, 16- and 32-bit and signed 64-bit integers from a byte array.
 *
 * <p>Callers check the bounds first. The reads combine single bytes with shifts, which cost little
 * even before the JIT compiles them, unlike array-view var handles, whose calls go through
 * method-handle frames until then and make a short replay slower.
 */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    /** Reads an unsigned 16-bit value in network (big-endian) byte order. */
    static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }

    static int u16(byte[] data, int offset, boolean bigEndian) {
        return bigEndian ? u16(data, offset) : (data[offset + 1] & 0xFF) << 8 | data[offset] & 0xFF;
    }

    /** Reads a 32-bit value in network (big-endian) byte order, as a signed int. */
    static int i32(byte[] data, int offset) {
        return data[offset] << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
                | data[offset + 3] & 0xFF;
    }

    static int i32(byte[] data, int offset, boolean bigEndian) {
        if (bigEndian) {
            return i32(data, offset);
        }
        return data[offset + 3] << 24 | (data[offset + 2] & 0xFF) << 16 | (data[offset + 1] & 0xFF) << 8
                | data[offset] & 0xFF;
    }

    /** Reads an unsigned 32-bit value in network (big-endian) byte order. */
    static long u32(byte[] data, int offset) {
        return i32(data, offset) & 0xFFFF_FFFFL;
    }

    static long u32(byte[] data, int offset, boolean bigEndian) {
        return i32(data, offset, bigEndian) & 0xFFFF_FFFFL;
    }

    static long i64(byte[] data, int offset, boolean bigEndian) {
        long high = i32(data, bigEndian ? offset : offset + 4, bigEndian) & 0xFFFF_FFFFL;
        long low = i32(data, bigEndian ? offset + 4 : offset, bigEndian) & 0xFFFF_FFFFL;
        return high << 32 | low;
    }

    /** Reads a 48-bit MAC address in transmission order. */
    static long mac(byte[] data, int offset) {
        return ((long) u16(data, offset) << 32) | u32(data, offset + 2);
    }
}
