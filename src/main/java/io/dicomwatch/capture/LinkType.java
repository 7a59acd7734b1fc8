package io.dicomwatch.capture;

/**
 * LINKTYPE_ values that the packet decoder reads, from the tcpdump.org link-layer header type
 * registry (https://www.tcpdump.org/linktypes.html).
 */
public final class LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** DLT_RAW as some systems wrote it into files instead of {@link #RAW}. */
    public static final int RAW_DLT_12 = 12;
    /** DLT_RAW on OpenBSD, as some systems wrote it into files. */
    public static final int RAW_DLT_14 = 14;
    /** Raw IPv4 or IPv6, distinguished by the version field. */
    public static final int RAW = 101;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux cooked capture version 1, a 16-byte pseudo-header. */
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    /** Linux cooked capture version 2, a 20-byte pseudo-header. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
