package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of an inventory, by id, within a cap: a hostile capture can make many findings
 * (one per scanned host), so past {@link #MAX_FINDINGS} new ones are counted, not stored.
 */
public final class FindingTable {
    /** Each finding with its evidence lists takes about 1 KB, so this cap keeps them near 25 MB. */
    public static final int MAX_FINDINGS = 25_000;

    private static final Comparator<FindingRecord> ORDER = Comparator
            .comparing(FindingRecord::severity).reversed()
            .thenComparing(FindingRecord::ruleId)
            .thenComparing(FindingRecord::asset)
            .thenComparing(record -> record.port() == null ? -1 : record.port())
            .thenComparing(record -> record.aeTitle() == null ? "" : record.aeTitle().value())
            .thenComparing(FindingRecord::id);

    private final Map<String, FindingRecord> records = new HashMap<>();
    private long dropped;

    /** Returns the record of {@code id}, creating it; null when the cap is reached. */
    public FindingRecord findOrCreate(String id, String ruleId, IpAddress asset, AeTitle aeTitle, Integer port) {
        FindingRecord record = records.get(id);
        if (record == null) {
            if (records.size() >= MAX_FINDINGS) {
                dropped++;
                return null;
            }
            record = new FindingRecord(id, ruleId, asset, aeTitle, port);
            records.put(id, record);
        }
        return record;
    }

    public FindingRecord find(String id) {
        return records.get(id);
    }

    /** Findings kept out by the cap. */
    public long dropped() {
        return dropped;
    }

    void addDropped(long count) {
        dropped += count;
    }

    /** Returns the findings by severity, highest first, then by rule, asset, port and AE title. */
    public List<FindingRecord> sorted() {
        List<FindingRecord> sorted = new ArrayList<>(records.values());
        sorted.sort(ORDER);
        return sorted;
    }

    void merge(FindingTable other) {
        for (FindingRecord from : other.records.values()) {
            FindingRecord to = findOrCreate(from.id(), from.ruleId(), from.asset(), from.aeTitle(), from.port());
            if (to != null) {
                to.merge(from);
            }
        }
        dropped += other.dropped;
    }
}
