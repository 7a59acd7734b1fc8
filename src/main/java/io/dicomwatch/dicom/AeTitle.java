package io.dicomwatch.dicom;

/**
 * An application entity title as it appeared on the wire, made safe to export.
 *
 * <p>PS3.5 makes leading and trailing spaces of an AE title insignificant, and some stacks pad
 * with NULs instead, so both are removed: a title made only of padding becomes "" (an empty but
 * known title, unlike a null title, which is unknown). Bytes outside ISO 646 printable text
 * (0x20 to 0x7E), and the backslash, which an AE title may not contain, are written as
 * {@code \xNN} and the title is flagged as {@link #nonText()} instead of being dropped.
 *
 * @param value the title without padding, escaped as described
 * @param nonText whether any byte had to be escaped
 */
public record AeTitle(String value, boolean nonText) {
    /** Length of the AE title fields of A-ASSOCIATE-RQ and -AC. */
    public static final int FIELD_LENGTH = 16;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Titles decoded lately, because a network's AE titles recur in association after association. */
    private static final RecentValues<AeTitle> RECENT = new RecentValues<>(512, value -> new AeTitle(value, false),
            AeTitle::value);

    // equals and hashCode are written out here and in the other keys of the inventory's maps. The
    // generated ones call through method handles, which slow every lookup until the JIT warms up.
    @Override
    public boolean equals(Object other) {
        return other instanceof AeTitle title && nonText == title.nonText && value.equals(title.value);
    }

    @Override
    public int hashCode() {
        return 31 * value.hashCode() + (nonText ? 1 : 0);
    }

    /** Decodes {@code length} bytes of an AE title field. */
    public static AeTitle decode(byte[] source, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (end > start && (source[end - 1] == ' ' || source[end - 1] == 0)) {
            end--;
        }
        while (start < end && source[start] == ' ') {
            start++;
        }
        AeTitle plain = RECENT.getIfPlain(source, start, end);
        if (plain != null) {
            return plain;
        }
        StringBuilder text = new StringBuilder(end - start);
        boolean escaped = false;
        for (int i = start; i < end; i++) {
            int b = source[i] & 0xFF;
            if (b < 0x20 || b > 0x7E || b == '\\') {
                text.append("\\x").append(HEX[b >>> 4]).append(HEX[b & 0x0F]);
                escaped = true;
            } else {
                text.append((char) b);
            }
        }
        return new AeTitle(text.toString(), escaped);
    }

    @Override
    public String toString() {
        return value;
    }
}
