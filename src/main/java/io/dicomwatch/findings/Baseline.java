package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.inventory.ApplicationEntity;
import io.dicomwatch.inventory.Asset;
import io.dicomwatch.inventory.AssociationKey;
import io.dicomwatch.inventory.AssociationRecord;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.Role;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the network normally looks like, learned only from associations that an SCP accepted and in
 * which a DIMSE request other than C-ECHO got a success, warning or pending response. A scanner's
 * first probe (an A-ASSOCIATE-RQ, perhaps a C-ECHO) therefore never enters the baseline.
 *
 * <ul>
 *   <li>Established nodes: both addresses of such an association.
 *   <li>Calling titles of an SCP endpoint: the calling AE titles of such associations to it.
 *   <li>Known SCP titles: the called AE titles of such associations, and every SCP title of the
 *       loaded inventory, which a C-MOVE may name as its destination.
 * </ul>
 *
 * <p>It is seeded from the inventory loaded with {@code --merge} and grows during the run, up to
 * {@value #MAX_ENTRIES} established nodes, {@value #MAX_ENTRIES} calling titles over all SCP
 * endpoints and {@value #MAX_ENTRIES} known SCP titles. Past these it learns nothing more, so
 * associations crafted with new addresses and titles cannot exhaust memory. They cannot make
 * their own sources established either: a source that the full baseline leaves out is still
 * judged as unknown.
 */
public final class Baseline {
    /** Requests that exchange data, as named in the inventory's operation counts. */
    private static final String[] DATA_REQUESTS = {"C-STORE-RQ", "C-FIND-RQ", "C-MOVE-RQ", "C-GET-RQ", "N-GET-RQ",
        "N-SET-RQ", "N-ACTION-RQ", "N-CREATE-RQ", "N-DELETE-RQ", "N-EVENT-REPORT-RQ"};

    /**
     * An SCP's address and port. Comparable, so that a hash map bin of keys whose hashes collide,
     * as crafted addresses and ports can make them, is searched as a tree in O(log n).
     */
    record Endpoint(IpAddress address, int port) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            int order = address.compareTo(other.address);
            return order != 0 ? order : Integer.compare(port, other.port);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Endpoint endpoint && port == endpoint.port && address.equals(endpoint.address);
        }

        @Override
        public int hashCode() {
            return 31 * address.hashCode() + port;
        }
    }

    /** Maximum entries of each kind: established nodes, calling titles (all SCPs together), SCP titles. */
    static final int MAX_ENTRIES = 65_536;

    private final Set<IpAddress> establishedNodes = new HashSet<>();
    private final Map<Endpoint, Set<String>> callingTitlesByScp = new HashMap<>();
    private int callingTitleCount;
    private final Set<String> knownScpTitles = new HashSet<>();

    /** Seeds a baseline from a loaded inventory. */
    public static Baseline fromInventory(Inventory inventory) {
        Baseline baseline = new Baseline();
        for (AssociationRecord record : inventory.associations()) {
            if (exchangedData(record)) {
                AssociationKey key = record.key();
                baseline.learn(key.clientIp(), key.callingAeTitle() == null ? null : key.callingAeTitle().value(),
                        key.serverIp(), key.serverPort(), key.calledAeTitle() == null ? null
                                : key.calledAeTitle().value());
            }
        }
        for (Asset asset : inventory.assets()) {
            for (ApplicationEntity entity : asset.applicationEntities().values()) {
                if (entity.key().role() == Role.SCP && entity.key().aeTitle() != null) {
                    addBounded(baseline.knownScpTitles, entity.key().aeTitle().value());
                }
            }
        }
        return baseline;
    }

    private static boolean exchangedData(AssociationRecord record) {
        if (record.accepted() == 0 && !record.midStream()) {
            return false;
        }
        long requests = 0;
        for (String name : DATA_REQUESTS) {
            requests += record.operations(name);
        }
        long answered = record.statuses("success") + record.statuses("warning") + record.statuses("pending");
        return requests > 0 && answered > 0;
    }

    /**
     * Adds an association that exchanged data; null titles (mid-stream) add only the nodes. Each
     * kind of entry stops growing at {@value #MAX_ENTRIES}.
     */
    public void learn(IpAddress requestor, String callingTitle, IpAddress acceptor, int acceptorPort,
            String calledTitle) {
        addBounded(establishedNodes, requestor);
        addBounded(establishedNodes, acceptor);
        if (callingTitle != null) {
            learnCallingTitle(new Endpoint(acceptor, acceptorPort), callingTitle);
        }
        if (calledTitle != null) {
            addBounded(knownScpTitles, calledTitle);
        }
    }

    private void learnCallingTitle(Endpoint scp, String title) {
        if (callingTitleCount >= MAX_ENTRIES) {
            return;
        }
        Set<String> titles = callingTitlesByScp.computeIfAbsent(scp, ignored -> new HashSet<>());
        if (titles.add(title)) {
            callingTitleCount++;
        }
    }

    private static <T> void addBounded(Set<T> set, T value) {
        if (set.size() < MAX_ENTRIES) {
            set.add(value);
        }
    }

    public boolean isEstablished(IpAddress address) {
        return establishedNodes.contains(address);
    }

    public boolean isKnownCallingTitle(IpAddress scp, int port, String callingTitle) {
        Set<String> titles = callingTitlesByScp.get(new Endpoint(scp, port));
        return titles != null && titles.contains(callingTitle);
    }

    public boolean isKnownScpTitle(String title) {
        return knownScpTitles.contains(title);
    }
}
