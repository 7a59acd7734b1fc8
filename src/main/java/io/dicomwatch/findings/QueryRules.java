package io.dicomwatch.findings;

import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.dicom.CommandField;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.QueryShape;
import io.dicomwatch.inventory.FindingSeverity;
import java.util.List;

/**
 * Query and retrieve rules: C-FIND queries whose keys are all empty or wildcards, and C-MOVE to a
 * destination AE title that the baseline has never seen as an SCP.
 */
final class QueryRules implements Rule {
    /** Specific Character Set (0008,0005) and Query/Retrieve Level (0008,0052) never narrow a match. */
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final int QUERY_RETRIEVE_LEVEL = 0x00080052;

    private final RuleContext context;

    QueryRules(RuleContext context) {
        this.context = context;
    }

    /** Returns whether the identifier was read and none of its matching keys narrows the match. */
    static boolean isBroad(List<QueryShape> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        for (QueryShape key : keys) {
            if (key.tag() != SPECIFIC_CHARACTER_SET && key.tag() != QUERY_RETRIEVE_LEVEL && key.constrains()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onQueryIdentifier(AssociationFacts facts, DimseCommand request, List<QueryShape> keys,
            long timestampNanos) {
        if (request.commandField() != CommandField.C_FIND_RQ || !isBroad(keys)) {
            return;
        }
        FindingSeverity severity = facts.requestorOutside ? FindingSeverity.HIGH : FindingSeverity.MEDIUM;
        // The asset is the requestor, whose ports are ephemeral, so the queried service is a peer.
        context.reporter.report(FindingRule.BROAD_QUERY, severity, facts.requestor(), null, null,
                timestampNanos, true, record -> {
                    record.addPeer(AssociationFacts.endpoint(facts.acceptor(), facts.port()));
                    ExposureRules.addTitle(record, facts.calling());
                    ExposureRules.addTitle(record, facts.called());
                    record.maxCounter("maxReturnKeys", keys.size());
                    record.offerExample(() -> facts.describe("C-FIND with " + keys.size() + " keys, none narrowing"));
                });
    }

    @Override
    public void onCommand(AssociationFacts facts, DimseCommand command, boolean fromRequestor, long timestampNanos) {
        AeTitle destination = command.moveDestination();
        if (command.commandField() != CommandField.C_MOVE_RQ || !fromRequestor || destination == null
                || context.learning(timestampNanos) || context.baseline.isKnownScpTitle(destination.value())) {
            return;
        }
        FindingSeverity severity = facts.requestorOutside ? FindingSeverity.HIGH : FindingSeverity.MEDIUM;
        context.reporter.report(FindingRule.NEW_MOVE_DESTINATION, severity, facts.acceptor(), destination,
                facts.port(), timestampNanos, true, record -> {
                    record.addPeer(facts.requestor().toString());
                    ExposureRules.addTitle(record, facts.calling());
                    record.offerExample(() -> facts.describe("C-MOVE to \"" + destination.value() + "\""));
                });
    }
}
