package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.inventory.FindingTable;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what rules observe into the inventory's {@link FindingTable} and writes an event when a
 * finding enters the table, and again when its severity rises. A finding loaded with the inventory
 * is not new, so a sensor restart or a {@code --merge} run repeats no event for it. Acknowledged
 * findings are recorded and marked but write no event, so they stop alarming.
 */
public final class FindingReporter {
    private static final Logger LOG = LoggerFactory.getLogger(FindingReporter.class);

    /** Maximum number of findings below their threshold whose evidence is kept; see {@link #hold}. */
    static final int MAX_HELD = 16_384;

    private final FindingTable table;
    private final Set<String> acknowledgedIds;
    private final EventLog events;
    /**
     * Ids already hashed, so a finding observed again costs a map lookup, not a SHA-256. While it
     * has room, it contains every finding of the table, which {@link #isInTable} relies on.
     */
    private final Map<FindingKey, String> ids = new HashMap<>();
    /**
     * Evidence of findings whose rule has not reached its threshold yet, moved into the finding
     * when it is raised, so its lists, count and first-seen time start at the first observation.
     */
    private final Map<FindingKey, FindingRecord> belowThreshold = new HashMap<>();
    private long eventErrors;

    /** @param events the event file, or null for none */
    public FindingReporter(FindingTable table, Set<String> acknowledgedIds, EventLog events) {
        this.table = table;
        this.acknowledgedIds = acknowledgedIds;
        this.events = events;
        for (FindingRecord loaded : table.sorted()) {
            FindingRule rule = FindingRule.fromId(loaded.ruleId());
            if (rule != null) {
                id(new FindingKey(rule, loaded.asset(), loaded.aeTitle(), loaded.port()));
            }
            applyAcknowledgement(loaded);
        }
    }

    /**
     * Marks a loaded finding by the current acknowledgements. One whose acknowledgement was
     * withdrawn never had an event, so it gets its "finding-raised" now, dated by its last
     * observation.
     */
    private void applyAcknowledgement(FindingRecord loaded) {
        boolean acknowledged = acknowledgedIds.contains(loaded.id());
        boolean withdrawn = loaded.acknowledged() && !acknowledged;
        loaded.setAcknowledged(acknowledged);
        if (withdrawn) {
            emit("finding-raised", loaded, loaded.seenEmpty() ? 0 : loaded.lastSeen());
        }
    }

    /**
     * Records one observation of {@code rule}.
     *
     * @param newObservation whether to count it, false when it only adds evidence to an
     *     observation already counted (an acceptance after its request)
     * @param evidence adds peers, titles, counters and the example to the record
     * @return the record, or null when the finding table is full
     */
    public FindingRecord report(FindingRule rule, FindingSeverity severity, IpAddress asset, AeTitle aeTitle,
            Integer port, long timestampNanos, boolean newObservation, Consumer<FindingRecord> evidence) {
        return report(new FindingKey(rule, asset, aeTitle, port), severity, timestampNanos, newObservation,
                evidence);
    }

    private FindingRecord report(FindingKey key, FindingSeverity severity, long timestampNanos,
            boolean newObservation, Consumer<FindingRecord> evidence) {
        String id = id(key);
        FindingRecord record = table.find(id);
        boolean created = record == null;
        if (created) {
            record = table.findOrCreate(id, key.rule.id(), key.asset, key.aeTitle, key.port);
            if (record == null) {
                return null;
            }
        }
        if (!belowThreshold.isEmpty()) {
            FindingRecord earlier = belowThreshold.remove(key);
            if (earlier != null) {
                record.merge(earlier);
            }
        }
        record.describe(key.rule.title(), key.rule.recommendation());
        record.setAcknowledged(acknowledgedIds.contains(id));
        record.touch(timestampNanos);
        if (newObservation) {
            record.addCount(1);
        }
        evidence.accept(record);
        boolean rose = record.raiseSeverity(severity);
        if (created) {
            emit("finding-raised", record, timestampNanos);
        } else if (rose) {
            emit("finding-severity-raised", record, timestampNanos);
        }
        return record;
    }

    /**
     * Records one observation of {@code rule} below its threshold. It raises nothing, and its
     * evidence waits for {@link #report} to raise the finding. At most {@value #MAX_HELD}
     * findings wait at once, so a flood of spoofed sources cannot exhaust memory. Past that,
     * a finding's evidence starts when it is raised.
     */
    public void hold(FindingRule rule, IpAddress asset, AeTitle aeTitle, Integer port, long timestampNanos,
            Consumer<FindingRecord> evidence) {
        hold(new FindingKey(rule, asset, aeTitle, port), timestampNanos, evidence);
    }

    private void hold(FindingKey key, long timestampNanos, Consumer<FindingRecord> evidence) {
        FindingRecord record = belowThreshold.get(key);
        if (record == null) {
            if (belowThreshold.size() >= MAX_HELD) {
                return;
            }
            record = new FindingRecord(null, key.rule.id(), key.asset, key.aeTitle, key.port);
            belowThreshold.put(key, record);
        }
        record.touch(timestampNanos);
        record.addCount(1);
        evidence.accept(record);
    }

    /**
     * Records one observation of a rule that fires at a threshold: {@link #report} once
     * {@code thresholdReached} or once the finding is in the table, loaded with the inventory or
     * raised earlier, and {@link #hold} before.
     */
    public void reportAtThreshold(boolean thresholdReached, FindingRule rule, FindingSeverity severity,
            IpAddress asset, AeTitle aeTitle, Integer port, long timestampNanos, Consumer<FindingRecord> evidence) {
        FindingKey key = new FindingKey(rule, asset, aeTitle, port);
        if (thresholdReached || isInTable(key)) {
            report(key, severity, timestampNanos, true, evidence);
        } else {
            hold(key, timestampNanos, evidence);
        }
    }

    /**
     * Returns whether the finding is in the table. A key missing from {@link #ids} while it has
     * room was never reported nor loaded, so only a full cache costs a SHA-256 here.
     */
    private boolean isInTable(FindingKey key) {
        String id = ids.get(key);
        if (id == null) {
            if (ids.size() < FindingTable.MAX_FINDINGS) {
                return false;
            }
            id = FindingIds.of(key.rule.id(), key.asset, key.aeTitle, key.port);
        }
        return table.find(id) != null;
    }

    /** Returns the record of a finding if it exists, without creating it. */
    public FindingRecord find(FindingRule rule, IpAddress asset, AeTitle aeTitle, Integer port) {
        return table.find(id(new FindingKey(rule, asset, aeTitle, port)));
    }

    private String id(FindingKey key) {
        String id = ids.get(key);
        if (id == null) {
            id = FindingIds.of(key.rule.id(), key.asset, key.aeTitle, key.port);
            if (ids.size() < FindingTable.MAX_FINDINGS) {
                ids.put(key, id);
            }
        }
        return id;
    }

    /**
     * Fields that a finding id is hashed from. Comparable, so that a hash map bin of keys whose
     * hashes collide, as crafted addresses or AE titles can make them, is searched as a tree in
     * O(log n).
     */
    private record FindingKey(FindingRule rule, IpAddress asset, AeTitle aeTitle, Integer port)
            implements Comparable<FindingKey> {
        private static final Comparator<FindingKey> ORDER = Comparator.comparing(FindingKey::rule)
                .thenComparing(FindingKey::asset, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(FindingKey::aeTitle, Comparator.nullsFirst(
                        Comparator.comparing(AeTitle::value).thenComparing(AeTitle::nonText)))
                .thenComparing(FindingKey::port, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(FindingKey other) {
            return ORDER.compare(this, other);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FindingKey key && rule == key.rule && Objects.equals(asset, key.asset)
                    && Objects.equals(aeTitle, key.aeTitle) && Objects.equals(port, key.port);
        }

        @Override
        public int hashCode() {
            int hash = 31 * rule.hashCode() + Objects.hashCode(asset);
            return 31 * (31 * hash + Objects.hashCode(aeTitle)) + Objects.hashCode(port);
        }
    }

    private void emit(String event, FindingRecord record, long timestampNanos) {
        if (record.acknowledged() || events == null) {
            return;
        }
        try {
            events.write(event, record, timestampNanos);
        } catch (IOException e) {
            eventErrors++;
            if (eventErrors == 1) {
                LOG.error("Cannot write finding event {}: {}; later write errors are counted, not logged",
                        record.id(), e.getMessage());
            }
        }
    }

    /** Event lines that could not be written. */
    public long eventErrors() {
        return eventErrors;
    }

    /** Marks every finding of the table, including loaded ones, by the current acknowledgements. */
    public void applyAcknowledgements() {
        for (FindingRecord record : table.sorted()) {
            record.setAcknowledged(acknowledgedIds.contains(record.id()));
        }
    }

    /** Returns the acknowledged ids that match no finding of the table. */
    public Set<String> unmatchedAcknowledgements() {
        Set<String> unmatched = new HashSet<>();
        for (String id : acknowledgedIds) {
            if (table.find(id) == null) {
                unmatched.add(id);
            }
        }
        return unmatched;
    }
}
