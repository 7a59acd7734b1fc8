package io.dicomwatch.dicom;

/**
 * Element encoding of a data set (PS3.5 section 7.1 and Annex A).
 */
public enum DataSetEncoding {
    IMPLICIT_LITTLE,
    EXPLICIT_LITTLE,
    EXPLICIT_BIG,
    /** Deflated explicit VR little endian (PS3.5 A.5): the bytes must be inflated first. */
    DEFLATED_EXPLICIT_LITTLE,
    /** Not known from the negotiation: inferred from the first element header. */
    UNKNOWN;

    private static final String PREFIX = "1.2.840.10008.1.2.";

    /**
     * Returns the encoding of the data set header for a transfer syntax UID, or {@link #UNKNOWN}
     * for null and private transfer syntaxes. Every standard transfer syntax other than implicit
     * VR little endian, explicit VR big endian and the deflated ones encodes its data set header
     * in explicit VR little endian, encapsulated or compressed pixel data included (PS3.5 A.4).
     */
    public static DataSetEncoding of(String transferSyntaxUid) {
        if (transferSyntaxUid == null) {
            return UNKNOWN;
        }
        return switch (transferSyntaxUid) {
            case "1.2.840.10008.1.2" -> IMPLICIT_LITTLE;
            case "1.2.840.10008.1.2.1" -> EXPLICIT_LITTLE;
            case "1.2.840.10008.1.2.2" -> EXPLICIT_BIG;
            // Deflated Explicit VR Little Endian, JPIP Referenced Deflate, JPIP HTJ2K Referenced Deflate.
            case "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.95", "1.2.840.10008.1.2.4.205" ->
                    DEFLATED_EXPLICIT_LITTLE;
            default -> transferSyntaxUid.startsWith(PREFIX) && !transferSyntaxUid.startsWith(PREFIX + "6.")
                    ? EXPLICIT_LITTLE
                    : UNKNOWN;
        };
    }
}
