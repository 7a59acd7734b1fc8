package io.dicomwatch.dicom;

import io.dicomwatch.tcp.Direction;

/** The evidence rules that decide when bytes are DICOM, kept apart so each can be tested alone. */
final class AssociationChecks {
    /** UIDs are at most 64 characters of digits and dots (PS3.5 section 9.1). */
    private static final int MAX_UID_LENGTH = 64;

    private AssociationChecks() {
    }

    /**
     * Returns whether an A-ASSOCIATE-RQ is well-formed enough to start an association: protocol
     * version bit 0 set, an application context name that is a valid UID, and at least one
     * presentation context with an abstract syntax.
     */
    static boolean isWellFormed(AssociateRqPdu pdu) {
        if ((pdu.protocolVersion() & 1) == 0 || !isUid(pdu.applicationContextName())) {
            return false;
        }
        for (PresentationContextRq context : pdu.presentationContexts()) {
            if (isUid(context.abstractSyntax())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether the decoded start of an A-ASSOCIATE-RQ, cut at the length limit or by a
     * loss in the capture, is well-formed: protocol version bit 0 set and a valid application
     * context name. Its presentation contexts may lie beyond the cut, and padding must not hide
     * its AE titles.
     */
    static boolean isWellFormedPrefix(AssociateRqPdu pdu) {
        return (pdu.protocolVersion() & 1) != 0 && isUid(pdu.applicationContextName());
    }

    /** Returns whether an A-ASSOCIATE-AC is well-formed: version bit, application context, a result item. */
    static boolean isWellFormed(AssociateAcPdu pdu) {
        return (pdu.protocolVersion() & 1) != 0
                && isUid(pdu.applicationContextName())
                && !pdu.presentationContexts().isEmpty();
    }

    /**
     * Returns whether a command set found mid-stream is plausible DICOM: a Command Field that
     * PS3.7 defines, a Message ID on requests, and on responses a Message ID Being Responded To
     * and a Status.
     */
    static boolean isPlausible(DimseCommand command) {
        if (CommandField.name(command.commandField()) == null) {
            return false;
        }
        if (!command.isResponse()) {
            return command.messageId() != null || command.commandField() == CommandField.C_CANCEL_RQ;
        }
        return command.messageIdBeingRespondedTo() != null && command.status() != null;
    }

    /**
     * Infers the requestor's direction from a command seen mid-stream. Most request types are sent
     * only by the association requestor (the SCU); N-EVENT-REPORT is sent by the SCP; C-STORE is
     * ambiguous because a C-GET SCP sends C-STORE requests back, so it keeps the TCP client guess.
     */
    static Direction requestorDirection(Direction commandDirection, DimseCommand command) {
        int requestField = command.commandField() & 0x7FFF;
        Boolean sentByRequestor = switch (requestField) {
            case CommandField.C_ECHO_RQ, CommandField.C_FIND_RQ, CommandField.C_MOVE_RQ, CommandField.C_GET_RQ,
                    CommandField.N_GET_RQ, CommandField.N_SET_RQ, CommandField.N_ACTION_RQ,
                    CommandField.N_CREATE_RQ, CommandField.N_DELETE_RQ, CommandField.C_CANCEL_RQ -> Boolean.TRUE;
            case CommandField.N_EVENT_REPORT_RQ -> Boolean.FALSE;
            default -> null;
        };
        if (sentByRequestor == null) {
            return Direction.CLIENT_TO_SERVER;
        }
        boolean senderIsRequestor = command.isResponse() != sentByRequestor;
        return senderIsRequestor ? commandDirection : commandDirection.opposite();
    }

    static boolean isUid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_UID_LENGTH) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }
}
