package io.dicomwatch.capture;

/**
 * Reassembles IPv4 (RFC 791, with the hole bookkeeping of RFC 815) and IPv6 (RFC 8200 section
 * 4.5) fragments, so that the transport header of a fragmented datagram can be decoded as that of
 * a whole packet.
 *
 * <p>Policy for hostile input, the same for both versions:
 * <ul>
 *   <li>The bytes received first win. A later fragment adds only the bytes that fill holes. Its
 *       other bytes are compared with those held, and count as a conflict when they differ.
 *   <li>The first last fragment (more-fragments flag clear) accepted sets the datagram's length. A
 *       later last fragment with another end, a last fragment ending before bytes already held,
 *       or a fragment ending past the set length conflicts and is dropped whole.
 *   <li>Dropped as malformed: a fragment without payload, one other than the last whose length
 *       is not a multiple of 8, one that would make the datagram longer than 65,535 bytes (the
 *       IPv4 header or the IPv6 unfragmentable part included), an IPv4 fragment with total
 *       length 0, an IPv6 fragment of a jumbogram, and one that would leave more than
 *       {@value FragmentedDatagram#MAX_HOLES} holes. The snap length cutting a fragment's payload
 *       drops it too, counted apart.
 *   <li>A first fragment that ends inside the TCP header (RFC 1858), or for IPv6 before the end
 *       of the header chain through TCP (RFC 7112), is reassembled like any other and counted.
 *   <li>The upper-layer protocol of an IPv6 datagram is the next header of the first fragment at
 *       offset 0 received, as RFC 8200 takes it from that fragment; fragments whose unfragmentable
 *       parts differ are otherwise reassembled as usual.
 * </ul>
 * NOTE: hosts that follow RFC 5722, and recent Linux also for IPv4, discard the whole datagram
 * when fragments overlap with other than duplicate bytes, and hosts that follow RFC 7112 discard
 * an IPv6 first fragment without the whole header chain. When {@code ipFragmentConflicts} or
 * {@code ipTinyFirstFragments} grow, the sensor may decode bytes that such a host never accepted.
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
        if (!isWhole(cursor, payloadStart, length) || !isValid(headerLength, start, length, last)) {
            return DecodeOutcome.IP_FRAGMENT;
        }
        int protocol = Bytes.u8(data, header + IPV4_PROTOCOL_OFFSET);
        int identification = Bytes.u16(data, header + IPV4_IDENTIFICATION_OFFSET);
        FragmentedDatagram datagram = accept(segment, protocol, identification, FragmentedDatagram.UNKNOWN,
                data, payloadStart, start, start + length, last);
        if (datagram == null || !datagram.isComplete()) {
            return DecodeOutcome.IP_FRAGMENT;
        }
        int shortestFirstFragment = datagram.shortestFirstFragment;
        deliver(datagram, cursor);
        cursor.protocol = protocol;
        countTinyFirstFragment(cursor, shortestFirstFragment);
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
        if (!isWhole(cursor, payloadStart, length) || !isValid(unfragmentableLength, start, length, last)) {
            return DecodeOutcome.IP_FRAGMENT;
        }

        int identification = Bytes.i32(data, fragmentHeader + IPV6_IDENTIFICATION_OFFSET);
        int nextHeader = Bytes.u8(data, fragmentHeader);
        FragmentedDatagram datagram = accept(segment, 0, identification, nextHeader, data, payloadStart, start,
                start + length, last);
        if (datagram == null || !datagram.isComplete()) {
            return DecodeOutcome.IP_FRAGMENT;
        }

        int shortestFirstFragment = datagram.shortestFirstFragment;
        int firstNextHeader = datagram.firstNextHeader;
        deliver(datagram, cursor);
        DecodeOutcome outcome = Ipv6Decoder.skipExtensionHeaders(cursor, firstNextHeader);
        if (outcome == DecodeOutcome.IP_FRAGMENT) {
            // A second fragment header inside a reassembled datagram is not reassembled again.
            return DecodeOutcome.MALFORMED;
        }
        if (outcome == DecodeOutcome.CONTINUE) {
            countTinyFirstFragment(cursor, shortestFirstFragment);
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
     * Checks the fragment's shape: payload bytes present, a multiple of 8 unless last, and an end
     * that keeps the datagram, with {@code headerLength} bytes of headers before its fragmentable
     * part, within 65,535 bytes.
     */
    private boolean isValid(int headerLength, int start, int length, boolean last) {
        boolean valid = length > 0 && (last || (length & FRAGMENT_UNIT_MASK) == 0)
                && headerLength + start + length <= FragmentedDatagram.MAX_PAYLOAD;
        if (!valid) {
            stats.ipFragmentsDropped++;
        }
        return valid;
    }

    /**
     * Stores the fragment [start, end) in its datagram, creating the datagram when it is new.
     *
     * @param nextHeader the IPv6 fragment header's next header, or {@link FragmentedDatagram#UNKNOWN} for IPv4
     * @return the datagram when it took the fragment, or null when the fragment was dropped
     */
    private FragmentedDatagram accept(TcpSegment segment, int protocol, int identification, int nextHeader,
            byte[] data, int payloadStart, int start, int end, boolean last) {
        int version = segment.ipVersion;
        int hash = table.hash(version, segment.sourceAddress, segment.destinationAddress, protocol, identification);
        FragmentedDatagram datagram = table.find(version, segment.sourceAddress, segment.destinationAddress,
                protocol, identification, hash);
        if (datagram == null) {
            if (table.size() >= config.maxDatagrams()) {
                evict(table.oldestExcept(null));
            }
            datagram = table.add(version, segment.sourceAddress, segment.destinationAddress, protocol,
                    identification, hash, clock);
        } else if (contradictsLength(datagram, end, last)) {
            stats.ipFragmentConflicts++;
            return null;
        } else if (datagram.holesAfter(start, end) > FragmentedDatagram.MAX_HOLES) {
            stats.ipFragmentsDropped++;
            return null;
        }
        if (!makeRoom(datagram, datagram.missingBlocks(start, end))) {
            stats.ipFragmentsDropped++;
            return null;
        }

        if (last && datagram.payloadLength == FragmentedDatagram.UNKNOWN) {
            datagram.setPayloadLength(end);
        }
        datagram.allocateBlocks(start, end, pool);
        stats.peakIpFragmentBytes = Math.max(stats.peakIpFragmentBytes, pool.peakBytesInUse());
        int flags = datagram.insert(data, payloadStart, start, end);
        if (start == 0) {
            flags |= recordFirstFragment(datagram, end, nextHeader);
        }
        if ((flags & FragmentedDatagram.NEW_BYTES) == 0) {
            stats.ipFragmentDuplicates++;
        } else if ((flags & FragmentedDatagram.OVERLAP) != 0) {
            stats.ipFragmentOverlaps++;
        }
        if ((flags & FragmentedDatagram.CONFLICT) != 0) {
            stats.ipFragmentConflicts++;
        }
        return datagram;
    }

    /**
     * Returns whether the fragment ending at {@code end} contradicts the length that earlier
     * fragments set or imply.
     */
    private static boolean contradictsLength(FragmentedDatagram datagram, int end, boolean last) {
        if (datagram.payloadLength != FragmentedDatagram.UNKNOWN) {
            return last ? end != datagram.payloadLength : end > datagram.payloadLength;
        }
        return last && end < datagram.highestEnd;
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

    /**
     * Records a fragment at offset 0 and {@code end} bytes long. The next header of the first one
     * received is kept, so a later one with another returns {@link FragmentedDatagram#CONFLICT}.
     */
    private static int recordFirstFragment(FragmentedDatagram datagram, int end, int nextHeader) {
        datagram.shortestFirstFragment = datagram.shortestFirstFragment == FragmentedDatagram.UNKNOWN
                ? end : Math.min(datagram.shortestFirstFragment, end);
        if (datagram.firstNextHeader == FragmentedDatagram.UNKNOWN) {
            datagram.firstNextHeader = nextHeader;
            return 0;
        }
        return datagram.firstNextHeader == nextHeader ? 0 : FragmentedDatagram.CONFLICT;
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
     * Counts a tiny first fragment when the cursor is at a TCP header that ends past the shortest
     * fragment at offset 0, its options included.
     */
    private void countTinyFirstFragment(PacketCursor cursor, int shortestFirstFragment) {
        if (cursor.protocol != TcpDecoder.PROTOCOL) {
            return;
        }
        int headerLength = TCP_MIN_HEADER_LENGTH;
        if (cursor.remaining() > TCP_DATA_OFFSET_OFFSET) {
            int dataOffset = Bytes.u8(cursor.data, cursor.offset + TCP_DATA_OFFSET_OFFSET) >>> 4;
            headerLength = Math.max(headerLength, dataOffset * TCP_DATA_OFFSET_UNIT);
        }
        if (shortestFirstFragment < cursor.offset + headerLength) {
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
