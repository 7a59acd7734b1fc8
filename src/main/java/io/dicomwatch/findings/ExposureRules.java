package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.dicom.AssociateRjPdu;
import io.dicomwatch.dicom.CommandField;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.TlsRecognizer;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;

/**
 * Boundary rules: a service reached from outside, an internal node calling out, cleartext DICOM
 * crossing the boundary, and outside peers that bypass the VPN ranges.
 */
final class ExposureRules implements Rule {
    private final RuleContext context;

    ExposureRules(RuleContext context) {
        this.context = context;
    }

    @Override
    public void onRequested(AssociationFacts facts, long timestampNanos) {
        observe(facts, timestampNanos);
    }

    @Override
    public void onMidStream(AssociationFacts facts, long timestampNanos) {
        observe(facts, timestampNanos);
    }

    private void observe(AssociationFacts facts, long timestampNanos) {
        if (!facts.crossesBoundary()) {
            return;
        }
        String example = facts.describe(facts.association.midStream() ? "joined mid-stream" : "requested");
        if (facts.requestorOutside) {
            context.reporter.report(FindingRule.INBOUND_FROM_OUTSIDE, FindingSeverity.MEDIUM, facts.acceptor(), null,
                    facts.port(), timestampNanos, true, record -> {
                        record.addPeer(facts.requestor().toString());
                        addTitle(record, facts.called());
                        record.addCounter("requested", 1);
                        record.offerExample(example);
                    });
        } else {
            context.reporter.report(FindingRule.OUTBOUND_TO_OUTSIDE, FindingSeverity.MEDIUM, facts.requestor(),
                    facts.calling(), null, timestampNanos, true, record -> {
                        record.addPeer(AssociationFacts.endpoint(facts.acceptor(), facts.port()));
                        addTitle(record, facts.called());
                        record.addCounter("requested", 1);
                        record.offerExample(example);
                    });
        }
        reportCleartext(facts, FindingSeverity.MEDIUM, timestampNanos, true, "associations", example);
        IpAddress outsidePeer = facts.requestorOutside ? facts.requestor() : facts.acceptor();
        IpAddress internalPeer = facts.requestorOutside ? facts.acceptor() : facts.requestor();
        context.reporter.report(FindingRule.PEER_OUTSIDE_VPN, FindingSeverity.MEDIUM, outsidePeer, null, null,
                timestampNanos, true, record -> {
                    record.addPeer(internalPeer.toString());
                    record.addCounter("dicomAssociations", 1);
                    record.offerExample(example);
                });
    }

    private void reportCleartext(AssociationFacts facts, FindingSeverity severity, long timestampNanos,
            boolean newObservation, String counter, String example) {
        boolean internalAcceptor = facts.requestorOutside;
        IpAddress asset = internalAcceptor ? facts.acceptor() : facts.requestor();
        // The called title of an inbound request is the requestor's choice, so it is evidence, not identity.
        AeTitle title = internalAcceptor ? null : facts.calling();
        Integer port = internalAcceptor ? facts.port() : null;
        String peer = internalAcceptor ? facts.requestor().toString()
                : AssociationFacts.endpoint(facts.acceptor(), facts.port());
        context.reporter.report(FindingRule.CLEARTEXT_ACROSS_BOUNDARY, severity, asset, title, port, timestampNanos,
                newObservation, record -> {
                    record.addPeer(peer);
                    addTitle(record, internalAcceptor ? facts.called() : null);
                    record.addCounter(counter, 1);
                    record.offerExample(example);
                });
    }

    @Override
    public void onAccepted(AssociationFacts facts, long timestampNanos) {
        if (!facts.crossesBoundary()) {
            return;
        }
        if (facts.requestorOutside) {
            context.reporter.report(FindingRule.INBOUND_FROM_OUTSIDE, FindingSeverity.HIGH, facts.acceptor(), null,
                    facts.port(), timestampNanos, false, record -> record.addCounter("accepted", 1));
        } else {
            context.reporter.report(FindingRule.OUTBOUND_TO_OUTSIDE, FindingSeverity.MEDIUM, facts.requestor(),
                    facts.calling(), null, timestampNanos, false, record -> record.addCounter("accepted", 1));
        }
    }

    @Override
    public void onRejected(AssociationFacts facts, AssociateRjPdu reject, long timestampNanos) {
        if (facts.crossesBoundary() && facts.requestorOutside) {
            context.reporter.report(FindingRule.INBOUND_FROM_OUTSIDE, FindingSeverity.MEDIUM, facts.acceptor(), null,
                    facts.port(), timestampNanos, false, record -> record.addCounter("rejected", 1));
        }
    }

    /** Raises cleartext findings to high once a request carries or moves a data set: patient data on the wire. */
    @Override
    public void onCommand(AssociationFacts facts, DimseCommand command, boolean fromRequestor, long timestampNanos) {
        if (!facts.crossesBoundary() || command.isResponse() || !carriesPatientData(command)) {
            return;
        }
        String name = CommandField.name(command.commandField());
        reportCleartext(facts, FindingSeverity.HIGH, timestampNanos, false, "dataRequests", facts.describe(name));
        if (!facts.requestorOutside && command.commandField() == CommandField.C_STORE_RQ && fromRequestor) {
            context.reporter.report(FindingRule.OUTBOUND_TO_OUTSIDE, FindingSeverity.HIGH, facts.requestor(),
                    facts.calling(), null, timestampNanos, false, record -> record.addCounter("storeRequests", 1));
        }
    }

    private static boolean carriesPatientData(DimseCommand command) {
        int field = command.commandField();
        return field == CommandField.C_STORE_RQ || field == CommandField.C_FIND_RQ || field == CommandField.C_MOVE_RQ
                || field == CommandField.C_GET_RQ || command.hasDataSet();
    }

    /** DICOM TLS from outside is encrypted, but the service is still reachable and the peer bypasses the VPN. */
    @Override
    public void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType,
            long timestampNanos) {
        IpAddress client = connection.clientAddress();
        IpAddress server = connection.serverAddress();
        int port = connection.serverPort();
        if (handshakeType != TlsRecognizer.CLIENT_HELLO || !context.policy.isOutside(client)
                || !context.policy.isInternal(server) || !context.isDicomPort(server, port)) {
            return;
        }
        context.reporter.report(FindingRule.INBOUND_FROM_OUTSIDE, FindingSeverity.MEDIUM, server, null, port,
                timestampNanos, true, record -> {
                    record.addPeer(client.toString());
                    record.addCounter("tlsConnections", 1);
                });
        context.reporter.report(FindingRule.PEER_OUTSIDE_VPN, FindingSeverity.MEDIUM, client, null, null,
                timestampNanos, true, record -> {
                    record.addPeer(server.toString());
                    record.addCounter("tlsConnections", 1);
                });
    }

    static void addTitle(io.dicomwatch.inventory.FindingRecord record, AeTitle title) {
        if (title != null) {
            record.addAeTitle(title.value());
        }
    }
}
