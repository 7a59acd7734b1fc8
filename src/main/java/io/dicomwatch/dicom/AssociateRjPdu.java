package io.dicomwatch.dicom;

/**
 * A decoded A-ASSOCIATE-RJ PDU (type 0x03, PS3.8 section 9.3.4).
 *
 * @param result 1 rejected-permanent, 2 rejected-transient
 * @param source 1 service user, 2 service provider (ACSE), 3 service provider (presentation)
 * @param reason meaning depends on the source; see {@link #reasonName()}
 */
public record AssociateRjPdu(int result, int source, int reason) {

    /** Returns a stable key such as "called-AE-title-not-recognized" for export. */
    public String reasonName() {
        String name = switch (source) {
            case 1 -> switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "application-context-name-not-supported";
                case 3 -> "calling-AE-title-not-recognized";
                case 7 -> "called-AE-title-not-recognized";
                default -> null;
            };
            case 2 -> switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "protocol-version-not-supported";
                default -> null;
            };
            case 3 -> switch (reason) {
                case 1 -> "temporary-congestion";
                case 2 -> "local-limit-exceeded";
                default -> null;
            };
            default -> null;
        };
        return name != null ? name : "source-" + source + "-reason-" + reason;
    }
}
