package io.dicomwatch.capture;

/** Result of decoding one frame, or one layer of it. Each frame ends with exactly one final outcome. */
enum DecodeOutcome {
    /** The layer decoded and the next layer follows; never a final outcome. */
    CONTINUE,
    TCP,
    NON_IP,
    UDP,
    ICMP,
    /** IP carrying neither TCP, UDP nor ICMP, including ESP and "no next header". */
    OTHER_IP,
    /** An IPv4 or IPv6 fragment, held for reassembly or dropped. */
    IP_FRAGMENT,
    /** A fragment that completed a datagram carrying a TCP segment. It counts as a fragment. */
    REASSEMBLED_TCP,
    /** The snap length cut the frame inside a header that decoding needs. */
    TRUNCATED,
    /** A header is invalid, or shorter than its own length fields require. */
    MALFORMED,
    UNSUPPORTED_LINK_TYPE
}
