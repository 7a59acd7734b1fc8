package io.dicomwatch.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The equipment attributes read from the start of one stored object's data set, and its Study
 * Instance UID as bytes. One instance is reused for every data set of a direction, so a
 * listener must copy what it keeps before its callback returns. The Study Instance UID is never
 * decoded to a {@code String}: a listener may only hash its bytes.
 */
public final class StoredObjectSummary {
    /** Longest UI value, PS3.5 table 6.2-1. */
    static final int MAX_UID_LENGTH = 64;

    private final byte[] studyInstanceUid = new byte[MAX_UID_LENGTH];
    private int studyInstanceUidLength;
    private String modality;
    private String manufacturer;
    private String manufacturerModelName;
    private String stationName;
    private String softwareVersions;
    private String deviceSerialNumber;
    private String institutionName;
    private String institutionalDepartmentName;
    private Charset charset = StandardCharsets.ISO_8859_1;
    private DataSetReader.Outcome outcome;
    private DataSetEncoding encoding;

    void clear() {
        Arrays.fill(studyInstanceUid, (byte) 0);
        studyInstanceUidLength = 0;
        modality = null;
        manufacturer = null;
        manufacturerModelName = null;
        stationName = null;
        softwareVersions = null;
        deviceSerialNumber = null;
        institutionName = null;
        institutionalDepartmentName = null;
        charset = StandardCharsets.ISO_8859_1;
        outcome = null;
        encoding = null;
    }

    /** Stores one value that {@link TagPolicy} allows; other tags are ignored. */
    void accept(int tag, byte[] value, int offset, int length) {
        switch (TagPolicy.classify(tag)) {
            case CHARACTER_SET -> charset = SpecificCharacterSets.charset(text(value, offset, length,
                    StandardCharsets.US_ASCII));
            case HASH_ONLY -> storeStudyInstanceUid(value, offset, length);
            case EXPORT -> storeText(tag, text(value, offset, length, charset));
            case SKIP -> {
                // Not on the allow-list: never stored.
            }
        }
    }

    private void storeStudyInstanceUid(byte[] value, int offset, int length) {
        int trimmed = length;
        while (trimmed > 0 && (value[offset + trimmed - 1] == 0 || value[offset + trimmed - 1] == ' ')) {
            trimmed--;
        }
        if (trimmed == 0 || trimmed > MAX_UID_LENGTH) {
            return;
        }
        System.arraycopy(value, offset, studyInstanceUid, 0, trimmed);
        studyInstanceUidLength = trimmed;
    }

    private void storeText(int tag, String text) {
        switch (tag) {
            case TagPolicy.MODALITY -> modality = text;
            case TagPolicy.MANUFACTURER -> manufacturer = text;
            case TagPolicy.MANUFACTURER_MODEL_NAME -> manufacturerModelName = text;
            case TagPolicy.STATION_NAME -> stationName = text;
            case TagPolicy.SOFTWARE_VERSIONS -> softwareVersions = text;
            case TagPolicy.DEVICE_SERIAL_NUMBER -> deviceSerialNumber = text;
            case TagPolicy.INSTITUTION_NAME -> institutionName = text;
            case TagPolicy.INSTITUTIONAL_DEPARTMENT_NAME -> institutionalDepartmentName = text;
            default -> {
                // classify() returns EXPORT only for the tags above.
            }
        }
    }

    /**
     * Decodes a text value: leading and trailing spaces and trailing NULs removed (PS3.5 section
     * 6.2), control characters other than the backslash separator replaced by U+FFFD. Returns
     * null when nothing is left.
     */
    private static String text(byte[] value, int offset, int length, Charset charset) {
        int start = offset;
        int end = offset + length;
        while (end > start && (value[end - 1] == 0 || value[end - 1] == ' ')) {
            end--;
        }
        while (start < end && value[start] == ' ') {
            start++;
        }
        if (start == end) {
            return null;
        }
        String decoded = new String(value, start, end - start, charset);
        StringBuilder clean = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            clean.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        return clean.toString();
    }

    void finish(DataSetReader.Outcome outcome, DataSetEncoding encoding) {
        this.outcome = outcome;
        this.encoding = encoding;
    }

    public String modality() {
        return modality;
    }

    public String manufacturer() {
        return manufacturer;
    }

    public String manufacturerModelName() {
        return manufacturerModelName;
    }

    public String stationName() {
        return stationName;
    }

    /** Software Versions (0018,1020), values separated by backslashes as on the wire. */
    public String softwareVersions() {
        return softwareVersions;
    }

    public String deviceSerialNumber() {
        return deviceSerialNumber;
    }

    public String institutionName() {
        return institutionName;
    }

    public String institutionalDepartmentName() {
        return institutionalDepartmentName;
    }

    /** Returns whether any equipment attribute was found. */
    public boolean hasEquipment() {
        return modality != null || manufacturer != null || manufacturerModelName != null || stationName != null
                || softwareVersions != null || deviceSerialNumber != null || institutionName != null
                || institutionalDepartmentName != null;
    }

    /** Bytes of the Study Instance UID, padding removed; valid up to {@link #studyInstanceUidLength()}. */
    public byte[] studyInstanceUidBytes() {
        return studyInstanceUid;
    }

    /** Length of the Study Instance UID, 0 when the data set had none. */
    public int studyInstanceUidLength() {
        return studyInstanceUidLength;
    }

    public DataSetReader.Outcome outcome() {
        return outcome;
    }

    /** Returns the encoding the data set was read with, inferred when the negotiation was not seen. */
    public DataSetEncoding encoding() {
        return encoding;
    }
}
