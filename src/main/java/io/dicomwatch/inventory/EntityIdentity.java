package io.dicomwatch.inventory;

import java.util.TreeMap;

/**
 * Identity facts of an application entity beyond its negotiation: the equipment attributes of the
 * objects it sent, the services it took part in, and its utilisation by hour and day.
 */
final class EntityIdentity {
    static final long HOUR_NANOS = 3_600_000_000_000L;
    static final long DAY_NANOS = 24 * HOUR_NANOS;

    /** Objects sent with each combination of equipment attributes, with when they were seen. */
    final TreeMap<Equipment, CountedInterval> equipment = new TreeMap<>();
    final TreeMap<ServiceUse, ServiceCounts> services = new TreeMap<>();
    /** Rows by the start of their hour, in nanoseconds since the epoch. */
    final TreeMap<Long, UsageRow> hours = new TreeMap<>();
    /** Rows by the start of their UTC day. */
    final TreeMap<Long, UsageRow> days = new TreeMap<>();

    /** A count with the capture time range it covers. */
    static final class CountedInterval {
        long count;
        final SeenInterval seen = new SeenInterval();
    }

    /** How often an entity used a service. */
    static final class ServiceCounts {
        /** Associations in which a presentation context of the service was accepted. */
        long associations;
        /** Requests of the service this entity sent (SCU) or received (SCP). */
        long requests;
    }

    void addEquipment(Equipment key, long timestampNanos, int cap, Overflow overflow) {
        CountedInterval counted = equipment.get(key);
        if (counted == null) {
            if (equipment.size() >= cap) {
                overflow.listValuesDropped++;
                return;
            }
            counted = new CountedInterval();
            equipment.put(key, counted);
        }
        counted.count++;
        counted.seen.touch(timestampNanos);
    }

    ServiceCounts service(ServiceUse use) {
        return services.computeIfAbsent(use, ignored -> new ServiceCounts());
    }

    /** Row that {@link #hour} returned last, with its start, because every PDU of an association looks it up. */
    private UsageRow lastHour;
    private long lastHourStart;

    UsageRow hour(long timestampNanos) {
        long start = Math.floorDiv(timestampNanos, HOUR_NANOS) * HOUR_NANOS;
        if (lastHour == null || start != lastHourStart) {
            lastHour = hours.computeIfAbsent(start, ignored -> new UsageRow());
            lastHourStart = start;
        }
        return lastHour;
    }

    /** Moves the hours that start before {@code cutoffNanos} into their days. */
    void rollUp(long cutoffNanos) {
        lastHour = null;
        while (!hours.isEmpty() && hours.firstKey() < cutoffNanos) {
            var entry = hours.pollFirstEntry();
            long day = Math.floorDiv(entry.getKey(), DAY_NANOS) * DAY_NANOS;
            days.computeIfAbsent(day, ignored -> new UsageRow()).merge(entry.getValue());
        }
    }

    void merge(EntityIdentity other, int cap, Overflow overflow) {
        for (var entry : other.equipment.entrySet()) {
            CountedInterval to = equipment.get(entry.getKey());
            if (to == null) {
                if (equipment.size() >= cap) {
                    overflow.listValuesDropped++;
                    continue;
                }
                to = new CountedInterval();
                equipment.put(entry.getKey(), to);
            }
            to.count += entry.getValue().count;
            to.seen.merge(entry.getValue().seen);
        }
        for (var entry : other.services.entrySet()) {
            ServiceCounts to = service(entry.getKey());
            to.associations += entry.getValue().associations;
            to.requests += entry.getValue().requests;
        }
        mergeRows(hours, other.hours);
        mergeRows(days, other.days);
    }

    private static void mergeRows(TreeMap<Long, UsageRow> to, TreeMap<Long, UsageRow> from) {
        for (var entry : from.entrySet()) {
            to.computeIfAbsent(entry.getKey(), ignored -> new UsageRow()).merge(entry.getValue());
        }
    }
}
