package io.dicomwatch.cli;

import io.dicomwatch.capture.IpAddress;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as 10.0.0.0/8. Parsed without any name look-up;
 * host bits must be zero, so a typo such as 10.1.2.3/8 is reported instead of silently widened.
 */
public record Cidr(IpAddress network, int prefixLength) {
    /** Parses {@code address/prefix}; throws IllegalArgumentException naming the text and the fix. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid network '" + text + "': expected CIDR notation such as "
                    + "10.0.0.0/8 or 2001:db8::/32");
        }
        IpAddress address;
        try {
            address = IpAddress.parse(text.substring(0, slash).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid network '" + text + "': " + e.getMessage(), e);
        }
        int maxPrefix = address.length() * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid network '" + text + "': the prefix length must be a number "
                    + "from 0 to " + maxPrefix, e);
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("invalid network '" + text + "': the prefix length must be 0 to "
                    + maxPrefix);
        }
        for (int bit = prefix; bit < maxPrefix; bit++) {
            if ((address.byteAt(bit / 8) & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("invalid network '" + text + "': host bits are set after the /"
                        + prefix + " prefix; write the network address");
            }
        }
        return new Cidr(address, prefix);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
