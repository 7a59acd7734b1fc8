package io.dicomwatch.findings;

import io.dicomwatch.dicom.AssociateRjPdu;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.QueryShape;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.List;

/**
 * One or more related findings rules. The engine calls every rule for every event, in capture
 * order, on the pipeline thread; a rule overrides the events it needs. Rules keep bounded state.
 */
interface Rule {
    /**
     * Seeds the rule's threshold state from the inventory loaded at start, with {@code --merge} or
     * by the sensor, so that a restart continues where the last run stopped. The engine calls it
     * once, before any event. Seeded state obeys the same caps as state built from events.
     */
    default void seed(Inventory loaded) {
    }

    default void onRequested(AssociationFacts facts, long timestampNanos) {
    }

    default void onMidStream(AssociationFacts facts, long timestampNanos) {
    }

    default void onAccepted(AssociationFacts facts, long timestampNanos) {
    }

    default void onRejected(AssociationFacts facts, AssociateRjPdu reject, long timestampNanos) {
    }

    default void onCommand(AssociationFacts facts, DimseCommand command, boolean fromRequestor, long timestampNanos) {
    }

    default void onQueryIdentifier(AssociationFacts facts, DimseCommand request, List<QueryShape> keys,
            long timestampNanos) {
    }

    default void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType,
            long timestampNanos) {
    }

    default void onNonDicomConnection(TcpConnection connection, long timestampNanos) {
    }

    /** Called once at the end of a replay, after every connection closed. */
    default void finish(long timestampNanos) {
    }
}
