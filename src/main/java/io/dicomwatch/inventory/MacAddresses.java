package io.dicomwatch.inventory;

/** MAC addresses as 48-bit values in a long, written as lower-case colon-separated hex. */
public final class MacAddresses {
    private MacAddresses() {
    }

    public static String format(long mac) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (mac >>> shift) & 0xFF;
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0x0F, 16));
            if (shift > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (either case). */
    public static long parse(String text) {
        String[] octets = text.split(":", -1);
        if (octets.length != 6) {
            throw new IllegalArgumentException("invalid MAC address '" + text + "': expected six hex octets "
                    + "separated by colons");
        }
        long mac = 0;
        for (String octet : octets) {
            if (octet.length() != 2) {
                throw new IllegalArgumentException("invalid MAC address '" + text + "': octet '" + octet + "'");
            }
            try {
                mac = (mac << 8) | Integer.parseInt(octet, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid MAC address '" + text + "': octet '" + octet + "'", e);
            }
        }
        return mac;
    }
}
