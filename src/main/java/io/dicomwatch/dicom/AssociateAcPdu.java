package io.dicomwatch.dicom;

import java.util.List;

/**
 * A decoded A-ASSOCIATE-AC PDU (type 0x02, PS3.8 section 9.3.3). Its AE title fields are kept
 * for completeness but not trusted: some stacks leave them blank or swap them.
 */
public record AssociateAcPdu(
        int protocolVersion,
        AeTitle calledAeTitle,
        AeTitle callingAeTitle,
        String applicationContextName,
        List<PresentationContextAc> presentationContexts,
        UserInformation userInformation,
        int malformedItems) {
}
