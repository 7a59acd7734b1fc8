package io.dicomwatch.capture;

/**
 * Counters of decoded frames. Every frame ends in exactly one outcome counter, so
 * {@link #frames} equals {@link #outcomes()}. A frame carrying a fragment counts in
 * {@link #ipFragments} even when it completes its datagram. The datagram itself counts in the
 * {@code ipDatagrams...} and {@code ipReassembled...} counters, which are not outcomes.
 *
 * <p>Plain fields for the per-packet path; not thread-safe. Merge per-thread copies with
 * {@link #add}.
 */
public final class PacketStats {
    public long frames;
    /** Sum of the frames' original lengths: bytes on the wire, link-layer headers included. */
    public long bytes;
    /** Sum of the frames' captured lengths. */
    public long capturedBytes;

    /** Frames decoded to a TCP segment. */
    public long tcpSegments;
    /** Frames without IPv4 or IPv6: ARP, LLC, other EtherTypes and address families. */
    public long nonIp;
    public long udp;
    /** ICMP and ICMPv6. */
    public long icmp;
    /** IP carrying another protocol, including ESP and IPv6 "no next header". */
    public long otherIp;
    /**
     * Frames carrying an IPv4 or IPv6 fragment, whatever became of it, including the frame that
     * completes a datagram. Atomic IPv6 fragments count as whole packets instead.
     */
    public long ipFragments;
    /** Frames whose snap length cut a header that decoding needs. */
    public long truncated;
    /** Frames with an invalid header, or one shorter than its length fields require. */
    public long malformed;
    public long unsupportedLinkType;

    /** TCP segments delivered with payload bytes that the snap length cut; also in {@link #tcpSegments}. */
    public long tcpPayloadTruncated;

    /**
     * Frames in which at least one tunnel was opened. Each also ends in the outcome of the packet
     * inside, so these counters are not outcomes. The counters by kind count tunnel headers, so a
     * frame with VXLAN inside GRE adds one to each.
     */
    public long tunnelled;
    /** GRE headers other than ERSPAN's, with an IP, Ethernet or MPLS payload or another protocol type. */
    public long tunnelGre;
    /** ERSPAN type I, II and III headers. */
    public long tunnelErspan;
    public long tunnelVxlan;
    public long tunnelGeneve;
    /** IPv4 or IPv6 packets inside IPv4 or IPv6 (IP protocols 4 and 41). */
    public long tunnelIpInIp;
    /** MPLS label stacks. */
    public long tunnelMpls;
    /**
     * Frames whose tunnel header is invalid (such as a VXLAN header without its I flag) or shorter
     * than its own fields require, or whose tunnels nest too deep; also in {@link #malformed}.
     */
    public long tunnelMalformed;

    /** Datagrams whose last missing fragment arrived, so that their headers were decoded as a whole packet's. */
    public long ipDatagramsReassembled;
    /**
     * Reassembled datagrams delivered as TCP segments. Not in {@link #tcpSegments}, which counts
     * frames: the frames that completed them are in {@link #ipFragments}.
     */
    public long ipReassembledTcpSegments;
    /** Reassembled datagrams whose headers after the IP header are invalid, such as a short TCP header. */
    public long ipReassembledMalformed;
    /** Duplicate fragments, which lie inside bytes held and carry the same bytes. They are dropped. */
    public long ipFragmentDuplicates;
    /**
     * Duplicate fragments whose bytes, or next header of an IPv6 fragment at offset 0, differed
     * from those held, which stay: a sign of evasion. Not in {@link #ipFragmentDuplicates}.
     */
    public long ipFragmentConflicts;
    /**
     * Datagrams discarded whole because a fragment overlapped bytes held other than as a
     * duplicate, as Linux and RFC 5722 hosts discard them. The overlapping fragment is discarded
     * with them, and a later fragment with the same key starts a new datagram.
     */
    public long ipDatagramsDiscardedOverlap;
    /**
     * Datagrams discarded whole because a fragment contradicted their length: a last fragment with
     * another end, or ending before bytes held, a fragment past the end a last fragment set, or an
     * empty fragment. Linux discards them too.
     */
    public long ipDatagramsDiscardedLength;
    /** Reassembled datagrams whose first fragment ended inside the TCP header (RFC 1858, RFC 7112). */
    public long ipTinyFirstFragments;
    /**
     * Fragments dropped as malformed: an empty one of no datagram held, an IPv6 one other than the
     * last whose length is not a multiple of 8, one beyond 65,535 bytes or past the run bound.
     */
    public long ipFragmentsDropped;
    /** Fragments dropped because the snap length cut their payload. */
    public long ipFragmentsTruncated;
    /** Datagrams discarded incomplete when their reassembly time ran out. */
    public long ipDatagramsTimedOut;
    /** Datagrams discarded incomplete to stay within the bounds on datagrams and bytes. */
    public long ipDatagramsEvicted;
    /** Datagrams still incomplete when a replay ended or the live sensor stopped. */
    public long ipDatagramsIncomplete;
    /** Maximum bytes held for datagrams in reassembly at once, in whole blocks. */
    public long peakIpFragmentBytes;

    /**
     * Packet records the file reader dropped because the file describes them wrongly (an unknown
     * pcapng interface, a captured length beyond its block); not frames, so not in {@link #outcomes()}.
     */
    public long skippedRecords;

    /**
     * Adds every counter of {@code other} to this one. Peak fragment bytes are summed too, which
     * gives an upper bound of the combined peak of decoders that ran at the same time.
     */
    public void add(PacketStats other) {
        frames += other.frames;
        skippedRecords += other.skippedRecords;
        bytes += other.bytes;
        capturedBytes += other.capturedBytes;
        tcpSegments += other.tcpSegments;
        nonIp += other.nonIp;
        udp += other.udp;
        icmp += other.icmp;
        otherIp += other.otherIp;
        ipFragments += other.ipFragments;
        truncated += other.truncated;
        malformed += other.malformed;
        unsupportedLinkType += other.unsupportedLinkType;
        tcpPayloadTruncated += other.tcpPayloadTruncated;
        tunnelled += other.tunnelled;
        tunnelGre += other.tunnelGre;
        tunnelErspan += other.tunnelErspan;
        tunnelVxlan += other.tunnelVxlan;
        tunnelGeneve += other.tunnelGeneve;
        tunnelIpInIp += other.tunnelIpInIp;
        tunnelMpls += other.tunnelMpls;
        tunnelMalformed += other.tunnelMalformed;
        ipDatagramsReassembled += other.ipDatagramsReassembled;
        ipReassembledTcpSegments += other.ipReassembledTcpSegments;
        ipReassembledMalformed += other.ipReassembledMalformed;
        ipFragmentDuplicates += other.ipFragmentDuplicates;
        ipFragmentConflicts += other.ipFragmentConflicts;
        ipDatagramsDiscardedOverlap += other.ipDatagramsDiscardedOverlap;
        ipDatagramsDiscardedLength += other.ipDatagramsDiscardedLength;
        ipTinyFirstFragments += other.ipTinyFirstFragments;
        ipFragmentsDropped += other.ipFragmentsDropped;
        ipFragmentsTruncated += other.ipFragmentsTruncated;
        ipDatagramsTimedOut += other.ipDatagramsTimedOut;
        ipDatagramsEvicted += other.ipDatagramsEvicted;
        ipDatagramsIncomplete += other.ipDatagramsIncomplete;
        peakIpFragmentBytes += other.peakIpFragmentBytes;
    }

    /** Sum of the outcome counters, which equals {@link #frames}. */
    public long outcomes() {
        return tcpSegments + nonIp + udp + icmp + otherIp + ipFragments + truncated + malformed
                + unsupportedLinkType;
    }

    void count(DecodeOutcome outcome) {
        switch (outcome) {
            case TCP -> tcpSegments++;
            case NON_IP -> nonIp++;
            case UDP -> udp++;
            case ICMP -> icmp++;
            case OTHER_IP -> otherIp++;
            case IP_FRAGMENT -> ipFragments++;
            case REASSEMBLED_TCP -> {
                ipFragments++;
                ipReassembledTcpSegments++;
            }
            case TRUNCATED -> truncated++;
            case UNSUPPORTED_LINK_TYPE -> unsupportedLinkType++;
            default -> malformed++;
        }
    }

    @Override
    public String toString() {
        return "frames=" + frames + " bytes=" + bytes + " capturedBytes=" + capturedBytes
                + " tcpSegments=" + tcpSegments + " nonIp=" + nonIp + " udp=" + udp + " icmp=" + icmp
                + " otherIp=" + otherIp + " ipFragments=" + ipFragments + " truncated=" + truncated
                + " malformed=" + malformed + " unsupportedLinkType=" + unsupportedLinkType
                + " tcpPayloadTruncated=" + tcpPayloadTruncated + " tunnelled=" + tunnelled
                + " tunnelGre=" + tunnelGre + " tunnelErspan=" + tunnelErspan + " tunnelVxlan=" + tunnelVxlan
                + " tunnelGeneve=" + tunnelGeneve + " tunnelIpInIp=" + tunnelIpInIp + " tunnelMpls=" + tunnelMpls
                + " tunnelMalformed=" + tunnelMalformed
                + " ipDatagramsReassembled=" + ipDatagramsReassembled
                + " ipReassembledTcpSegments=" + ipReassembledTcpSegments
                + " ipFragmentConflicts=" + ipFragmentConflicts
                + " ipDatagramsDiscardedOverlap=" + ipDatagramsDiscardedOverlap
                + " ipDatagramsDiscardedLength=" + ipDatagramsDiscardedLength
                + " ipDatagramsTimedOut=" + ipDatagramsTimedOut + " ipDatagramsEvicted=" + ipDatagramsEvicted;
    }
}
