package io.dicomwatch.capture;

/**
 * The fields of one decoded TCP segment that later stages need, filled in place by the packet
 * decoder so that the per-packet path allocates nothing.
 *
 * <p>{@link #payload} is the frame's own buffer, or for a datagram reassembled from fragments the
 * decoder's reassembly buffer, which the next fragment may overwrite: consumers copy what they keep.
 */
public final class TcpSegment {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    /** Maximum number of VLAN tags recorded; more are skipped but still decoded past. */
    public static final int MAX_VLAN_TAGS = 2;

    public long timestampNanos;
    public long frameNumber;

    /** Source and destination MAC as 48-bit values, or -1 when the link layer has none. */
    public long sourceMac;
    public long destinationMac;
    /** VLAN IDs from the outermost tag inwards; {@link #vlanCount} of them are valid. */
    public final int[] vlanIds = new int[MAX_VLAN_TAGS];
    public int vlanCount;

    /** 4 or 6. */
    public int ipVersion;
    /** Addresses in the first 4 (IPv4) or 16 (IPv6) bytes. */
    public final byte[] sourceAddress = new byte[16];
    public final byte[] destinationAddress = new byte[16];
    public int sourcePort;
    public int destinationPort;

    /** Sequence and acknowledgement numbers as unsigned 32-bit values. */
    public long sequenceNumber;
    public long acknowledgementNumber;
    /** TCP flag bits: {@link #FIN}, {@link #SYN}, {@link #RST}, {@link #PSH}, {@link #ACK}. */
    public int flags;

    public byte[] payload;
    public int payloadOffset;
    /** Payload bytes present in the capture. */
    public int payloadLength;
    /**
     * Payload bytes the IP header announces beyond those captured, because the snap length cut
     * the frame; 0 for a whole segment.
     */
    public int payloadMissing;

    public int addressLength() {
        return ipVersion == 4 ? 4 : 16;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }
}
