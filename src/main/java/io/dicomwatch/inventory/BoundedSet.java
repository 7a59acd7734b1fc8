package io.dicomwatch.inventory;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A sorted set that stops growing at a cap and counts what it turned away. */
final class BoundedSet<T extends Comparable<T>> {
    private final TreeSet<T> values = new TreeSet<>();

    /** Adds {@code value}; returns false and counts it in {@code overflow} if the set is full. */
    boolean add(T value, int cap, Overflow overflow) {
        if (values.contains(value)) {
            return true;
        }
        if (values.size() >= cap) {
            overflow.listValuesDropped++;
            return false;
        }
        values.add(value);
        return true;
    }

    NavigableSet<T> values() {
        return Collections.unmodifiableNavigableSet(values);
    }

    int size() {
        return values.size();
    }
}
