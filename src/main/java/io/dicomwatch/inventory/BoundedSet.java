package io.dicomwatch.inventory;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A sorted set that stops growing at a cap and counts what it turned away. The set is created
 * with the first value, because inventories hold many of these and most stay empty.
 */
final class BoundedSet<T extends Comparable<T>> {
    private TreeSet<T> values;

    /** Adds {@code value}; returns false and counts it in {@code overflow} if the set is full. */
    boolean add(T value, int cap, Overflow overflow) {
        if (values == null) {
            values = new TreeSet<>();
        }
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

    /** Replaces every value by {@code mapping} of it; values that become equal merge. */
    void replaceAll(java.util.function.UnaryOperator<T> mapping) {
        if (values == null) {
            return;
        }
        java.util.List<T> mapped = values.stream().map(mapping).toList();
        values.clear();
        values.addAll(mapped);
    }

    NavigableSet<T> values() {
        return values == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(values);
    }

    int size() {
        return values == null ? 0 : values.size();
    }
}
