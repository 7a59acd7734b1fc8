package io.dicomwatch.tcp;

import io.dicomwatch.capture.TcpSegment;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Open-addressing hash table of connections, keyed by both endpoints in either order, with linear
 * probing and backward-shift deletion. A lookup hashes the segment's own address arrays and
 * allocates nothing.
 *
 * <p>The table doubles while it is at most half full, up to the size that {@code maxConnections}
 * needs. The hash is seeded per table so that crafted traffic cannot predict collisions.
 * NOTE: the seeded FNV-1a mix makes collisions hard to predict, but it is not a keyed hash such as
 * SipHash, so a determined attacker may still degrade probing.
 */
final class FlowTable {
    private static final int INITIAL_CAPACITY = 1024;

    private final int seed = ThreadLocalRandom.current().nextInt();
    private final int maxCapacity;
    private Connection[] slots;
    private int mask;
    private int size;
    private Direction matchedDirection;

    FlowTable(int maxConnections) {
        this.maxCapacity = Integer.highestOneBit(Math.max(1, maxConnections - 1)) << 2;
        int capacity = Math.min(INITIAL_CAPACITY, maxCapacity);
        this.slots = new Connection[capacity];
        this.mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** Returns the hash shared by both directions of the segment's connection. */
    int hash(TcpSegment segment) {
        int length = segment.addressLength();
        int source = endpointHash(segment.sourceAddress, length, segment.sourcePort);
        int destination = endpointHash(segment.destinationAddress, length, segment.destinationPort);
        return finish(source + destination);
    }

    /**
     * Returns the connection that {@code segment} belongs to, open or tombstone, or null. The
     * segment's direction within it is then available from {@link #matchedDirection()}.
     */
    Connection find(TcpSegment segment, int hash) {
        for (int index = hash & mask; ; index = (index + 1) & mask) {
            Connection candidate = slots[index];
            if (candidate == null) {
                return null;
            }
            if (candidate.hash == hash) {
                Direction direction = candidate.directionOf(segment);
                if (direction != null) {
                    matchedDirection = direction;
                    return candidate;
                }
            }
        }
    }

    Direction matchedDirection() {
        return matchedDirection;
    }

    /** Adds a connection whose endpoints are not in the table yet. */
    void add(Connection connection) {
        if ((size + 1) * 2 > slots.length && slots.length < maxCapacity) {
            resize(slots.length * 2);
        }
        insert(connection);
        size++;
    }

    void remove(Connection connection) {
        int index = connection.hash & mask;
        while (slots[index] != connection) {
            if (slots[index] == null) {
                return;
            }
            index = (index + 1) & mask;
        }
        slots[index] = null;
        size--;
        shiftBack(index);
    }

    /** Moves later entries of the probe run into the freed slot so that lookups never stop early. */
    private void shiftBack(int freed) {
        int hole = freed;
        for (int index = (hole + 1) & mask; slots[index] != null; index = (index + 1) & mask) {
            int home = slots[index].hash & mask;
            boolean reachable = hole <= index ? hole < home && home <= index : hole < home || home <= index;
            if (!reachable) {
                slots[hole] = slots[index];
                slots[index] = null;
                hole = index;
            }
        }
    }

    private void insert(Connection connection) {
        int index = connection.hash & mask;
        while (slots[index] != null) {
            index = (index + 1) & mask;
        }
        slots[index] = connection;
    }

    private void resize(int capacity) {
        Connection[] old = slots;
        slots = new Connection[capacity];
        mask = capacity - 1;
        for (Connection connection : old) {
            if (connection != null) {
                insert(connection);
            }
        }
    }

    /** FNV-1a over the address bytes and the port, started from the table's seed. */
    private int endpointHash(byte[] address, int length, int port) {
        int hash = seed ^ 0x811C9DC5;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ (address[i] & 0xFF)) * 0x01000193;
        }
        hash = (hash ^ (port & 0xFF)) * 0x01000193;
        return (hash ^ (port >>> 8)) * 0x01000193;
    }

    /** Mixes all bits with the 32-bit finalizer of MurmurHash3, because indexing uses the low bits. */
    private static int finish(int value) {
        int hash = value;
        hash ^= hash >>> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >>> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >>> 16);
    }
}
