package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.TlsRecognizer;
import io.dicomwatch.inventory.Asset;
import io.dicomwatch.inventory.AssociationRecord;
import io.dicomwatch.inventory.EntityKey;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.Role;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Service rules: a host answering cleartext DICOM on several ports, and DICOM TLS services.
 *
 * <p>A TLS endpoint counts as DICOM TLS when its port is a TLS port of the settings (2762 by
 * default) or a port on which DICOM was seen anywhere in the run or the loaded inventory; a
 * ClientHello alone counts only on a TLS port, because scanners send ClientHellos to every port.
 * Endpoints not yet judged wait for the end of the replay, at most {@value #MAX_PENDING_TLS} of them.
 *
 * <p>Cleartext ports are tracked for at most {@value #MAX_TRACKED} hosts, {@value #MAX_PORTS_PER_HOST}
 * ports each. {@link #seed} fills them, and the ports where DICOM was seen, from the SCP entities
 * and accepted association rows of the loaded inventory.
 */
final class ServiceRules implements Rule {
    private static final int MAX_PENDING_TLS = 4096;
    private static final int MAX_PORTS_PER_HOST = 64;
    private static final int MAX_TRACKED = 65_536;

    private final RuleContext context;
    private final Map<IpAddress, TreeSet<Integer>> cleartextPorts = new HashMap<>();
    private final Set<Integer> dicomPortsSeen = new HashSet<>();
    private final Map<Baseline.Endpoint, PendingTls> pendingTls = new LinkedHashMap<>();

    /** TLS hellos seen for an endpoint not yet known to be DICOM. */
    private static final class PendingTls {
        final Set<IpAddress> clients = new HashSet<>();
        long clientHellos;
        long serverHellos;
        long firstSeen = Long.MAX_VALUE;
    }

    ServiceRules(RuleContext context) {
        this.context = context;
    }

    @Override
    public void seed(Inventory loaded) {
        for (Asset asset : loaded.assets()) {
            for (EntityKey entity : asset.applicationEntities().keySet()) {
                if (entity.role() == Role.SCP && entity.port() != null) {
                    addCleartextPort(asset.ip(), entity.port());
                }
            }
        }
        for (AssociationRecord row : loaded.associations()) {
            if (row.accepted() > 0 || row.midStream()) {
                addCleartextPort(row.key().serverIp(), row.key().serverPort());
            }
        }
    }

    /** Adds a port where {@code host} accepted cleartext DICOM and returns its ports, or null when the map is full. */
    private TreeSet<Integer> addCleartextPort(IpAddress host, int port) {
        dicomPortsSeen.add(port);
        TreeSet<Integer> ports = cleartextPorts.get(host);
        if (ports == null) {
            if (cleartextPorts.size() >= MAX_TRACKED) {
                return null;
            }
            ports = new TreeSet<>();
            cleartextPorts.put(host, ports);
        }
        if (ports.size() < MAX_PORTS_PER_HOST) {
            ports.add(port);
        }
        return ports;
    }

    @Override
    public void onAccepted(AssociationFacts facts, long timestampNanos) {
        observeScp(facts, timestampNanos);
    }

    @Override
    public void onMidStream(AssociationFacts facts, long timestampNanos) {
        observeScp(facts, timestampNanos);
    }

    private void observeScp(AssociationFacts facts, long timestampNanos) {
        TreeSet<Integer> ports = addCleartextPort(facts.acceptor(), facts.port());
        if (ports == null) {
            return;
        }
        context.reporter.reportAtThreshold(ports.size() >= 2, FindingRule.MULTIPLE_DICOM_PORTS, FindingSeverity.LOW,
                facts.acceptor(), null, null, timestampNanos, record -> {
                    record.addCounter("associationsOnPort" + facts.port(), 1);
                    record.maxCounter("distinctPorts", ports.size());
                    ExposureRules.addTitle(record, facts.called());
                    record.offerExample(() -> facts.describe("accepted"));
                });
    }

    @Override
    public void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType,
            long timestampNanos) {
        IpAddress server = connection.serverAddress();
        int port = connection.serverPort();
        boolean tlsPort = context.config.tlsPorts().contains(port);
        boolean dicomPort = tlsPort || dicomPortsSeen.contains(port) || context.knownScps.isKnownScp(server, port);
        boolean serverHello = handshakeType == TlsRecognizer.SERVER_HELLO;
        if (dicomPort && (serverHello || tlsPort)) {
            reportTls(server, port, connection.clientAddress(), serverHello ? 0 : 1, serverHello ? 1 : 0,
                    timestampNanos);
            return;
        }
        Baseline.Endpoint endpoint = new Baseline.Endpoint(server, port);
        PendingTls pending = pendingTls.get(endpoint);
        if (pending == null) {
            if (pendingTls.size() >= MAX_PENDING_TLS) {
                return;
            }
            pending = new PendingTls();
            pendingTls.put(endpoint, pending);
        }
        pending.firstSeen = Math.min(pending.firstSeen, timestampNanos);
        if (pending.clients.size() < 64) {
            pending.clients.add(connection.clientAddress());
        }
        if (serverHello) {
            pending.serverHellos++;
        } else {
            pending.clientHellos++;
        }
    }

    private void reportTls(IpAddress server, int port, IpAddress client, long clientHellos, long serverHellos,
            long timestampNanos) {
        context.reporter.report(FindingRule.DICOM_TLS_SERVICE, FindingSeverity.INFO, server, null, port,
                timestampNanos, clientHellos > 0, record -> {
                    record.addPeer(client.toString());
                    record.addCounter("clientHellos", clientHellos);
                    record.addCounter("serverHellos", serverHellos);
                });
    }

    /** Judges the TLS endpoints whose port turned out to carry DICOM later in the replay. */
    @Override
    public void finish(long timestampNanos) {
        for (Map.Entry<Baseline.Endpoint, PendingTls> entry : pendingTls.entrySet()) {
            Baseline.Endpoint endpoint = entry.getKey();
            PendingTls pending = entry.getValue();
            boolean dicomPort = dicomPortsSeen.contains(endpoint.port())
                    || context.knownScps.isKnownScp(endpoint.address(), endpoint.port());
            if (!dicomPort || pending.serverHellos == 0) {
                continue;
            }
            for (IpAddress client : pending.clients) {
                reportTls(endpoint.address(), endpoint.port(), client, 0, 0, pending.firstSeen);
            }
            context.reporter.report(FindingRule.DICOM_TLS_SERVICE, FindingSeverity.INFO, endpoint.address(), null,
                    endpoint.port(), pending.firstSeen, false, record -> {
                        record.addCount(pending.clientHellos);
                        record.addCounter("clientHellos", pending.clientHellos);
                        record.addCounter("serverHellos", pending.serverHellos);
                    });
        }
        pendingTls.clear();
    }
}
