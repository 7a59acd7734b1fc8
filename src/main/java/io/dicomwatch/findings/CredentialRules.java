package io.dicomwatch.findings;

import io.dicomwatch.dicom.UserIdentityRq;
import io.dicomwatch.inventory.FindingSeverity;

/**
 * User identity negotiation in cleartext. Every association the decoder reads is cleartext, so a
 * username, passcode, Kerberos ticket, SAML assertion or JWT in it can be read or replayed by anyone
 * on the path. The finding names only the identity type and whether a username was present;
 * neither username nor secret is read into it.
 */
final class CredentialRules implements Rule {
    private final RuleContext context;

    CredentialRules(RuleContext context) {
        this.context = context;
    }

    @Override
    public void onRequested(AssociationFacts facts, long timestampNanos) {
        UserIdentityRq identity = facts.association.userIdentity();
        if (identity == null) {
            return;
        }
        FindingSeverity severity = identity.type() == 2 ? FindingSeverity.HIGH : FindingSeverity.MEDIUM;
        if (facts.crossesBoundary()) {
            severity = FindingSeverity.values()[Math.min(severity.ordinal() + 1, FindingSeverity.CRITICAL.ordinal())];
        }
        String type = UserIdentityRq.typeName(identity.type());
        context.reporter.report(FindingRule.CLEARTEXT_USER_IDENTITY, severity, facts.acceptor(), null,
                facts.port(), timestampNanos, true, record -> {
                    record.addPeer(facts.requestor().toString());
                    ExposureRules.addTitle(record, facts.called());
                    record.addCounter(type, 1);
                    if (identity.usernamePresent()) {
                        record.addCounter("withUsername", 1);
                    }
                    if (identity.type() == 2 && identity.secondaryFieldLength() > 0) {
                        record.addCounter("withPasscode", 1);
                    }
                    record.offerExample(() -> facts.describe("user identity " + type));
                });
    }
}
