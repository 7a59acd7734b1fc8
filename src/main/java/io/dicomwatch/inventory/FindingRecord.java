package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One finding of the inventory: a rule that matched one asset, application entity and port, with
 * the evidence gathered over every observation. The {@link #id()} stays the same across runs, so
 * merged files, acknowledgements and a SIEM all refer to one exposure by one id.
 *
 * <p>Evidence lists keep at most {@link #MAX_EVIDENCE_VALUES} values each; more are counted in
 * {@link #evidenceDropped()} so a scan of thousands of titles cannot grow a record without bound.
 */
public final class FindingRecord {
    public static final int MAX_EVIDENCE_VALUES = 64;

    private final String id;
    private final String ruleId;
    private final IpAddress asset;
    private final AeTitle aeTitle;
    private final Integer port;
    private String title;
    private String recommendation;
    private FindingSeverity severity = FindingSeverity.INFO;
    private boolean acknowledged;
    private long count;
    private long evidenceDropped;
    private String example;
    private final SeenInterval seen = new SeenInterval();
    private final TreeSet<String> peers = new TreeSet<>();
    private final TreeSet<String> aeTitles = new TreeSet<>();
    private final TreeMap<String, Long> counters = new TreeMap<>();

    public FindingRecord(String id, String ruleId, IpAddress asset, AeTitle aeTitle, Integer port) {
        this.id = id;
        this.ruleId = ruleId;
        this.asset = asset;
        this.aeTitle = aeTitle;
        this.port = port;
    }

    public String id() {
        return id;
    }

    public String ruleId() {
        return ruleId;
    }

    public IpAddress asset() {
        return asset;
    }

    /** The application entity the finding is about, or null for a finding about a host or port. */
    public AeTitle aeTitle() {
        return aeTitle;
    }

    public Integer port() {
        return port;
    }

    public String title() {
        return title;
    }

    public String recommendation() {
        return recommendation;
    }

    public void describe(String newTitle, String newRecommendation) {
        this.title = newTitle;
        this.recommendation = newRecommendation;
    }

    public FindingSeverity severity() {
        return severity;
    }

    /** Raises the severity to {@code candidate} if higher; returns whether it rose. */
    public boolean raiseSeverity(FindingSeverity candidate) {
        if (candidate.compareTo(severity) > 0) {
            severity = candidate;
            return true;
        }
        return false;
    }

    public boolean acknowledged() {
        return acknowledged;
    }

    public void setAcknowledged(boolean acknowledged) {
        this.acknowledged = acknowledged;
    }

    /** Observations that matched the rule, such as associations or connection attempts. */
    public long count() {
        return count;
    }

    public void addCount(long amount) {
        count += amount;
    }

    public long evidenceDropped() {
        return evidenceDropped;
    }

    /** One association or connection that shows the finding, in words; the first one seen is kept. */
    public String example() {
        return example;
    }

    public void offerExample(String candidate) {
        if (example == null) {
            example = candidate;
        }
    }

    /** Offers an example built only when none is kept yet, so later observations cost nothing. */
    public void offerExample(Supplier<String> candidate) {
        if (example == null) {
            example = candidate.get();
        }
    }

    public void touch(long timestampNanos) {
        seen.touch(timestampNanos);
    }

    public boolean seenEmpty() {
        return seen.isEmpty();
    }

    public long firstSeen() {
        return seen.firstSeen;
    }

    public long lastSeen() {
        return seen.lastSeen;
    }

    /** Peer addresses, or address:port for services, that took part. */
    public NavigableSet<String> peers() {
        return Collections.unmodifiableNavigableSet(peers);
    }

    public void addPeer(String peer) {
        addBounded(peers, peer);
    }

    /** AE titles in the evidence, such as the called titles a scanner tried. */
    public NavigableSet<String> aeTitles() {
        return Collections.unmodifiableNavigableSet(aeTitles);
    }

    public void addAeTitle(String title) {
        addBounded(aeTitles, title);
    }

    public SortedMap<String, Long> counters() {
        return Collections.unmodifiableSortedMap(counters);
    }

    public void addCounter(String name, long amount) {
        counters.merge(name, amount, Long::sum);
    }

    /** Sets a counter that measures a maximum or a distinct count, which merging must not add up. */
    public void maxCounter(String name, long value) {
        counters.merge(name, value, Math::max);
    }

    private void addBounded(TreeSet<String> values, String value) {
        if (values.contains(value)) {
            return;
        }
        if (values.size() >= MAX_EVIDENCE_VALUES) {
            evidenceDropped++;
            return;
        }
        values.add(value);
    }

    /**
     * Adds another record of the same finding: counts add, lists unite, times widen, severity
     * keeps the maximum. The other record's id is not read, so it may be a detached one.
     */
    public void merge(FindingRecord other) {
        if (title == null) {
            describe(other.title, other.recommendation);
        }
        raiseSeverity(other.severity);
        acknowledged |= other.acknowledged;
        count += other.count;
        evidenceDropped += other.evidenceDropped;
        offerExample(other.example);
        seen.merge(other.seen);
        other.peers.forEach(this::addPeer);
        other.aeTitles.forEach(this::addAeTitle);
        for (Map.Entry<String, Long> counter : other.counters.entrySet()) {
            if (counter.getKey().startsWith("distinct") || counter.getKey().startsWith("max")) {
                maxCounter(counter.getKey(), counter.getValue());
            } else {
                addCounter(counter.getKey(), counter.getValue());
            }
        }
    }
}
