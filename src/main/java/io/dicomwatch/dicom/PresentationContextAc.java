package io.dicomwatch.dicom;

/**
 * A presentation context item of an A-ASSOCIATE-AC (item type 0x21, PS3.8 section 9.3.3.2).
 *
 * @param id presentation context ID, matching one of the request
 * @param result 0 acceptance, 1 user-rejection, 2 no-reason, 3 abstract syntax not supported,
 *     4 transfer syntaxes not supported
 * @param transferSyntax the transfer syntax accepted, or null when absent (allowed when rejected)
 */
public record PresentationContextAc(int id, int result, String transferSyntax) {
    public static final int ACCEPTANCE = 0;

    public boolean accepted() {
        return result == ACCEPTANCE;
    }

    /** Returns the PS3.8 name of a presentation context result, or "unknown (N)". */
    public static String resultName(int result) {
        return switch (result) {
            case 0 -> "acceptance";
            case 1 -> "user-rejection";
            case 2 -> "no-reason";
            case 3 -> "abstract-syntax-not-supported";
            case 4 -> "transfer-syntaxes-not-supported";
            default -> "unknown (" + result + ")";
        };
    }
}
