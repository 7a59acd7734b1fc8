package io.dicomwatch.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counters by name, sorted for deterministic export. The map is created with the first count:
 * most association rows never see a rejection or an abort, and inventories hold many rows.
 */
final class CountMap {
    private TreeMap<String, Long> counts;

    void increment(String key) {
        add(key, 1);
    }

    void add(String key, long amount) {
        if (counts == null) {
            counts = new TreeMap<>();
        }
        counts.merge(key, amount, Long::sum);
    }

    void addAll(CountMap other) {
        if (other.counts == null) {
            return;
        }
        for (Map.Entry<String, Long> entry : other.counts.entrySet()) {
            add(entry.getKey(), entry.getValue());
        }
    }

    long get(String key) {
        return counts == null ? 0 : counts.getOrDefault(key, 0L);
    }

    SortedMap<String, Long> view() {
        return counts == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(counts);
    }
}
