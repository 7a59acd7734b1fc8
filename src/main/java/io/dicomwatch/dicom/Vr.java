package io.dicomwatch.dicom;

/**
 * Value Representations of explicit VR encodings (PS3.5 section 6.2, table 7.1-1 and 7.1-2),
 * looked up from their two header bytes without allocating.
 */
final class Vr {
    private static final String KNOWN = "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV "
            + "TM UC UI UL UN UR US UT UV";
    /** VRs whose explicit header has two reserved bytes and a 32-bit length (PS3.5 table 7.1-1). */
    private static final String LONG = "OB OD OF OL OV OW SQ SV UC UN UR UT UV";
    /** VRs that may have an undefined length: sequences, encapsulated pixel data and UN (PS3.5 7.1.2). */
    private static final String UNDEFINED_ALLOWED = "OB OW SQ UN";

    private Vr() {
    }

    static boolean isKnown(byte first, byte second) {
        return contains(KNOWN, first, second);
    }

    static boolean hasLongLength(byte first, byte second) {
        return contains(LONG, first, second);
    }

    static boolean mayHaveUndefinedLength(byte first, byte second) {
        return contains(UNDEFINED_ALLOWED, first, second);
    }

    static boolean isUnknown(byte first, byte second) {
        return first == 'U' && second == 'N';
    }

    private static boolean contains(String list, byte first, byte second) {
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return false;
        }
        for (int i = 0; i + 1 < list.length(); i += 3) {
            if (list.charAt(i) == first && list.charAt(i + 1) == second) {
                return true;
            }
        }
        return false;
    }
}
