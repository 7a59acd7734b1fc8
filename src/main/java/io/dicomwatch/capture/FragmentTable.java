package io.dicomwatch.capture;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The datagrams in reassembly: a chained hash table by key, and one list per IP version in the
 * order of their first fragments, which is also the order of their timeouts. Removed datagrams go
 * to a free list for reuse, so a lookup and, after warm-up, an insertion allocate nothing.
 *
 * <p>The key is (source, destination, protocol, identification) for IPv4 (RFC 791) and (source,
 * destination, identification) for IPv6 (RFC 8200 section 4.5). The hash is seeded per table so
 * that crafted traffic cannot predict collisions. NOTE: the seeded FNV-1a mix is not a keyed hash
 * such as SipHash, so a determined attacker may still lengthen chains.
 */
final class FragmentTable {
    private static final int MAX_BUCKETS = 1 << 16;

    private final int seed = ThreadLocalRandom.current().nextInt();
    private final FragmentedDatagram[] buckets;
    private final int mask;
    private final AgeList ipv4 = new AgeList();
    private final AgeList ipv6 = new AgeList();
    private FragmentedDatagram free;
    private int size;

    /** Datagrams of one IP version, oldest first. */
    private static final class AgeList {
        FragmentedDatagram oldest;
        FragmentedDatagram newest;
    }

    FragmentTable(int maxDatagrams) {
        int bucketCount = Integer.highestOneBit(Math.max(1, Math.min(MAX_BUCKETS, maxDatagrams) - 1)) << 1;
        this.buckets = new FragmentedDatagram[bucketCount];
        this.mask = bucketCount - 1;
    }

    int size() {
        return size;
    }

    int hash(int version, byte[] source, byte[] destination, int protocol, int identification) {
        int length = version == Ipv4Decoder.VERSION ? 4 : 16;
        int hash = seed ^ 0x811C9DC5;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ (source[i] & 0xFF)) * 0x01000193;
            hash = (hash ^ (destination[i] & 0xFF)) * 0x01000193;
        }
        hash = (hash ^ protocol) * 0x01000193;
        hash = (hash ^ identification) * 0x01000193;
        hash ^= hash >>> 16;
        hash *= 0x85EBCA6B;
        return hash ^ (hash >>> 13);
    }

    FragmentedDatagram find(int version, byte[] source, byte[] destination, int protocol, int identification,
            int hash) {
        int length = version == Ipv4Decoder.VERSION ? 4 : 16;
        for (FragmentedDatagram candidate = buckets[hash & mask]; candidate != null; candidate = candidate.hashNext) {
            if (candidate.hash == hash && candidate.version == version && candidate.protocol == protocol
                    && candidate.identification == identification
                    && Arrays.equals(candidate.source, 0, length, source, 0, length)
                    && Arrays.equals(candidate.destination, 0, length, destination, 0, length)) {
                return candidate;
            }
        }
        return null;
    }

    /** Adds a datagram with the given key as the newest of its version. The caller enforces the size bound. */
    FragmentedDatagram add(int version, byte[] source, byte[] destination, int protocol, int identification,
            int hash, long now) {
        FragmentedDatagram datagram = free;
        if (datagram == null) {
            datagram = new FragmentedDatagram();
        } else {
            free = datagram.hashNext;
        }
        int length = version == Ipv4Decoder.VERSION ? 4 : 16;
        datagram.version = version;
        System.arraycopy(source, 0, datagram.source, 0, length);
        System.arraycopy(destination, 0, datagram.destination, 0, length);
        datagram.protocol = protocol;
        datagram.identification = identification;
        datagram.hash = hash;
        datagram.reset(now);

        datagram.hashNext = buckets[hash & mask];
        buckets[hash & mask] = datagram;
        AgeList list = listOf(version);
        datagram.older = list.newest;
        datagram.newer = null;
        if (list.newest == null) {
            list.oldest = datagram;
        } else {
            list.newest.newer = datagram;
        }
        list.newest = datagram;
        size++;
        return datagram;
    }

    /** Unlinks a datagram and keeps it for reuse. Its blocks must have been released first. */
    void remove(FragmentedDatagram datagram) {
        int bucket = datagram.hash & mask;
        if (buckets[bucket] == datagram) {
            buckets[bucket] = datagram.hashNext;
        } else {
            FragmentedDatagram previous = buckets[bucket];
            while (previous.hashNext != datagram) {
                previous = previous.hashNext;
            }
            previous.hashNext = datagram.hashNext;
        }
        AgeList list = listOf(datagram.version);
        if (datagram.older == null) {
            list.oldest = datagram.newer;
        } else {
            datagram.older.newer = datagram.newer;
        }
        if (datagram.newer == null) {
            list.newest = datagram.older;
        } else {
            datagram.newer.older = datagram.older;
        }
        datagram.older = null;
        datagram.newer = null;
        datagram.hashNext = free;
        free = datagram;
        size--;
    }

    /** Returns the oldest datagram of {@code version}, or null. */
    FragmentedDatagram oldest(int version) {
        return listOf(version).oldest;
    }

    /** Returns the datagram whose first fragment came earliest, other than {@code excluded}, or null. */
    FragmentedDatagram oldestExcept(FragmentedDatagram excluded) {
        FragmentedDatagram first = ipv4.oldest == excluded && excluded != null ? excluded.newer : ipv4.oldest;
        FragmentedDatagram second = ipv6.oldest == excluded && excluded != null ? excluded.newer : ipv6.oldest;
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return second.firstSeenNanos < first.firstSeenNanos ? second : first;
    }

    private AgeList listOf(int version) {
        return version == Ipv4Decoder.VERSION ? ipv4 : ipv6;
    }
}
