package io.dicomwatch.capture;

/**
 * Decodes the link, IP and TCP headers of a frame into a reused {@link TcpSegment}.
 *
 * <p>Link types: NULL, LOOP, EN10MB, RAW (101, and 12 and 14 as some systems wrote DLT_RAW),
 * IPV4, IPV6, LINUX_SLL and LINUX_SLL2; see {@link LinkType}. Tunnels that carry mirrored
 * traffic are opened by {@link TunnelDecoder}, and the segment describes the innermost packet.
 * Every frame is counted in {@link #stats()} by its outcome. Decoding reads only the frame's
 * captured bytes and returns false rather than throwing for any frame content. The truncation and
 * fuzz tests exercise this.
 *
 * <p>IPv4 and IPv6 fragments go to a {@link FragmentReassembler}, created with the first fragment,
 * and the frame that completes a datagram yields its TCP segment, whose payload then lies in the
 * reassembler's buffer. Decoding a whole packet allocates nothing; a fragment allocates only
 * until the reassembler's pools have grown, or when its datagram needs more than 16 runs of
 * fragments ({@link FragmentedDatagram}). Not thread-safe, so use one decoder per thread and
 * merge the stats.
 */
public final class PacketDecoder {
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final PacketStats stats = new PacketStats();
    private final PacketCursor cursor = new PacketCursor();
    private final TunnelDecoder tunnels = new TunnelDecoder(stats);
    private final FragmentReassemblyConfig fragmentConfig;
    private FragmentReassembler fragments;
    /** Whether the frame being decoded completed a datagram, at any tunnel depth. */
    private boolean reassembled;

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
        tunnels.reset();
        reassembled = false;
        DecodeOutcome outcome = LinkLayerDecoder.decode(cursor, frame.linkType, segment);
        // Each turn after the first opens a tunnel, and TunnelDecoder bounds their number.
        while (outcome == DecodeOutcome.CONTINUE) {
            outcome = decodeNetwork(segment);
        }
        if (!reassembled) {
            return outcome;
        }
        // The frame's outcome stays a fragment, unless the datagram it completed carried TCP.
        if (outcome == DecodeOutcome.MALFORMED) {
            stats.ipReassembledMalformed++;
        }
        return outcome == DecodeOutcome.TCP ? DecodeOutcome.REASSEMBLED_TCP : DecodeOutcome.IP_FRAGMENT;
    }

    /**
     * Decodes the network layer of the cursor's EtherType and what it carries. Returns CONTINUE
     * when that is a tunnel, with the cursor at the inner network layer.
     */
    private DecodeOutcome decodeNetwork(TcpSegment segment) {
        int etherType = cursor.protocol;
        if (etherType != LinkLayerDecoder.ETHERTYPE_IPV4 && etherType != LinkLayerDecoder.ETHERTYPE_IPV6) {
            return tunnels.decodeMpls(cursor, segment);
        }
        DecodeOutcome outcome = etherType == LinkLayerDecoder.ETHERTYPE_IPV4
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
     * Adds a fragment to its datagram. When the fragment completes the datagram, the cursor moves
     * to the reassembled bytes and their transport layer is decoded, which may open a tunnel.
     */
    private DecodeOutcome reassemble(TcpSegment segment) {
        if (fragments == null) {
            fragments = new FragmentReassembler(fragmentConfig, stats);
        }
        DecodeOutcome outcome = fragments.add(cursor, segment, segment.timestampNanos);
        if (outcome == DecodeOutcome.IP_FRAGMENT) {
            return outcome;
        }
        reassembled = true;
        return outcome == DecodeOutcome.CONTINUE ? decodeTransport(segment) : outcome;
    }

    private DecodeOutcome decodeTransport(TcpSegment segment) {
        return switch (cursor.protocol) {
            case TcpDecoder.PROTOCOL -> TcpDecoder.decode(cursor, segment);
            case UdpTunnelDecoder.PROTOCOL_UDP -> tunnels.decodeUdp(cursor, segment);
            case ICMP, ICMPV6 -> DecodeOutcome.ICMP;
            default -> tunnels.decodeIpPayload(cursor, segment);
        };
    }
}
