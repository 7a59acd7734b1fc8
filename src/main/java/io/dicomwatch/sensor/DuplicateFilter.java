package io.dicomwatch.sensor;

import io.dicomwatch.capture.Frame;

/**
 * Recognises the same packet seen twice within a time window, as when a switch mirrors it on two
 * SPAN sessions or the sensor listens on two interfaces that both see it.
 *
 * <p>A packet is identified by a 64-bit hash of its length and of up to {@value #HASHED_BYTES}
 * bytes from the start of its network-layer header, after the link-layer header and any VLAN tags,
 * with the IPv4 TTL and header checksum left out: copies that differ only in their VLAN tag or by
 * one router hop still match. The IP identification, TCP sequence numbers and TCP timestamps make
 * distinct packets differ within those bytes. The table is direct-mapped, so a collision of two
 * bucket indexes only lets a duplicate through (it is never a false drop); memory is fixed.
 */
public final class DuplicateFilter {
    static final int HASHED_BYTES = 256;
    private static final int LINKTYPE_NULL = 0;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_LINUX_SLL2 = 276;
    private static final int LINKTYPE_LOOP = 108;

    private final long windowNanos;
    private final long[] hashes;
    private final long[] times;
    private final int mask;
    private long duplicates;

    /**
     * @param windowNanos time within which a copy counts as a duplicate; 0 turns detection off
     * @param tableBits log2 of the table size; 16 keeps 65536 recent packets
     */
    public DuplicateFilter(long windowNanos, int tableBits) {
        this.windowNanos = windowNanos;
        this.hashes = new long[1 << tableBits];
        this.times = new long[1 << tableBits];
        this.mask = (1 << tableBits) - 1;
    }

    /** Returns true, and counts, when {@code frame} repeats a packet seen within the window. */
    public boolean isDuplicate(Frame frame) {
        if (windowNanos <= 0) {
            return false;
        }
        long hash = hash(frame);
        int index = (int) (hash ^ (hash >>> 32)) & mask;
        long timestamp = frame.timestampNanos;
        if (hashes[index] == hash && Math.abs(timestamp - times[index]) <= windowNanos) {
            duplicates++;
            return true;
        }
        hashes[index] = hash;
        times[index] = timestamp;
        return false;
    }

    public long duplicates() {
        return duplicates;
    }

    static long hash(Frame frame) {
        int start = frame.offset + networkOffset(frame);
        int end = frame.offset + frame.capturedLength;
        if (start > end) {
            start = frame.offset;
        }
        byte[] data = frame.data;
        boolean ipv4 = start < end && (data[start] & 0xF0) == 0x40;
        int limit = Math.min(end, start + HASHED_BYTES);
        long hash = 0xcbf29ce484222325L ^ (end - start);
        for (int i = start; i < limit; i++) {
            int position = i - start;
            // IPv4 TTL (byte 8) and header checksum (bytes 10 and 11) change at every router hop.
            boolean skip = ipv4 && (position == 8 || position == 10 || position == 11);
            hash = (hash ^ (skip ? 0 : data[i] & 0xFF)) * 0x100000001b3L;
        }
        return mix(hash);
    }

    /** Returns the offset of the network-layer header within the frame, or 0 when unknown. */
    static int networkOffset(Frame frame) {
        byte[] data = frame.data;
        int length = frame.capturedLength;
        int base = frame.offset;
        return switch (frame.linkType) {
            case LINKTYPE_ETHERNET -> {
                int offset = 12;
                while (offset + 2 <= length) {
                    int etherType = ((data[base + offset] & 0xFF) << 8) | (data[base + offset + 1] & 0xFF);
                    if (etherType != 0x8100 && etherType != 0x88A8 && etherType != 0x9100) {
                        break;
                    }
                    offset += 4;
                }
                yield offset + 2;
            }
            case LINKTYPE_LINUX_SLL -> 16;
            case LINKTYPE_LINUX_SLL2 -> 20;
            case LINKTYPE_NULL, LINKTYPE_LOOP -> 4;
            default -> 0;
        };
    }

    /** Mixes the bits with MurmurHash3's finaliser, so that the low bits used as index depend on every input bit. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
