package io.dicomwatch.dicom;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Small cache of values decoded from plain wire text, indexed by a hash of their bytes.
 * Associations repeat the same few UIDs and AE titles, so most decodes reuse a value instead of
 * allocating one. Threads may share a cache because each slot contains an immutable value: a race
 * only replaces one cached value with another.
 *
 * @param <T> the decoded value, immutable
 */
final class RecentValues<T> {
    private final Object[] slots;
    private final Function<String, T> factory;
    private final Function<T, String> textOf;

    /**
     * @param size slots, a power of two
     * @param factory makes the value of a text
     * @param textOf returns the text a value was made from
     */
    RecentValues(int size, Function<String, T> factory, Function<T, String> textOf) {
        this.slots = new Object[size];
        this.factory = factory;
        this.textOf = textOf;
    }

    /**
     * Returns the value of the bytes from {@code offset} to {@code end}, or null when one of them
     * is not printable ISO 646 or is a backslash, which the caller must escape.
     */
    @SuppressWarnings("unchecked")
    T getIfPlain(byte[] source, int offset, int end) {
        int hash = 0;
        for (int i = offset; i < end; i++) {
            int b = source[i];
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return null;
            }
            hash = 31 * hash + b;
        }
        int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
        T known = (T) slots[slot];
        if (known != null && sameText(textOf.apply(known), source, offset, end)) {
            return known;
        }
        T value = factory.apply(new String(source, offset, end - offset, StandardCharsets.ISO_8859_1));
        slots[slot] = value;
        return value;
    }

    private static boolean sameText(String text, byte[] source, int offset, int end) {
        if (text.length() != end - offset) {
            return false;
        }
        for (int i = offset; i < end; i++) {
            if (text.charAt(i - offset) != source[i]) {
                return false;
            }
        }
        return true;
    }
}
