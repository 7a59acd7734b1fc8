package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as {@code 10.0.0.0/8} or {@code fc00::/7}. A bare
 * address is a host network (/32 or /128). Parsing is strict: address bits beyond the prefix must be
 * zero, because {@code 10.1.2.3/8} is more often a typo than an intent.
 */
public record Cidr(IpAddress network, int prefixLength) {
    /**
     * Parses CIDR text.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        IpAddress address;
        try {
            address = IpAddress.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': '" + addressText + "' is not an IP address",
                    e);
        }
        int maxPrefix = address.length() * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid CIDR '" + text + "': the prefix length must be a number",
                        e);
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("invalid CIDR '" + text + "': the prefix length must be 0 to "
                        + maxPrefix);
            }
        }
        for (int bit = prefix; bit < maxPrefix; bit++) {
            if ((address.byteAt(bit / 8) & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("invalid CIDR '" + text + "': address bits beyond the /" + prefix
                        + " prefix are set; write the network address");
            }
        }
        return new Cidr(address, prefix);
    }

    /** Returns whether {@code address} is in this network; IPv4 never matches an IPv6 network. */
    public boolean contains(IpAddress address) {
        if (address.length() != network.length()) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address.byteAt(i) != network.byteAt(i)) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address.byteAt(fullBytes) & mask) == (network.byteAt(fullBytes) & mask);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
