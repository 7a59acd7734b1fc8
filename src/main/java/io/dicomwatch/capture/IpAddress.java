package io.dicomwatch.capture;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address, compared by value and printed in its canonical text form
 * (dotted quad for IPv4, RFC 5952 for IPv6).
 *
 * <p>Built once per connection or asset, never per packet, so it may allocate.
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final byte[] bytes;
    private final int hash;
    /** Text form, made on first use, because exports and findings format the same address many times. */
    private String text;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies 4 (IPv4) or 16 (IPv6) bytes starting at {@code offset}. */
    public static IpAddress of(byte[] source, int offset, int length) {
        if (length != 4 && length != 16) {
            throw new IllegalArgumentException("address length must be 4 or 16, got " + length);
        }
        return new IpAddress(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** Parses a dotted-quad IPv4 or an IPv6 literal without any name look-up. */
    public static IpAddress parse(String text) {
        byte[] parsed = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
        if (parsed == null) {
            throw new IllegalArgumentException("invalid IP address: '" + text + "'");
        }
        return new IpAddress(parsed);
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** Returns a copy of the address bytes, 4 or 16 of them. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Orders IPv4 before IPv6, then by unsigned bytes, so exports sort the same way every run. */
    @Override
    public int compareTo(IpAddress other) {
        if (bytes.length != other.bytes.length) {
            return Integer.compare(bytes.length, other.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        String formatted = text;
        if (formatted == null) {
            // A race between threads only formats the same text twice.
            formatted = isIpv4() ? formatIpv4() : formatIpv6();
            text = formatted;
        }
        return formatted;
    }

    private String formatIpv4() {
        return byteAt(0) + "." + byteAt(1) + "." + byteAt(2) + "." + byteAt(3);
    }

    /**
     * Formats as RFC 5952: lower case, no leading zeros, the longest run of two or more zero
     * groups as "::" (section 4), and an IPv4-mapped address with its IPv4 part dotted (section 5).
     */
    private String formatIpv6() {
        if (isIpv4Mapped()) {
            return "::ffff:" + byteAt(12) + "." + byteAt(13) + "." + byteAt(14) + "." + byteAt(15);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (byteAt(2 * i) << 8) | byteAt(2 * i + 1);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                text.append(':');
            }
        }
        return text.toString();
    }

    /** Returns whether this is ::ffff:a.b.c.d, an IPv4 address in IPv6 form (RFC 4291 section 2.5.5.2). */
    private boolean isIpv4Mapped() {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return byteAt(10) == 0xFF && byteAt(11) == 0xFF;
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] result = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            result[i] = (byte) value;
        }
        return result;
    }

    private static byte[] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = parseGroups(head);
        int[] tailGroups = parseGroups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        byte[] result = new byte[16];
        for (int i = 0; i < 8; i++) {
            result[2 * i] = (byte) (groups[i] >>> 8);
            result[2 * i + 1] = (byte) groups[i];
        }
        return result;
    }

    /** Parses colon-separated hex groups, the last of which may be an embedded IPv4 address. */
    private static int[] parseGroups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] groups = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(part);
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            try {
                groups[count++] = Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return Arrays.copyOf(groups, count);
    }
}
