package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Connection attempts to DICOM ports that carried no DICOM: bare SYNs, refused or reset
 * connections, other protocols. One source trying many hosts is a sweep; one service tried by many
 * sources that are not established nodes is probed. TLS connections are not attempts, they are
 * judged as DICOM TLS.
 *
 * <p>The engine calls this once per closed connection, never per packet. Each tracked set stops
 * growing at four times its threshold, and each map at {@value #MAX_TRACKED} keys, so spoofed
 * SYN floods cannot exhaust memory.
 *
 * <p>The inventory stores no connection without DICOM, so attempts below a threshold are lost
 * when the run ends. {@link #seed} restores only what the loaded inventory's raised findings list:
 * their peers, at most 64 per finding.
 */
final class SweepRules implements Rule {
    private static final int MAX_TRACKED = 65_536;

    private final RuleContext context;
    private final Map<IpAddress, Set<IpAddress>> hostsBySource = new HashMap<>();
    private final Map<Baseline.Endpoint, Set<IpAddress>> sourcesByService = new HashMap<>();

    SweepRules(RuleContext context) {
        this.context = context;
    }

    @Override
    public void seed(Inventory loaded) {
        for (FindingRecord finding : loaded.findings().sorted()) {
            if (finding.ruleId().equals(FindingRule.PORT_SWEEP.id())) {
                for (String peer : finding.peers()) {
                    seedPeer(hostsBySource, finding.asset(), AssociationFacts.endpointAddress(peer),
                            context.config.sweepMinHosts());
                }
            } else if (finding.ruleId().equals(FindingRule.SERVICE_PROBED.id()) && finding.port() != null) {
                Baseline.Endpoint service = new Baseline.Endpoint(finding.asset(), finding.port());
                for (String peer : finding.peers()) {
                    seedPeer(sourcesByService, service, AssociationFacts.parseAddress(peer),
                            context.config.probeMinSources());
                }
            }
        }
    }

    private static <K> void seedPeer(Map<K, Set<IpAddress>> map, K key, IpAddress peer, int threshold) {
        if (peer != null) {
            track(map, key, peer, threshold);
        }
    }

    @Override
    public void onNonDicomConnection(TcpConnection connection, long timestampNanos) {
        IpAddress source = connection.clientAddress();
        IpAddress server = connection.serverAddress();
        int port = connection.serverPort();
        if (!context.isDicomPort(server, port)) {
            return;
        }
        boolean answered = connection.streamStartSeen(Direction.SERVER_TO_CLIENT);
        String outcome = answered ? "answeredAttempts" : "unansweredAttempts";
        int sweepMin = context.config.sweepMinHosts();
        Set<IpAddress> hosts = track(hostsBySource, source, server, sweepMin);
        if (hosts != null) {
            FindingSeverity severity = context.policy.isOutside(source) ? FindingSeverity.HIGH : FindingSeverity.MEDIUM;
            context.reporter.reportAtThreshold(hosts.size() >= sweepMin, FindingRule.PORT_SWEEP, severity, source,
                    null, null, timestampNanos, record -> {
                        record.addPeer(AssociationFacts.endpoint(server, port));
                        record.addCounter(outcome, 1);
                        record.maxCounter("distinctHosts", hosts.size());
                    });
        }
        // An established node refused by a restarting or overloaded service is a client retrying, not a prober.
        if (context.baseline.isEstablished(source)) {
            return;
        }
        int probeMin = context.config.probeMinSources();
        Set<IpAddress> sources = track(sourcesByService, new Baseline.Endpoint(server, port), source, probeMin);
        if (sources != null) {
            context.reporter.reportAtThreshold(sources.size() >= probeMin, FindingRule.SERVICE_PROBED,
                    FindingSeverity.MEDIUM, server, null, port, timestampNanos, record -> {
                        record.addPeer(source.toString());
                        record.addCounter(outcome, 1);
                        record.maxCounter("distinctSources", sources.size());
                    });
        }
    }

    /** Adds {@code value} to the set of {@code key}; returns the set, or null when the map is full. */
    private static <K> Set<IpAddress> track(Map<K, Set<IpAddress>> map, K key, IpAddress value, int threshold) {
        Set<IpAddress> set = map.get(key);
        if (set == null) {
            if (map.size() >= MAX_TRACKED) {
                return null;
            }
            set = new HashSet<>();
            map.put(key, set);
        }
        if (set.size() < threshold * 4L) {
            set.add(value);
        }
        return set;
    }
}
