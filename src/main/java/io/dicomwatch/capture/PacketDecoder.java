package io.dicomwatch.capture;

/**
 * Decodes the link, IP and TCP headers of a frame into a reused {@link TcpSegment}.
 *
 * <p>Link types: NULL, LOOP, EN10MB, RAW (101, and 12 and 14 as some systems wrote DLT_RAW),
 * IPV4, IPV6, LINUX_SLL and LINUX_SLL2; see {@link LinkType}. Every frame is counted in
 * {@link #stats()} by its outcome. Decoding reads only the frame's captured bytes and returns
 * false rather than throwing for any frame content. The truncation and fuzz tests exercise this.
 *
 * <p>IPv4 and IPv6 fragments go to a {@link FragmentReassembler}, created with the first fragment,
 * and the frame that completes a datagram yields its TCP segment, whose payload then lies in the
 * reassembler's buffer. Decoding a whole packet allocates nothing; a fragment allocates only
 * until the reassembler's pools have grown. Not thread-safe, so use one decoder per thread and
 * merge the stats.
 */
public final class PacketDecoder {
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final PacketStats stats = new PacketStats();
    private final PacketCursor cursor = new PacketCursor();
    private final FragmentReassemblyConfig fragmentConfig;
    private FragmentReassembler fragments;

    public PacketDecoder() {
        this(FragmentReassemblyConfig.DEFAULTS);
    }

    public PacketDecoder(FragmentReassemblyConfig fragmentConfig) {
        this.fragmentConfig = fragmentConfig;
    }

    /**
     * Decodes {@code frame}; returns true and fills {@code segment} when it carries a TCP segment.
     * On false, the segment's fields are partly overwritten and meaningless.
     */
    public boolean decode(Frame frame, TcpSegment segment) {
        stats.frames++;
        stats.bytes += Math.max(frame.originalLength, frame.capturedLength);
        stats.capturedBytes += frame.capturedLength;
        DecodeOutcome outcome = isConsistent(frame) ? decodeLayers(frame, segment) : DecodeOutcome.MALFORMED;
        stats.count(outcome);
        if (outcome != DecodeOutcome.TCP && outcome != DecodeOutcome.REASSEMBLED_TCP) {
            return false;
        }
        if (segment.payloadMissing > 0) {
            stats.tcpPayloadTruncated++;
        }
        return true;
    }

    public PacketStats stats() {
        return stats;
    }

    /** Discards the datagrams still waiting for fragments, counted as incomplete, as at the end of a capture. */
    public void finish() {
        if (fragments != null) {
            fragments.finish();
        }
    }

    /** Returns the bytes held for datagrams in reassembly, in whole blocks. */
    long fragmentBytes() {
        return fragments == null ? 0 : fragments.bufferedBytes();
    }

    /** Rejects a frame whose offset and length do not fit its buffer, so no read can leave it. */
    private static boolean isConsistent(Frame frame) {
        return frame.data != null && frame.offset >= 0 && frame.capturedLength >= 0
                && frame.offset <= frame.data.length - frame.capturedLength;
    }

    private DecodeOutcome decodeLayers(Frame frame, TcpSegment segment) {
        segment.timestampNanos = frame.timestampNanos;
        segment.frameNumber = frame.number;
        segment.sourceMac = -1;
        segment.destinationMac = -1;
        segment.vlanCount = 0;
        cursor.reset(frame);
        DecodeOutcome outcome = LinkLayerDecoder.decode(cursor, frame.linkType, segment);
        if (outcome != DecodeOutcome.CONTINUE) {
            return outcome;
        }
        outcome = cursor.protocol == LinkLayerDecoder.ETHERTYPE_IPV4
                ? Ipv4Decoder.decode(cursor, segment)
                : Ipv6Decoder.decode(cursor, segment);
        if (outcome == DecodeOutcome.IP_FRAGMENT) {
            return reassemble(segment);
        }
        if (outcome != DecodeOutcome.CONTINUE) {
            return outcome;
        }
        return decodeTransport(segment);
    }

    /**
     * Adds a fragment to its datagram. The frame's outcome stays a fragment, but when it completes
     * a datagram that carries TCP, the segment is decoded from the reassembled bytes.
     */
    private DecodeOutcome reassemble(TcpSegment segment) {
        if (fragments == null) {
            fragments = new FragmentReassembler(fragmentConfig, stats);
        }
        DecodeOutcome outcome = fragments.add(cursor, segment, segment.timestampNanos);
        if (outcome == DecodeOutcome.CONTINUE) {
            outcome = decodeTransport(segment);
        }
        if (outcome == DecodeOutcome.MALFORMED) {
            stats.ipReassembledMalformed++;
        }
        return outcome == DecodeOutcome.TCP ? DecodeOutcome.REASSEMBLED_TCP : DecodeOutcome.IP_FRAGMENT;
    }

    private DecodeOutcome decodeTransport(TcpSegment segment) {
        return switch (cursor.protocol) {
            case TcpDecoder.PROTOCOL -> TcpDecoder.decode(cursor, segment);
            case UDP -> DecodeOutcome.UDP;
            case ICMP, ICMPV6 -> DecodeOutcome.ICMP;
            default -> DecodeOutcome.OTHER_IP;
        };
    }
}
