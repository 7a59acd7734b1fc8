package io.dicomwatch.inventory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Run counters by section (packets, reassembly, dicom...), exported as they are. Merging two
 * inventories adds the counters, except those named {@code peak...}, which keep the larger value.
 */
public final class Statistics {
    private final TreeMap<String, TreeMap<String, Long>> sections = new TreeMap<>();

    public void set(String section, String name, long value) {
        sections.computeIfAbsent(section, ignored -> new TreeMap<>()).put(name, value);
    }

    /** Sets every public {@code long} field of {@code counters} as a counter of {@code section}. */
    public void setAll(String section, Object counters) {
        for (Field field : counters.getClass().getFields()) {
            if (field.getType() == long.class && !Modifier.isStatic(field.getModifiers())) {
                try {
                    set(section, field.getName(), field.getLong(counters));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("counter field not readable: " + field, e);
                }
            }
        }
    }

    public long get(String section, String name) {
        Map<String, Long> counters = sections.get(section);
        return counters == null ? 0 : counters.getOrDefault(name, 0L);
    }

    void merge(Statistics other) {
        for (Map.Entry<String, TreeMap<String, Long>> section : other.sections.entrySet()) {
            TreeMap<String, Long> target = sections.computeIfAbsent(section.getKey(), ignored -> new TreeMap<>());
            for (Map.Entry<String, Long> counter : section.getValue().entrySet()) {
                boolean peak = counter.getKey().startsWith("peak");
                target.merge(counter.getKey(), counter.getValue(), peak ? Math::max : Long::sum);
            }
        }
    }

    public SortedMap<String, SortedMap<String, Long>> sections() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(sections));
    }
}
