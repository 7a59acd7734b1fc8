package io.dicomwatch.dicom;

import io.dicomwatch.tcp.ConnectionListener;
import io.dicomwatch.tcp.StreamListener;
import io.dicomwatch.tcp.TcpConnection;

/** Gives every new TCP connection a {@link DicomConnectionTracker}. */
public final class DicomConnectionListener implements ConnectionListener {
    private final AssociationListener listener;
    private final KnownScpEndpoints knownScps;
    private final DicomTrackingConfig config;
    private final DicomStats stats = new DicomStats();
    private final BufferBudget budget;

    public DicomConnectionListener(AssociationListener listener, KnownScpEndpoints knownScps,
            DicomTrackingConfig config) {
        this.listener = listener;
        this.knownScps = knownScps;
        this.config = config;
        this.budget = new BufferBudget(config.maxBufferedPduBytes(), stats);
    }

    @Override
    public StreamListener onConnectionOpened(TcpConnection connection, long timestampNanos) {
        return new DicomConnectionTracker(connection, listener, knownScps, config, stats, budget);
    }

    public DicomStats stats() {
        return stats;
    }
}
