package io.dicomwatch.dicom;

import java.nio.charset.StandardCharsets;

/** Turns text fields from the wire into strings that are safe to export. */
final class WireText {
    /**
     * Bytes of a UID kept at most. A UID is at most 64 bytes (PS3.5 section 9.1), so a longer
     * value is not a UID and is cut, with "..." appended, to keep exported strings small.
     */
    static final int MAX_UID_BYTES = 128;
    /** Bytes of application information kept in hex by SOP class extended negotiation. */
    static final int MAX_HEX_BYTES = 64;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /**
     * Recently decoded UIDs, indexed by a hash of their bytes. Associations repeat the same few SOP
     * class, transfer syntax and implementation UIDs, so most decodes reuse a string instead of
     * allocating one. Threads may share the table because each slot contains an immutable string:
     * a race only replaces one cached UID with another.
     */
    private static final String[] RECENT_UIDS = new String[1024];

    private WireText() {
    }

    /**
     * Decodes a UID field. Trailing NUL and space padding is removed (PS3.5 pads UIDs with NUL,
     * some stacks with spaces). Bytes outside 0x20 to 0x7E and the backslash are written as
     * {@code \xNN}, as {@link AeTitle} does.
     */
    static String uid(byte[] source, int offset, int length) {
        int end = offset + length;
        while (end > offset && (source[end - 1] == 0 || source[end - 1] == ' ')) {
            end--;
        }
        boolean cut = end - offset > MAX_UID_BYTES;
        if (!cut && isPlain(source, offset, end)) {
            return recent(source, offset, end);
        }
        if (cut) {
            end = offset + MAX_UID_BYTES;
        }
        StringBuilder text = new StringBuilder(end - offset + 3);
        for (int i = offset; i < end; i++) {
            int b = source[i] & 0xFF;
            if (b < 0x20 || b > 0x7E || b == '\\') {
                text.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 0x0F]);
            } else {
                text.append((char) b);
            }
        }
        if (cut) {
            text.append("...");
        }
        return text.toString();
    }

    /** Returns whether every byte is printable ISO 646 other than the backslash, so none needs an escape. */
    private static boolean isPlain(byte[] source, int offset, int end) {
        for (int i = offset; i < end; i++) {
            int b = source[i];
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Returns the string of the plain bytes, taken from {@link #RECENT_UIDS} when cached there. */
    private static String recent(byte[] source, int offset, int end) {
        int hash = 0;
        for (int i = offset; i < end; i++) {
            hash = 31 * hash + source[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (RECENT_UIDS.length - 1);
        String known = RECENT_UIDS[slot];
        if (known != null && sameText(known, source, offset, end)) {
            return known;
        }
        String text = new String(source, offset, end - offset, StandardCharsets.ISO_8859_1);
        RECENT_UIDS[slot] = text;
        return text;
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

    /** Writes at most {@link #MAX_HEX_BYTES} bytes as upper-case hex. */
    static String hex(byte[] source, int offset, int length) {
        int count = Math.min(length, MAX_HEX_BYTES);
        StringBuilder text = new StringBuilder(count * 2);
        for (int i = offset; i < offset + count; i++) {
            int b = source[i] & 0xFF;
            text.append(HEX[b >>> 4]).append(HEX[b & 0x0F]);
        }
        return text.toString();
    }
}
