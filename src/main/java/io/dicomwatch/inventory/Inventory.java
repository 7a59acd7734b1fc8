package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The asset inventory: assets by IP address and aggregated association rows, within
 * {@link InventoryLimits}. Not thread-safe: one pipeline thread updates it, and exports run on
 * that thread or on a copy.
 */
public final class Inventory {
    /** Version of the exported JSON contract; raised on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private final InventoryLimits limits;
    private final Map<IpAddress, Asset> assets = new HashMap<>();
    private final Map<AssociationKey, AssociationRecord> associations = new HashMap<>();
    private final Map<Long, Set<IpAddress>> addressesByMac = new HashMap<>();
    private final Set<ScpEndpoint> scpEndpoints = new HashSet<>();
    private int applicationEntityCount;
    private final Overflow overflow = new Overflow();
    private final FindingTable findings = new FindingTable();
    private final Statistics baselineStatistics = new Statistics();
    private Statistics runStatistics = new Statistics();
    private long staleAfterNanos;
    final SeenInterval capture = new SeenInterval();
    private IdentitySettings identitySettings = IdentitySettings.DEFAULTS;

    /**
     * An address and port where an SCP accepted an association. Comparable, so that a hash map
     * bin of keys whose hashes collide, as crafted addresses and ports can make them, is searched
     * as a tree in O(log n).
     */
    record ScpEndpoint(IpAddress address, int port) implements Comparable<ScpEndpoint> {
        @Override
        public int compareTo(ScpEndpoint other) {
            int order = address.compareTo(other.address);
            return order != 0 ? order : Integer.compare(port, other.port);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ScpEndpoint endpoint && port == endpoint.port && address.equals(endpoint.address);
        }

        @Override
        public int hashCode() {
            return 31 * address.hashCode() + port;
        }
    }

    public Inventory(InventoryLimits limits) {
        this.limits = limits;
    }

    public InventoryLimits limits() {
        return limits;
    }

    /** Returns the asset of {@code ip}, creating it; null when the asset cap is reached. */
    Asset asset(IpAddress ip) {
        Asset asset = assets.get(ip);
        if (asset == null) {
            if (assets.size() >= limits.maxAssets()) {
                overflow.assetsDropped++;
                return null;
            }
            asset = new Asset(ip);
            assets.put(ip, asset);
        }
        return asset;
    }

    /**
     * Returns the entity of {@code asset} with {@code key}, creating it. Returns null when the asset
     * already has {@code maxApplicationEntitiesPerAsset} entities, or the inventory as many as
     * {@code maxAssociations}: the per-asset cap alone allows 256 entities on each of 25,000 assets
     * by default, at about 1 KB each.
     */
    ApplicationEntity entity(Asset asset, EntityKey key) {
        ApplicationEntity entity = asset.entities.get(key);
        if (entity == null) {
            if (asset.entities.size() >= limits.maxApplicationEntitiesPerAsset()
                    || applicationEntityCount >= limits.maxAssociations()) {
                overflow.applicationEntitiesDropped++;
                return null;
            }
            entity = new ApplicationEntity(key);
            asset.entities.put(key, entity);
            applicationEntityCount++;
        }
        return entity;
    }

    /** Returns the row of {@code key}, creating it; null when the association cap is reached. */
    AssociationRecord association(AssociationKey key) {
        AssociationRecord record = associations.get(key);
        if (record == null) {
            if (associations.size() >= limits.maxAssociations()) {
                overflow.associationsDropped++;
                return null;
            }
            record = new AssociationRecord(key);
            associations.put(key, record);
        }
        return record;
    }

    /** Adds a source MAC; -1 (no link layer) and 0 (loopback frames, never a real interface) are skipped. */
    void addMacAddress(Asset asset, long mac) {
        if (mac <= 0 || !asset.macAddresses.add(mac, limits.maxValuesPerList(), overflow)) {
            return;
        }
        Set<IpAddress> addresses = addressesByMac.computeIfAbsent(mac, ignored -> new HashSet<>());
        // Only the threshold matters, so the set never needs to grow past it.
        if (addresses.size() < limits.routerMacThreshold()) {
            addresses.add(asset.ip());
        }
    }

    /** Returns whether {@code mac} was seen with enough IP addresses to be a router's. */
    public boolean isRouterMac(long mac) {
        Set<IpAddress> addresses = addressesByMac.get(mac);
        return addresses != null && addresses.size() >= limits.routerMacThreshold();
    }

    void addScpEndpoint(IpAddress address, int port) {
        scpEndpoints.add(new ScpEndpoint(address, port));
    }

    public boolean isKnownScp(IpAddress address, int port) {
        return scpEndpoints.contains(new ScpEndpoint(address, port));
    }

    /** Returns the assets sorted by IP address. */
    public List<Asset> assets() {
        List<Asset> sorted = new ArrayList<>(assets.values());
        sorted.sort((a, b) -> a.ip().compareTo(b.ip()));
        return sorted;
    }

    public Asset findAsset(IpAddress ip) {
        return assets.get(ip);
    }

    /** Returns the association rows sorted by key. */
    public List<AssociationRecord> associations() {
        List<AssociationRecord> sorted = new ArrayList<>(associations.values());
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        return sorted;
    }

    public FindingTable findings() {
        return findings;
    }

    public Overflow overflow() {
        return overflow;
    }

    /** Returns the counters of loaded or merged inventories plus those of the current run. */
    public Statistics statistics() {
        Statistics combined = new Statistics();
        combined.merge(baselineStatistics);
        combined.merge(runStatistics);
        return combined;
    }

    /** Counters loaded from earlier runs' files; merging adds to them. */
    Statistics baselineStatistics() {
        return baselineStatistics;
    }

    /** Replaces the counters of the current run, which the pipeline refreshes before each export. */
    public void setRunStatistics(Statistics statistics) {
        this.runStatistics = statistics;
    }

    /**
     * Sets the capture time without DICOM traffic after which {@link #isStale} marks an asset; 0 or
     * less marks none.
     */
    public void setStaleAfter(long nanos) {
        this.staleAfterNanos = nanos;
    }

    /**
     * Returns whether {@code asset} was last seen more than the stale-after time before the latest
     * capture time of the inventory. Judged by capture time, not the wall clock, so a replay gives the
     * same result whenever it runs.
     */
    public boolean isStale(Asset asset) {
        if (staleAfterNanos <= 0 || asset.seen.isEmpty() || capture.isEmpty()) {
            return false;
        }
        return capture.lastSeen - asset.seen.lastSeen > staleAfterNanos;
    }

    /** Widens the capture time range to include {@code timestampNanos}. */
    public void touchCapture(long timestampNanos) {
        capture.touch(timestampNanos);
    }

    /**
     * Removes the usernames of user identity negotiations, such as those loaded from a file
     * written with usernames kept, when this run is not to keep them.
     */
    public void removeUsernames() {
        for (AssociationRecord record : associations.values()) {
            record.userIdentities.replaceAll(identity -> identity.username() == null ? identity
                    : new UserIdentitySummary(identity.type(), identity.usernamePresent(),
                            identity.positiveResponseRequested(), null));
        }
    }

    /** Adds everything of {@code other} into this inventory: counts add, sets unite, times widen. */
    public void merge(Inventory other) {
        InventoryMerger.merge(this, other);
    }

    public IdentitySettings identitySettings() {
        return identitySettings;
    }

    public void setIdentitySettings(IdentitySettings settings) {
        this.identitySettings = settings;
    }

    /**
     * Rolls hourly utilisation rows older than the hourly retention, counted back from the last
     * packet, into daily rows, and drops the oldest daily rows beyond the cap. Depends only on
     * capture time, so replays stay deterministic.
     */
    public void rollUpUtilisation() {
        if (capture.isEmpty()) {
            return;
        }
        long cutoff = capture.lastSeen - identitySettings.hourlyRetentionNanos();
        for (Asset asset : assets.values()) {
            for (ApplicationEntity entity : asset.entities.values()) {
                entity.identity.rollUp(cutoff);
                while (entity.identity.days.size() > identitySettings.maxDays()) {
                    entity.identity.days.pollFirstEntry();
                    overflow.listValuesDropped++;
                }
            }
        }
    }

    Map<Long, Set<IpAddress>> addressesByMac() {
        return addressesByMac;
    }
}
