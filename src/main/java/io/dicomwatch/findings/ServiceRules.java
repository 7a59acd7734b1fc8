package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.TlsRecognizer;
import io.dicomwatch.inventory.FindingSeverity;
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
 */
final class ServiceRules implements Rule {
    private static final int MAX_PENDING_TLS = 4096;
    private static final int MAX_PORTS_PER_HOST = 64;

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
    public void onAccepted(AssociationFacts facts, long timestampNanos) {
        observeScp(facts, timestampNanos);
    }

    @Override
    public void onMidStream(AssociationFacts facts, long timestampNanos) {
        observeScp(facts, timestampNanos);
    }

    private void observeScp(AssociationFacts facts, long timestampNanos) {
        dicomPortsSeen.add(facts.port());
        TreeSet<Integer> ports = cleartextPorts.computeIfAbsent(facts.acceptor(), ignored -> new TreeSet<>());
        if (ports.size() < MAX_PORTS_PER_HOST) {
            ports.add(facts.port());
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
