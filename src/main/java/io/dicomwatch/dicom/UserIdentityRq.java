package io.dicomwatch.dicom;

/**
 * The user identity negotiation sub-item of a request (0x58, PS3.7 Annex D.3.3.7), without its
 * secrets: the passcode, Kerberos ticket, SAML assertion or JWT is never read into memory.
 *
 * @param type 1 username, 2 username and passcode, 3 Kerberos, 4 SAML, 5 JWT
 * @param positiveResponseRequested whether the requestor asked for a server response
 * @param usernamePresent whether a non-empty username was sent (types 1 and 2)
 * @param username the username, or null unless the decoder was configured to keep it
 * @param primaryFieldLength length in bytes of the primary field
 * @param secondaryFieldLength length in bytes of the secondary field (the passcode for type 2)
 */
public record UserIdentityRq(
        int type,
        boolean positiveResponseRequested,
        boolean usernamePresent,
        String username,
        int primaryFieldLength,
        int secondaryFieldLength) {

    /** Returns the PS3.7 name of a user identity type, or "unknown (N)". */
    public static String typeName(int type) {
        return switch (type) {
            case 1 -> "USERNAME";
            case 2 -> "USERNAME_AND_PASSCODE";
            case 3 -> "KERBEROS";
            case 4 -> "SAML";
            case 5 -> "JWT";
            default -> "unknown (" + type + ")";
        };
    }
}
