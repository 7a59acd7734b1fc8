package io.dicomwatch.dicom;

import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.List;

/**
 * Passes every event to several listeners in order, so the inventory builder and the findings
 * engine observe the same associations without knowing each other. {@link ObservedAssociation#listenerState}
 * belongs to the first listener; later ones must keep their own state.
 */
public final class CompositeAssociationListener implements AssociationListener {
    private final List<AssociationListener> listeners;

    public CompositeAssociationListener(List<AssociationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onRequested(ObservedAssociation association, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onRequested(association, timestampNanos);
        }
    }

    @Override
    public void onMidStreamDetected(ObservedAssociation association, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onMidStreamDetected(association, timestampNanos);
        }
    }

    @Override
    public void onAccepted(ObservedAssociation association, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onAccepted(association, timestampNanos);
        }
    }

    @Override
    public void onRejected(ObservedAssociation association, AssociateRjPdu reject, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onRejected(association, reject, timestampNanos);
        }
    }

    @Override
    public void onCommand(ObservedAssociation association, DimseCommand command, boolean fromRequestor,
            DimseCommand matchedRequest, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onCommand(association, command, fromRequestor, matchedRequest, timestampNanos);
        }
    }

    @Override
    public void onBytes(ObservedAssociation association, boolean fromRequestor, long bytes, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onBytes(association, fromRequestor, bytes, timestampNanos);
        }
    }

    @Override
    public void onEnded(ObservedAssociation association, AssociationEnd end, AbortPdu abort, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onEnded(association, end, abort, timestampNanos);
        }
    }

    @Override
    public void onDicomConnectionClosed(TcpConnection connection, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onDicomConnectionClosed(connection, timestampNanos);
        }
    }

    @Override
    public void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType,
            long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onTlsHandshake(connection, direction, handshakeType, timestampNanos);
        }
    }

    @Override
    public void onNonDicomConnectionClosed(TcpConnection connection, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onNonDicomConnectionClosed(connection, timestampNanos);
        }
    }

    @Override
    public void onQueryIdentifier(ObservedAssociation association, DimseCommand request, List<QueryShape> keys,
            long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onQueryIdentifier(association, request, keys, timestampNanos);
        }
    }

    @Override
    public void onStoredObject(ObservedAssociation association, DimseCommand request, boolean fromRequestor,
            StoredObjectSummary summary, long timestampNanos) {
        for (AssociationListener listener : listeners) {
            listener.onStoredObject(association, request, fromRequestor, summary, timestampNanos);
        }
    }
}
