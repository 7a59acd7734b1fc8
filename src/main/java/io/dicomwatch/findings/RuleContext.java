package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.KnownScpEndpoints;

/** What every rule shares: settings, the baseline, the reporter and the capture clock. */
final class RuleContext {
    final FindingsConfig config;
    final NetworkPolicy policy;
    final Baseline baseline;
    final FindingReporter reporter;
    final KnownScpEndpoints knownScps;
    private long firstTimestamp = Long.MIN_VALUE;

    RuleContext(FindingsConfig config, Baseline baseline, FindingReporter reporter, KnownScpEndpoints knownScps) {
        this.config = config;
        this.policy = config.policy();
        this.baseline = baseline;
        this.reporter = reporter;
        this.knownScps = knownScps;
    }

    void touch(long timestampNanos) {
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = timestampNanos;
        }
    }

    /** Whether rules that judge against the baseline must stay silent because it is still being learned. */
    boolean learning(long timestampNanos) {
        return firstTimestamp != Long.MIN_VALUE && timestampNanos - firstTimestamp < config.learningNanos();
    }

    /** Whether a port is a DICOM port: configured, or where an SCP was seen on this address. */
    boolean isDicomPort(IpAddress address, int port) {
        return config.dicomPorts().contains(port) || knownScps.isKnownScp(address, port);
    }
}
