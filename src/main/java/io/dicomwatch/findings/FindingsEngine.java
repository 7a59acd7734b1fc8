package io.dicomwatch.findings;

import io.dicomwatch.dicom.AbortPdu;
import io.dicomwatch.dicom.AssociateRjPdu;
import io.dicomwatch.dicom.AssociationEnd;
import io.dicomwatch.dicom.AssociationListener;
import io.dicomwatch.dicom.CommandField;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.KnownScpEndpoints;
import io.dicomwatch.dicom.ObservedAssociation;
import io.dicomwatch.dicom.QueryShape;
import io.dicomwatch.dicom.StatusCategory;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns observed associations and connections into findings. It listens beside the inventory
 * builder (see {@link io.dicomwatch.dicom.CompositeAssociationListener}), keeps its own state per
 * open association, learns the {@link Baseline} and hands every event to each {@link Rule}.
 *
 * <p>Call {@link #finish} once after the replay, so rules that wait for the whole capture report
 * and acknowledgements are applied to every finding, loaded ones included.
 */
public final class FindingsEngine implements AssociationListener {
    private static final Logger LOG = LoggerFactory.getLogger(FindingsEngine.class);

    private final RuleContext context;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<ObservedAssociation, AssociationFacts> open = new IdentityHashMap<>();
    private final Set<Long> tlsConnections = new HashSet<>();

    /**
     * @param inventory receives the findings. Its associations, SCPs and findings seed the baseline
     *     and the rules' thresholds, so pass the loaded inventory before the replay adds to it.
     * @param events the event file, or null for none
     */
    public FindingsEngine(FindingsConfig config, Inventory inventory, EventLog events) {
        this(config, inventory, events, inventory::isKnownScp);
    }

    /** Creates an engine with its own known-SCP view, for tests that feed events by hand. */
    FindingsEngine(FindingsConfig config, Inventory inventory, EventLog events, KnownScpEndpoints knownScps) {
        FindingReporter reporter = new FindingReporter(inventory.findings(), config.acknowledgedIds(), events);
        this.context = new RuleContext(config, Baseline.fromInventory(inventory), reporter, knownScps);
        rules.add(new ExposureRules(context));
        rules.add(new CredentialRules(context));
        rules.add(new AllowListRules(context));
        rules.add(new ServiceRules(context));
        rules.add(new ScanRules(context));
        rules.add(new SweepRules(context));
        rules.add(new QueryRules(context));
        for (Rule rule : rules) {
            rule.seed(inventory);
        }
    }

    @Override
    public void onRequested(ObservedAssociation association, long timestampNanos) {
        AssociationFacts facts = start(association, timestampNanos);
        rules.forEach(rule -> rule.onRequested(facts, timestampNanos));
    }

    @Override
    public void onMidStreamDetected(ObservedAssociation association, long timestampNanos) {
        AssociationFacts facts = start(association, timestampNanos);
        rules.forEach(rule -> rule.onMidStream(facts, timestampNanos));
    }

    private AssociationFacts start(ObservedAssociation association, long timestampNanos) {
        context.touch(timestampNanos);
        AssociationFacts facts = new AssociationFacts(association, context.policy);
        open.put(association, facts);
        return facts;
    }

    @Override
    public void onAccepted(ObservedAssociation association, long timestampNanos) {
        AssociationFacts facts = open.get(association);
        if (facts == null) {
            return;
        }
        facts.accepted = true;
        rules.forEach(rule -> rule.onAccepted(facts, timestampNanos));
    }

    @Override
    public void onRejected(ObservedAssociation association, AssociateRjPdu reject, long timestampNanos) {
        AssociationFacts facts = open.remove(association);
        if (facts != null) {
            rules.forEach(rule -> rule.onRejected(facts, reject, timestampNanos));
        }
    }

    @Override
    public void onCommand(ObservedAssociation association, DimseCommand command, boolean fromRequestor,
            DimseCommand matchedRequest, long timestampNanos) {
        AssociationFacts facts = open.get(association);
        if (facts == null) {
            return;
        }
        learnFromResponse(facts, command, matchedRequest);
        rules.forEach(rule -> rule.onCommand(facts, command, fromRequestor, timestampNanos));
    }

    /** Adds the association to the baseline once a data request other than C-ECHO got a positive answer. */
    private void learnFromResponse(AssociationFacts facts, DimseCommand command, DimseCommand matchedRequest) {
        if (facts.dataExchanged || !command.isResponse() || matchedRequest == null || command.status() == null
                || matchedRequest.commandField() == CommandField.C_ECHO_RQ) {
            return;
        }
        StatusCategory category = StatusCategory.of(command.status());
        if (category == StatusCategory.SUCCESS || category == StatusCategory.WARNING
                || category == StatusCategory.PENDING) {
            facts.dataExchanged = true;
            ObservedAssociation association = facts.association;
            context.baseline.learn(facts.requestor(), titleText(association.callingAeTitle()), facts.acceptor(),
                    facts.port(), titleText(association.calledAeTitle()));
        }
    }

    private static String titleText(io.dicomwatch.dicom.AeTitle title) {
        return title == null ? null : title.value();
    }

    @Override
    public void onQueryIdentifier(ObservedAssociation association, DimseCommand request, List<QueryShape> keys,
            long timestampNanos) {
        AssociationFacts facts = open.get(association);
        if (facts != null) {
            rules.forEach(rule -> rule.onQueryIdentifier(facts, request, keys, timestampNanos));
        }
    }

    @Override
    public void onBytes(ObservedAssociation association, boolean fromRequestor, long bytes, long timestampNanos) {
        // Byte counts belong to the inventory; no rule needs them.
    }

    @Override
    public void onEnded(ObservedAssociation association, AssociationEnd end, AbortPdu abort, long timestampNanos) {
        open.remove(association);
    }

    @Override
    public void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType,
            long timestampNanos) {
        context.touch(timestampNanos);
        tlsConnections.add(connection.id());
        rules.forEach(rule -> rule.onTlsHandshake(connection, direction, handshakeType, timestampNanos));
    }

    @Override
    public void onNonDicomConnectionClosed(TcpConnection connection, long timestampNanos) {
        if (tlsConnections.remove(connection.id())) {
            return;
        }
        context.touch(timestampNanos);
        rules.forEach(rule -> rule.onNonDicomConnection(connection, timestampNanos));
    }

    /**
     * Lets rules that wait for the whole capture report, marks acknowledged findings and warns
     * about acknowledgements that match no finding: they may be for findings not raised yet, so
     * they do not stop anything.
     */
    public void finish(long timestampNanos) {
        rules.forEach(rule -> rule.finish(timestampNanos));
        context.reporter.applyAcknowledgements();
        for (String id : new TreeSet<>(context.reporter.unmatchedAcknowledgements())) {
            LOG.warn("Acknowledged finding {} was not raised in this run or the loaded inventory", id);
        }
        if (context.reporter.eventErrors() > 0) {
            LOG.error("{} finding events could not be written to the event file", context.reporter.eventErrors());
        }
    }

    /** Returns the acknowledged ids that match no finding, for a summary. */
    public Set<String> unmatchedAcknowledgements() {
        return context.reporter.unmatchedAcknowledgements();
    }
}
