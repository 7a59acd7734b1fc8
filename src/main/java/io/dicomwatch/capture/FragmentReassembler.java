package io.dicomwatch.capture;

/**
 * Reassembles IPv4 (RFC 791) and IPv6 (RFC 8200 section 4.5) fragments, so that the transport
 * header of a fragmented datagram can be decoded as that of a whole packet.
 *
 * <p>The policy for hostile input is that of Linux for both versions
 * ({@code ip_frag_queue} in net/ipv4/ip_fragment.c, {@code ip6_frag_queue} in
 * net/ipv6/reassembly.c, {@code inet_frag_queue_insert} in net/ipv4/inet_fragment.c), and for
 * IPv6 that of RFC 5722, so that the sensor decodes only datagrams that such a host accepts:
 * <ul>
 *   <li>A fragment that lies inside bytes already held, within one run of fragments as
 *       {@link FragmentedDatagram} tracks them, is a duplicate and is dropped. The held bytes stay,
 *       and the fragment counts as a conflict when its bytes, or the next header of an IPv6
 *       fragment at offset 0, differ from them.
 *   <li>A fragment that overlaps held bytes in any other way discards the whole datagram. So does
 *       one that contradicts its length: a last fragment (more-fragments flag clear) with another
 *       end than an earlier last fragment, or ending before bytes held, a fragment past the end a
 *       last fragment set, and an empty fragment. As in Linux, which removes the datagram's queue,
 *       a later fragment with the same key starts a new datagram.
 *   <li>An IPv4 fragment other than the last whose length is not a multiple of 8 is cut to the
 *       multiple of 8 below, as Linux does. Such an IPv6 fragment is dropped as malformed.
 *   <li>Dropped as malformed, the datagram kept: a fragment that would make the datagram longer
 *       than 65,535 bytes (the IPv4 header or the IPv6 unfragmentable part included), an IPv4
 *       fragment with total length 0, an IPv6 fragment of a jumbogram, one that would need more
 *       than {@value FragmentedDatagram#MAX_RUNS} runs, and an empty fragment of no datagram held.
 *       The snap length cutting a fragment's payload drops it too, counted apart.
 *   <li>A first fragment that ends inside the TCP header (RFC 1858), or for IPv6 before the end
 *       of the header chain through TCP (RFC 7112), is reassembled like any other and counted.
 *   <li>The upper-layer protocol of an IPv6 datagram is the next header of its fragment at offset
 *       0, as RFC 8200 takes it from that fragment. Fragments whose unfragmentable parts differ
 *       are otherwise reassembled as usual.
 *   <li>A fragment header inside a reassembled IPv6 datagram makes the datagram malformed, since
 *       Linux drops such a packet with an ICMPv6 parameter problem ({@code ipv6_frag_rcv}).
 * </ul>
 * NOTE: Linux keeps an IPv4 fragment that ends past 65,535 bytes, which dooms its datagram. It
 * discards an IPv6 datagram whose unfragmentable part and payload exceed 65,535 bytes only on
 * completion. Here such a fragment alone is dropped. Hosts that follow RFC 7112 also discard an
 * IPv6 first fragment without the whole header chain, which {@code ipTinyFirstFragments} counts.
 *
 * <p>Memory is bounded by {@link FragmentReassemblyConfig}: a datagram beyond the count bound, or
 * a fragment whose bytes exceed the byte bound, evicts the datagrams whose first fragments came
 * earliest. Datagrams time out in capture time, measured from their first fragment by a clock
 * that never goes backwards. Every fragment the reassembler drops and every datagram it discards
 * is counted in {@link PacketStats}. Not thread-safe.
 *
 * <p>NOTE: timeouts are checked only when a fragment arrives, so that whole packets pay nothing.
 * After the last fragment of a burst, expired datagrams keep their blocks, within the bounds, and
 * count as timed out only when the next fragment comes or, in a replay, as incomplete at the end.
 */
final class FragmentReassembler {
    private static final int IPV4_HEADER_UNIT = 4;
    private static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    private static final int IPV4_IDENTIFICATION_OFFSET = 4;
    private static final int IPV4_FRAGMENT_OFFSET = 6;
    private static final int IPV4_PROTOCOL_OFFSET = 9;
    private static final int IPV4_MORE_FRAGMENTS = 0x2000;
    private static final int IPV4_OFFSET_MASK = 0x1FFF;
    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
    private static final int IPV6_FRAGMENT_HEADER_LENGTH = 8;
    private static final int IPV6_FRAGMENT_FIELD_OFFSET = 2;
    private static final int IPV6_IDENTIFICATION_OFFSET = 4;
    private static final int IPV6_OFFSET_MASK = 0xFFF8;
    private static final int IPV6_MORE_FRAGMENTS = 0x0001;
    /** Fragment offsets count 8-byte units, so every fragment but the last carries a multiple of 8. */
    private static final int FRAGMENT_UNIT_MASK = 7;
    private static final int TCP_MIN_HEADER_LENGTH = 20;
    private static final int TCP_DATA_OFFSET_OFFSET = 12;
    private static final int TCP_DATA_OFFSET_UNIT = 4;

    private final FragmentReassemblyConfig config;
    private final PacketStats stats;
    private final FragmentTable table;
    private final FragmentBlockPool pool;
    /** Latest capture time seen, so that a timestamp going backwards extends no timeout. */
    private long clock = Long.MIN_VALUE;
    /** Reassembled fragmentable part, reused: the delivered segment's payload points into it. */
    private byte[] output;

    FragmentReassembler(FragmentReassemblyConfig config, PacketStats stats) {
        this.config = config;
        this.stats = stats;
        this.table = new FragmentTable(config.maxDatagrams());
        this.pool = new FragmentBlockPool(config.maxBufferedBytes());
    }

    /**
     * Adds the fragment that the IP decoder found: the cursor is at the IPv4 header, or at the IPv6
     * fragment header with {@link PacketCursor#networkOffset} at the IPv6 header, and the segment
     * contains the addresses. When the fragment completes its datagram, the cursor moves onto the
     * reassembled bytes, at the upper-layer header with its protocol.
     *
     * @return {@link DecodeOutcome#CONTINUE} when the datagram is complete and its headers up to
     *     the upper layer are valid; for a complete IPv6 datagram {@link DecodeOutcome#OTHER_IP}
     *     (ESP, no next header) or {@link DecodeOutcome#MALFORMED} as its extension headers decode;
     *     {@link DecodeOutcome#IP_FRAGMENT} while it waits for more fragments or when the fragment
     *     was dropped
     */
    DecodeOutcome add(PacketCursor cursor, TcpSegment segment, long timestampNanos) {
        clock = Math.max(clock, timestampNanos);
        expire(Ipv4Decoder.VERSION, config.ipv4TimeoutNanos());
        expire(Ipv6Decoder.VERSION, config.ipv6TimeoutNanos());
        return segment.ipVersion == Ipv4Decoder.VERSION ? addIpv4(cursor, segment) : addIpv6(cursor, segment);
    }

    /** Discards every datagram in progress, as at the end of a capture. */
    void finish() {
        for (FragmentedDatagram datagram = table.oldestExcept(null); datagram != null;
                datagram = table.oldestExcept(null)) {
            discard(datagram);
            stats.ipDatagramsIncomplete++;
        }
    }

    long bufferedBytes() {
        return pool.bytesInUse();
    }

    private DecodeOutcome addIpv4(PacketCursor cursor, TcpSegment segment) {
        byte[] data = cursor.data;
        int header = cursor.networkOffset;
        int headerLength = (Bytes.u8(data, header) & 0x0F) * IPV4_HEADER_UNIT;
        int totalLength = Bytes.u16(data, header + IPV4_TOTAL_LENGTH_OFFSET);
        int payloadStart = header + headerLength;
        int length = totalLength - headerLength;
        int field = Bytes.u16(data, header + IPV4_FRAGMENT_OFFSET);
        int start = (field & IPV4_OFFSET_MASK) << 3;
        boolean last = (field & IPV4_MORE_FRAGMENTS) == 0;

        // The IPv4 decoder reads a total length of 0 as "the captured bytes", which no fragment may use.
        if (totalLength == 0) {
            stats.ipFragmentsDropped++;
            return DecodeOutcome.IP_FRAGMENT;
        }
        if (!isWhole(cursor, payloadStart, length)) {
            return DecodeOutcome.IP_FRAGMENT;
        }
        // Linux cuts a fragment other than the last to a multiple of 8 bytes instead of dropping it.
        int end = start + (last ? length : length & ~FRAGMENT_UNIT_MASK);
        if (!isWithinMaximum(headerLength, end)) {
            return DecodeOutcome.IP_FRAGMENT;
        }

        int protocol = Bytes.u8(data, header + IPV4_PROTOCOL_OFFSET);
        int identification = Bytes.u16(data, header + IPV4_IDENTIFICATION_OFFSET);
        FragmentedDatagram datagram = accept(segment, protocol, identification, FragmentedDatagram.UNKNOWN,
                data, payloadStart, start, end, last);
        if (datagram == null || !datagram.isComplete()) {
            return DecodeOutcome.IP_FRAGMENT;
        }

        int firstFragmentLength = datagram.firstFragmentLength;
        deliver(datagram, cursor);
        cursor.protocol = protocol;
        countTinyFirstFragment(cursor, firstFragmentLength);
        return DecodeOutcome.CONTINUE;
    }

    private DecodeOutcome addIpv6(PacketCursor cursor, TcpSegment segment) {
        byte[] data = cursor.data;
        int header = cursor.networkOffset;
        int fragmentHeader = cursor.offset;
        int payloadLength = Bytes.u16(data, header + IPV6_PAYLOAD_LENGTH_OFFSET);
        int payloadStart = fragmentHeader + IPV6_FRAGMENT_HEADER_LENGTH;
        int length = header + IPV6_HEADER_LENGTH + payloadLength - payloadStart;
        int field = Bytes.u16(data, fragmentHeader + IPV6_FRAGMENT_FIELD_OFFSET);
        int start = field & IPV6_OFFSET_MASK;
        boolean last = (field & IPV6_MORE_FRAGMENTS) == 0;
        int unfragmentableLength = fragmentHeader - header - IPV6_HEADER_LENGTH;

        // A payload length of 0 marks a jumbogram, which RFC 2675 forbids to fragment.
        if (payloadLength == 0) {
            stats.ipFragmentsDropped++;
            return DecodeOutcome.IP_FRAGMENT;
        }
        if (!isWhole(cursor, payloadStart, length)) {
            return DecodeOutcome.IP_FRAGMENT;
        }
        // Linux drops a fragment other than the last that is not a multiple of 8 bytes, sends a
        // parameter problem and keeps the datagram.
        if (!last && (length & FRAGMENT_UNIT_MASK) != 0) {
            stats.ipFragmentsDropped++;
            return DecodeOutcome.IP_FRAGMENT;
        }
        if (!isWithinMaximum(unfragmentableLength, start + length)) {
            return DecodeOutcome.IP_FRAGMENT;
        }

        int identification = Bytes.i32(data, fragmentHeader + IPV6_IDENTIFICATION_OFFSET);
        int nextHeader = Bytes.u8(data, fragmentHeader);
        FragmentedDatagram datagram = accept(segment, 0, identification, nextHeader, data, payloadStart, start,
                start + length, last);
        if (datagram == null || !datagram.isComplete()) {
            return DecodeOutcome.IP_FRAGMENT;
        }

        int firstFragmentLength = datagram.firstFragmentLength;
        int firstNextHeader = datagram.firstNextHeader;
        deliver(datagram, cursor);
        DecodeOutcome outcome = Ipv6Decoder.skipExtensionHeaders(cursor, firstNextHeader, true);
        if (outcome == DecodeOutcome.CONTINUE) {
            countTinyFirstFragment(cursor, firstFragmentLength);
        }
        return outcome;
    }

    /** Checks that the fragment's payload, {@code length} bytes by its IP header, was captured whole. */
    private boolean isWhole(PacketCursor cursor, int payloadStart, int length) {
        if (cursor.end - payloadStart >= length) {
            return true;
        }
        if (cursor.missing > 0) {
            stats.ipFragmentsTruncated++;
        } else {
            stats.ipFragmentsDropped++;
        }
        return false;
    }

    /**
     * Checks that a fragment ending at {@code end}, with {@code headerLength} bytes of headers
     * before the fragmentable part, keeps the datagram within 65,535 bytes.
     */
    private boolean isWithinMaximum(int headerLength, int end) {
        if (headerLength + end <= FragmentedDatagram.MAX_PAYLOAD) {
            return true;
        }
        stats.ipFragmentsDropped++;
        return false;
    }

    /**
     * Stores the fragment [start, end) in its datagram, creating the datagram when it is new, or
     * drops the fragment or discards the datagram as the class comment describes.
     *
     * @param nextHeader the IPv6 fragment header's next header, or {@link FragmentedDatagram#UNKNOWN} for IPv4
     * @return the datagram when it took the fragment, or null when the fragment was dropped or
     *     the datagram discarded
     */
    private FragmentedDatagram accept(TcpSegment segment, int protocol, int identification, int nextHeader,
            byte[] data, int payloadStart, int start, int end, boolean last) {
        int version = segment.ipVersion;
        int hash = table.hash(version, segment.sourceAddress, segment.destinationAddress, protocol, identification);
        FragmentedDatagram datagram = table.find(version, segment.sourceAddress, segment.destinationAddress,
                protocol, identification, hash);
        if (datagram == null) {
            if (start == end) {
                stats.ipFragmentsDropped++;
                return null;
            }
            if (table.size() >= config.maxDatagrams()) {
                evict(table.oldestExcept(null));
            }
            datagram = table.add(version, segment.sourceAddress, segment.destinationAddress, protocol,
                    identification, hash, clock);
        } else if (contradictsLength(datagram, start, end, last)) {
            discard(datagram);
            stats.ipDatagramsDiscardedLength++;
            return null;
        } else {
            int placement = datagram.place(start, end);
            if (placement == FragmentedDatagram.DUPLICATE) {
                countDuplicate(datagram, data, payloadStart, start, end, nextHeader);
                return null;
            }
            if (placement == FragmentedDatagram.OVERLAP) {
                discard(datagram);
                stats.ipDatagramsDiscardedOverlap++;
                return null;
            }
            if (datagram.exceedsRunBound(start)) {
                stats.ipFragmentsDropped++;
                return null;
            }
        }
        if (!makeRoom(datagram, datagram.missingBlocks(start, end))) {
            stats.ipFragmentsDropped++;
            return null;
        }

        if (last) {
            datagram.payloadLength = end;
        }
        datagram.allocateBlocks(start, end, pool);
        stats.peakIpFragmentBytes = Math.max(stats.peakIpFragmentBytes, pool.peakBytesInUse());
        datagram.insert(data, payloadStart, start, end);
        if (start == 0) {
            datagram.firstFragmentLength = end;
            datagram.firstNextHeader = nextHeader;
        }
        return datagram;
    }

    /**
     * Returns whether the fragment [start, end) contradicts the length that earlier fragments set
     * or imply, or is empty, either of which makes Linux discard the datagram.
     */
    private static boolean contradictsLength(FragmentedDatagram datagram, int start, int end, boolean last) {
        if (start == end) {
            return true;
        }
        boolean lengthSet = datagram.payloadLength != FragmentedDatagram.UNKNOWN;
        if (last) {
            return end < datagram.highestEnd || lengthSet && end != datagram.payloadLength;
        }
        return lengthSet && end > datagram.payloadLength;
    }

    /**
     * Counts a duplicate fragment, as a conflict when its bytes, or the next header of an IPv6
     * fragment at offset 0, differ from those held, which stay.
     */
    private void countDuplicate(FragmentedDatagram datagram, byte[] data, int payloadStart, int start, int end,
            int nextHeader) {
        boolean sameNextHeader = start != 0 || nextHeader == datagram.firstNextHeader;
        if (sameNextHeader && datagram.matches(data, payloadStart, start, end)) {
            stats.ipFragmentDuplicates++;
        } else {
            stats.ipFragmentConflicts++;
        }
    }

    /**
     * Evicts the oldest other datagrams until {@code blocks} more fit. Returns false only when they
     * cannot fit at all, which the configuration's minimum byte bound rules out. A new datagram that
     * gets no bytes is removed again.
     */
    private boolean makeRoom(FragmentedDatagram datagram, int blocks) {
        while (!pool.hasRoom(blocks)) {
            FragmentedDatagram oldest = table.oldestExcept(datagram);
            if (oldest == null) {
                if (datagram.blockCount() == 0) {
                    table.remove(datagram);
                }
                return false;
            }
            evict(oldest);
        }
        return true;
    }

    /** Moves the cursor onto the bytes of a complete datagram and releases the datagram. */
    private void deliver(FragmentedDatagram datagram, PacketCursor cursor) {
        if (output == null) {
            output = new byte[FragmentedDatagram.MAX_PAYLOAD];
        }
        datagram.copyPayload(output);
        cursor.data = output;
        cursor.offset = 0;
        cursor.end = datagram.payloadLength;
        cursor.missing = 0;
        discard(datagram);
        stats.ipDatagramsReassembled++;
    }

    /**
     * Counts a tiny first fragment when the cursor is at a TCP header that ends past the fragment
     * at offset 0, its options included.
     */
    private void countTinyFirstFragment(PacketCursor cursor, int firstFragmentLength) {
        if (cursor.protocol != TcpDecoder.PROTOCOL) {
            return;
        }
        int headerLength = TCP_MIN_HEADER_LENGTH;
        if (cursor.remaining() > TCP_DATA_OFFSET_OFFSET) {
            int dataOffset = Bytes.u8(cursor.data, cursor.offset + TCP_DATA_OFFSET_OFFSET) >>> 4;
            headerLength = Math.max(headerLength, dataOffset * TCP_DATA_OFFSET_UNIT);
        }
        if (firstFragmentLength < cursor.offset + headerLength) {
            stats.ipTinyFirstFragments++;
        }
    }

    private void expire(int version, long timeoutNanos) {
        for (FragmentedDatagram oldest = table.oldest(version);
                oldest != null && Long.compareUnsigned(clock - oldest.firstSeenNanos, timeoutNanos) >= 0;
                oldest = table.oldest(version)) {
            discard(oldest);
            stats.ipDatagramsTimedOut++;
        }
    }

    private void evict(FragmentedDatagram datagram) {
        discard(datagram);
        stats.ipDatagramsEvicted++;
    }

    private void discard(FragmentedDatagram datagram) {
        datagram.releaseBlocks(pool);
        table.remove(datagram);
    }
}
