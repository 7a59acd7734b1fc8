package io.dicomwatch.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Unchecked reads of unsigned 8-, 16- and 32-bit and signed 64-bit integers from a byte array.
 *
 * <p>Callers check the bounds first. The 16- and 32-bit reads go through array-view var handles,
 * which the JIT compiles to single loads, so the per-packet path stays cheap.
 */
final class Bytes {
    private static final VarHandle SHORT_BIG = view(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LITTLE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BIG = view(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LITTLE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BIG = view(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LITTLE = view(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    private static VarHandle view(Class<?> arrayType, ByteOrder order) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, order);
    }

    static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    /** Reads an unsigned 16-bit value in network (big-endian) byte order. */
    static int u16(byte[] data, int offset) {
        return (short) SHORT_BIG.get(data, offset) & 0xFFFF;
    }

    static int u16(byte[] data, int offset, boolean bigEndian) {
        short value = bigEndian ? (short) SHORT_BIG.get(data, offset) : (short) SHORT_LITTLE.get(data, offset);
        return value & 0xFFFF;
    }

    /** Reads a 32-bit value in network (big-endian) byte order, as a signed int. */
    static int i32(byte[] data, int offset) {
        return (int) INT_BIG.get(data, offset);
    }

    static int i32(byte[] data, int offset, boolean bigEndian) {
        return bigEndian ? (int) INT_BIG.get(data, offset) : (int) INT_LITTLE.get(data, offset);
    }

    /** Reads an unsigned 32-bit value in network (big-endian) byte order. */
    static long u32(byte[] data, int offset) {
        return i32(data, offset) & 0xFFFF_FFFFL;
    }

    static long u32(byte[] data, int offset, boolean bigEndian) {
        return i32(data, offset, bigEndian) & 0xFFFF_FFFFL;
    }

    static long i64(byte[] data, int offset, boolean bigEndian) {
        return bigEndian ? (long) LONG_BIG.get(data, offset) : (long) LONG_LITTLE.get(data, offset);
    }

    /** Reads a 48-bit MAC address in transmission order. */
    static long mac(byte[] data, int offset) {
        return ((long) u16(data, offset) << 32) | u32(data, offset + 2);
    }
}
