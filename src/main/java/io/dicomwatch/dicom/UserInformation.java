package io.dicomwatch.dicom;

import java.util.List;

/**
 * The user information item (0x50) of an A-ASSOCIATE-RQ or -AC with its sub-items. A field is
 * null when its sub-item was absent.
 *
 * @param maximumLength maximum length received (0x51); 0 means no limit
 * @param implementationVersionName escaped like an AE title because it is free text of up to 16
 *     bytes that some stacks fill with non-ASCII bytes
 * @param maxOperationsInvoked asynchronous operations window (0x53); 0 means unlimited
 * @param userIdentityResponsePresent whether a user identity server response (0x59) was present,
 *     in an A-ASSOCIATE-AC only; its content is never read
 */
public record UserInformation(
        Long maximumLength,
        String implementationClassUid,
        String implementationVersionName,
        Integer maxOperationsInvoked,
        Integer maxOperationsPerformed,
        List<RoleSelection> roleSelections,
        List<SopClassExtendedNegotiation> extendedNegotiations,
        List<SopClassCommonExtendedNegotiation> commonExtendedNegotiations,
        UserIdentityRq userIdentity,
        boolean userIdentityResponsePresent) {

    public static final UserInformation ABSENT =
            new UserInformation(null, null, null, null, null, List.of(), List.of(), List.of(), null, false);
}
