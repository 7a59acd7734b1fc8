package io.dicomwatch.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Counters by name, sorted for deterministic export. */
final class CountMap {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    void increment(String key) {
        add(key, 1);
    }

    void add(String key, long amount) {
        counts.merge(key, amount, Long::sum);
    }

    void addAll(CountMap other) {
        for (Map.Entry<String, Long> entry : other.counts.entrySet()) {
            add(entry.getKey(), entry.getValue());
        }
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    SortedMap<String, Long> view() {
        return Collections.unmodifiableSortedMap(counts);
    }
}
