package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.dicom.AssociateRjPdu;
import io.dicomwatch.inventory.AssociationKey;
import io.dicomwatch.inventory.AssociationRecord;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingSeverity;
import io.dicomwatch.inventory.Inventory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Probing seen in associations: AE title guessing, verification-only probes from hosts that are
 * not established nodes with a calling title outside the called SCP's baseline, scanner-shaped
 * requests, and SCPs that accept calling titles outside their baseline. Per-source and per-SCP
 * sets stop growing at {@value #MAX_TITLES} titles and the maps at {@value #MAX_TRACKED} keys.
 *
 * <p>{@link #seed} fills both sets from the loaded inventory. Rejected titles come from the reject
 * reasons of its association rows. An accepted calling title counts when it is still outside the
 * SCP's baseline, or when a raised {@code scp.accepts-any-calling-ae} finding lists it. A title
 * that exchanged data after it was counted has joined the baseline, so after a restart it counts
 * only if that finding lists it.
 */
final class ScanRules implements Rule {
    private static final int MAX_TITLES = 1024;
    private static final int MAX_TRACKED = 65_536;
    private static final int CALLING_NOT_RECOGNIZED = 3;
    private static final int CALLED_NOT_RECOGNIZED = 7;
    /** Reject reasons as association rows name them, for A-ASSOCIATE-RJ source 1 (service user). */
    private static final String CALLING_REJECTION = new AssociateRjPdu(1, 1, CALLING_NOT_RECOGNIZED).reasonName();
    private static final String CALLED_REJECTION = new AssociateRjPdu(1, 1, CALLED_NOT_RECOGNIZED).reasonName();

    private final RuleContext context;
    private final Map<IpAddress, Set<String>> rejectedTitlesBySource = new HashMap<>();
    private final Map<Baseline.Endpoint, Set<String>> unknownAcceptedTitles = new HashMap<>();

    ScanRules(RuleContext context) {
        this.context = context;
    }

    @Override
    public void seed(Inventory loaded) {
        for (AssociationRecord row : loaded.associations()) {
            AssociationKey key = row.key();
            if (row.rejectReasons(CALLED_REJECTION) > 0) {
                addTitle(rejectedTitlesBySource, key.clientIp(), rejectionKey(true, key.calledAeTitle()));
            }
            if (row.rejectReasons(CALLING_REJECTION) > 0) {
                addTitle(rejectedTitlesBySource, key.clientIp(), rejectionKey(false, key.callingAeTitle()));
            }
            AeTitle calling = key.callingAeTitle();
            if (row.accepted() > 0 && calling != null
                    && !context.baseline.isKnownCallingTitle(key.serverIp(), key.serverPort(), calling.value())) {
                addTitle(unknownAcceptedTitles, new Baseline.Endpoint(key.serverIp(), key.serverPort()),
                        calling.value());
            }
        }
        for (FindingRecord finding : loaded.findings().sorted()) {
            if (finding.ruleId().equals(FindingRule.ACCEPTS_ANY_CALLING_AE.id()) && finding.port() != null) {
                Baseline.Endpoint scp = new Baseline.Endpoint(finding.asset(), finding.port());
                finding.aeTitles().forEach(title -> addTitle(unknownAcceptedTitles, scp, title));
            }
        }
    }

    /**
     * Adds {@code title} to the set of {@code key} within the caps and returns the set, or null
     * when the map is full.
     */
    private static <K> Set<String> addTitle(Map<K, Set<String>> map, K key, String title) {
        Set<String> titles = trackedSet(map, key);
        if (titles != null && titles.size() < MAX_TITLES) {
            titles.add(title);
        }
        return titles;
    }

    /** Returns the key of a rejected title: which title was rejected, and its value. */
    private static String rejectionKey(boolean called, AeTitle title) {
        return (called ? "called:" : "calling:") + (title == null ? "" : title.value());
    }

    @Override
    public void onRequested(AssociationFacts facts, long timestampNanos) {
        if (!facts.verificationOnly) {
            return;
        }
        checkScannerShape(facts, timestampNanos);
        if (!context.learning(timestampNanos) && !context.baseline.isEstablished(facts.requestor())
                && !isBaselineCaller(facts)) {
            FindingSeverity severity = facts.requestorOutside ? FindingSeverity.MEDIUM : FindingSeverity.LOW;
            context.reporter.report(FindingRule.VERIFICATION_PROBE, severity, facts.requestor(), null, null,
                    timestampNanos, true, record -> {
                        record.addPeer(AssociationFacts.endpoint(facts.acceptor(), facts.port()));
                        ExposureRules.addTitle(record, facts.calling());
                        record.offerExample(() -> facts.describe("Verification only"));
                    });
        }
    }

    /**
     * Returns whether the calling title is in the baseline of the SCP it calls. A modality whose
     * address changed (DHCP) keeps its title and tests the connection with a C-ECHO first. A
     * scanner would have to know a title that this SCP accepted for data.
     */
    private boolean isBaselineCaller(AssociationFacts facts) {
        AeTitle calling = facts.calling();
        return calling != null && context.baseline.isKnownCallingTitle(facts.acceptor(), facts.port(), calling.value());
    }

    private void checkScannerShape(AssociationFacts facts, long timestampNanos) {
        boolean genericCalling = isScannerTitle(facts.calling());
        boolean genericCalled = isScannerTitle(facts.called());
        if (!genericCalling && !genericCalled) {
            return;
        }
        FindingSeverity severity = genericCalling && genericCalled ? FindingSeverity.MEDIUM : FindingSeverity.LOW;
        if (facts.requestorOutside) {
            severity = FindingSeverity.HIGH;
        }
        context.reporter.report(FindingRule.SCANNER_SIGNATURE, severity, facts.requestor(), null, null,
                timestampNanos, true, record -> {
                    record.addPeer(AssociationFacts.endpoint(facts.acceptor(), facts.port()));
                    ExposureRules.addTitle(record, facts.calling());
                    ExposureRules.addTitle(record, facts.called());
                    record.offerExample(() -> facts.describe("Verification only"));
                });
    }

    private boolean isScannerTitle(AeTitle title) {
        return title != null && context.config.scannerAeTitles().contains(title.value());
    }

    @Override
    public void onRejected(AssociationFacts facts, AssociateRjPdu reject, long timestampNanos) {
        boolean callingRejected = reject.source() == 1 && reject.reason() == CALLING_NOT_RECOGNIZED;
        boolean calledRejected = reject.source() == 1 && reject.reason() == CALLED_NOT_RECOGNIZED;
        if (!callingRejected && !calledRejected) {
            return;
        }
        Set<String> titles = trackedSet(rejectedTitlesBySource, facts.requestor());
        AeTitle guessed = calledRejected ? facts.called() : facts.calling();
        String key = rejectionKey(calledRejected, guessed);
        if (titles == null || (titles.size() >= MAX_TITLES && !titles.contains(key))) {
            return;
        }
        titles.add(key);
        context.reporter.reportAtThreshold(titles.size() >= context.config.aeGuessMinTitles(),
                FindingRule.AE_TITLE_GUESSING, FindingSeverity.HIGH, facts.requestor(), null, null, timestampNanos,
                record -> {
                    record.addPeer(AssociationFacts.endpoint(facts.acceptor(), facts.port()));
                    ExposureRules.addTitle(record, guessed);
                    record.addCounter(calledRejected ? "calledTitleRejections" : "callingTitleRejections", 1);
                    record.maxCounter("distinctTitlesRejected", titles.size());
                    record.offerExample(() -> facts.describe("rejected: " + reject.reasonName()));
                });
    }

    @Override
    public void onAccepted(AssociationFacts facts, long timestampNanos) {
        AeTitle calling = facts.calling();
        if (calling == null || context.learning(timestampNanos)
                || context.baseline.isKnownCallingTitle(facts.acceptor(), facts.port(), calling.value())) {
            return;
        }
        Set<String> titles = addTitle(unknownAcceptedTitles, new Baseline.Endpoint(facts.acceptor(), facts.port()),
                calling.value());
        if (titles == null) {
            return;
        }
        boolean scannerTitle = isScannerTitle(calling);
        FindingSeverity severity = scannerTitle && facts.requestorOutside ? FindingSeverity.HIGH
                : FindingSeverity.MEDIUM;
        context.reporter.reportAtThreshold(scannerTitle || titles.size() >= context.config.acceptAnyMinTitles(),
                FindingRule.ACCEPTS_ANY_CALLING_AE, severity, facts.acceptor(), null, facts.port(), timestampNanos,
                record -> {
                    record.addPeer(facts.requestor().toString());
                    record.addAeTitle(calling.value());
                    record.maxCounter("distinctUnknownTitlesAccepted", titles.size());
                    if (scannerTitle) {
                        record.addCounter("scannerTitlesAccepted", 1);
                    }
                    record.offerExample(() -> facts.describe("accepted"));
                });
    }

    private static <K> Set<String> trackedSet(Map<K, Set<String>> map, K key) {
        Set<String> set = map.get(key);
        if (set == null && map.size() < MAX_TRACKED) {
            set = new HashSet<>();
            map.put(key, set);
        }
        return set;
    }
}
