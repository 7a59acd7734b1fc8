package io.dicomwatch.dicom;

/**
 * The allow-list of data set elements that the sensor may read. Every tag not listed here is
 * skipped by length, unread: patient, study, operator and every other attribute.
 *
 * <ul>
 *   <li>{@link TagClass#EXPORT}: equipment attributes of the General Equipment and General
 *       Series modules (PS3.3 C.7.5.1, C.7.3.1), decoded to text and exported;
 *   <li>{@link TagClass#HASH_ONLY}: Study Instance UID, whose bytes go to a keyed hash to count
 *       studies and are never decoded to text;
 *   <li>{@link TagClass#CHARACTER_SET}: Specific Character Set, read to decode the exported text;
 *   <li>{@link TagClass#SKIP}: everything else.
 * </ul>
 * Keys of a query identifier are judged by shape only, by {@link QueryIdentifierReader}.
 */
public final class TagPolicy {
    /** Treatment class of a data set element. */
    public enum TagClass { EXPORT, HASH_ONLY, CHARACTER_SET, SKIP }

    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int MODALITY = 0x00080060;
    public static final int MANUFACTURER = 0x00080070;
    public static final int INSTITUTION_NAME = 0x00080080;
    public static final int STATION_NAME = 0x00081010;
    public static final int INSTITUTIONAL_DEPARTMENT_NAME = 0x00081040;
    public static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    public static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    public static final int SOFTWARE_VERSIONS = 0x00181020;
    public static final int STUDY_INSTANCE_UID = 0x0020000D;

    /** The highest tag read; a top-level element past it ends the read of an object's data set. */
    public static final int LAST_TAG = STUDY_INSTANCE_UID;

    private TagPolicy() {
    }

    /** Returns the class of a top-level element of a stored object's data set. */
    public static TagClass classify(int tag) {
        return switch (tag) {
            case MODALITY, MANUFACTURER, INSTITUTION_NAME, STATION_NAME, INSTITUTIONAL_DEPARTMENT_NAME,
                    MANUFACTURER_MODEL_NAME, DEVICE_SERIAL_NUMBER, SOFTWARE_VERSIONS -> TagClass.EXPORT;
            case STUDY_INSTANCE_UID -> TagClass.HASH_ONLY;
            case SPECIFIC_CHARACTER_SET -> TagClass.CHARACTER_SET;
            default -> TagClass.SKIP;
        };
    }
}
