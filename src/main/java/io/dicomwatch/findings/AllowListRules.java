package io.dicomwatch.findings;

import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.inventory.FindingSeverity;
import java.util.List;

/**
 * Peers outside a service's allow-list. A requestor passes when any allow-list that covers the
 * service approves it; services without an allow-list are not judged.
 */
final class AllowListRules implements Rule {
    private final RuleContext context;

    AllowListRules(RuleContext context) {
        this.context = context;
    }

    private boolean violates(AssociationFacts facts) {
        List<AllowList> lists = context.policy.allowListsFor(facts.acceptor(), facts.port(), facts.called());
        if (lists.isEmpty()) {
            return false;
        }
        for (AllowList list : lists) {
            if (list.approves(facts.requestor(), facts.calling())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onRequested(AssociationFacts facts, long timestampNanos) {
        observe(facts, timestampNanos);
    }

    @Override
    public void onMidStream(AssociationFacts facts, long timestampNanos) {
        observe(facts, timestampNanos);
    }

    /**
     * Returns the called title when an allow-list named the service by it, else null: a title that
     * no list names is the requestor's choice and must not multiply findings.
     */
    private AeTitle serviceTitle(AssociationFacts facts) {
        for (AllowList list : context.policy.allowListsFor(facts.acceptor(), facts.port(), facts.called())) {
            if (list.serviceAeTitle() != null) {
                return facts.called();
            }
        }
        return null;
    }

    private void observe(AssociationFacts facts, long timestampNanos) {
        if (!violates(facts)) {
            return;
        }
        context.reporter.report(FindingRule.PEER_NOT_ALLOWED, FindingSeverity.MEDIUM, facts.acceptor(),
                serviceTitle(facts), facts.port(), timestampNanos, true, record -> {
                    record.addPeer(facts.requestor().toString());
                    ExposureRules.addTitle(record, facts.calling());
                    record.addCounter("requested", 1);
                    record.offerExample(() -> facts.describe("requested"));
                });
    }

    @Override
    public void onAccepted(AssociationFacts facts, long timestampNanos) {
        if (violates(facts)) {
            context.reporter.report(FindingRule.PEER_NOT_ALLOWED, FindingSeverity.HIGH, facts.acceptor(),
                    serviceTitle(facts), facts.port(), timestampNanos, false, record -> record.addCounter("accepted", 1));
        }
    }
}
