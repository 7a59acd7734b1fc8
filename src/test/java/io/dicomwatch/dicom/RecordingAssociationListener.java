package io.dicomwatch.dicom;

import java.util.ArrayList;
import java.util.List;

/** Records association events as short strings, such as "requested CALLING>CALLED". */
class RecordingAssociationListener implements AssociationListener {
    final List<String> events = new ArrayList<>();
    final List<ObservedAssociation> associations = new ArrayList<>();
    final List<DimseCommand> matchedRequests = new ArrayList<>();
    long bytesFromRequestor;
    long bytesFromAcceptor;

    @Override
    public void onRequested(ObservedAssociation association, long timestampNanos) {
        associations.add(association);
        events.add("requested " + association.callingAeTitle() + ">" + association.calledAeTitle());
    }

    @Override
    public void onMidStreamDetected(ObservedAssociation association, long timestampNanos) {
        associations.add(association);
        events.add("midStream " + association.requestorAddress() + ">" + association.acceptorAddress() + ":"
                + association.acceptorPort());
    }

    @Override
    public void onAccepted(ObservedAssociation association, long timestampNanos) {
        events.add("accepted");
    }

    @Override
    public void onRejected(ObservedAssociation association, AssociateRjPdu reject, long timestampNanos) {
        events.add("rejected " + reject.reasonName());
    }

    @Override
    public void onCommand(ObservedAssociation association, DimseCommand command, boolean fromRequestor,
            DimseCommand matchedRequest, long timestampNanos) {
        matchedRequests.add(matchedRequest);
        events.add(CommandField.name(command.commandField()) + (fromRequestor ? " from requestor" : " from acceptor"));
    }

    @Override
    public void onBytes(ObservedAssociation association, boolean fromRequestor, long bytes, long timestampNanos) {
        if (fromRequestor) {
            bytesFromRequestor += bytes;
        } else {
            bytesFromAcceptor += bytes;
        }
    }

    @Override
    public void onEnded(ObservedAssociation association, AssociationEnd end, AbortPdu abort, long timestampNanos) {
        events.add("ended " + end);
    }
}
