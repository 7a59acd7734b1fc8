package io.dicomwatch.dicom;

import java.util.List;

/**
 * A decoded A-ASSOCIATE-AC PDU (type 0x02, PS3.8 section 9.3.3). Its AE title fields are kept
 * for completeness but not trusted: some stacks leave them blank or swap them.
 *
 * @param malformedItems as in {@link AssociateRqPdu}
 * @param droppedPresentationContexts as in {@link AssociateRqPdu}
 */
public record AssociateAcPdu(
        int protocolVersion,
        AeTitle calledAeTitle,
        AeTitle callingAeTitle,
        String applicationContextName,
        List<PresentationContextAc> presentationContexts,
        UserInformation userInformation,
        int malformedItems,
        int droppedPresentationContexts) {

    /** Creates a PDU from which no presentation context was dropped. */
    public AssociateAcPdu(
            int protocolVersion,
            AeTitle calledAeTitle,
            AeTitle callingAeTitle,
            String applicationContextName,
            List<PresentationContextAc> presentationContexts,
            UserInformation userInformation,
            int malformedItems) {
        this(protocolVersion, calledAeTitle, callingAeTitle, applicationContextName, presentationContexts,
                userInformation, malformedItems, 0);
    }
}
