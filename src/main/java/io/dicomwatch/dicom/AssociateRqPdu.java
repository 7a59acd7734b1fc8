package io.dicomwatch.dicom;

import java.util.List;

/**
 * A decoded A-ASSOCIATE-RQ PDU (type 0x01, PS3.8 section 9.3.2).
 *
 * @param protocolVersion the protocol version bit field; bit 0 set for every published version
 * @param applicationContextName the application context UID, or null when the item is missing
 * @param userInformation the user information item, {@link UserInformation#ABSENT} when missing
 * @param malformedItems items or sub-items skipped because their lengths overran their container,
 *     or because their fixed fields overran the item's own length
 * @param droppedPresentationContexts presentation contexts counted but not kept, beyond
 *     {@link UpperLayerLimits#maxPresentationContexts()}
 * @param droppedTransferSyntaxes transfer syntaxes counted but not kept, beyond 64 in one
 *     presentation context
 */
public record AssociateRqPdu(
        int protocolVersion,
        AeTitle calledAeTitle,
        AeTitle callingAeTitle,
        String applicationContextName,
        List<PresentationContextRq> presentationContexts,
        UserInformation userInformation,
        int malformedItems,
        int droppedPresentationContexts,
        int droppedTransferSyntaxes) {

    /** Creates a PDU from which no presentation context or transfer syntax was dropped. */
    public AssociateRqPdu(
            int protocolVersion,
            AeTitle calledAeTitle,
            AeTitle callingAeTitle,
            String applicationContextName,
            List<PresentationContextRq> presentationContexts,
            UserInformation userInformation,
            int malformedItems) {
        this(protocolVersion, calledAeTitle, callingAeTitle, applicationContextName, presentationContexts,
                userInformation, malformedItems, 0, 0);
    }

    /**
     * Returns the abstract syntax of the first presentation context with this ID, or null when
     * there is none. An A-ASSOCIATE-AC names its contexts by ID alone. The search is linear because
     * requests carry few contexts and a map per acceptance would cost more.
     */
    public String abstractSyntaxOf(int contextId) {
        for (PresentationContextRq context : presentationContexts) {
            if (context.id() == contextId) {
                return context.abstractSyntax();
            }
        }
        return null;
    }
}
