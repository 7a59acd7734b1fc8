package io.dicomwatch.dicom;

import java.util.function.Function;

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
    /** UIDs decoded lately: the same SOP class, transfer syntax and implementation UIDs recur. */
    private static final RecentValues<String> RECENT_UIDS =
            new RecentValues<>(1024, Function.identity(), Function.identity());

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
        if (!cut) {
            String plain = RECENT_UIDS.getIfPlain(source, offset, end);
            if (plain != null) {
                return plain;
            }
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
