package io.dicomwatch.dicom;

/** The category of a DIMSE Status (0000,0900) value, following PS3.7 Annex C. */
public enum StatusCategory {
    SUCCESS,
    WARNING,
    FAILURE,
    PENDING,
    CANCEL;

    /** Returns the category of {@code status}; values PS3.7 leaves unassigned count as failures. */
    public static StatusCategory of(int status) {
        if (status == 0x0000) {
            return SUCCESS;
        }
        if (status == 0xFF00 || status == 0xFF01) {
            return PENDING;
        }
        if (status == 0xFE00) {
            return CANCEL;
        }
        if (status == 0x0001 || status == 0x0107 || status == 0x0116 || (status & 0xF000) == 0xB000) {
            return WARNING;
        }
        return FAILURE;
    }

    /** Returns the lower-case key used in exported status maps. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
