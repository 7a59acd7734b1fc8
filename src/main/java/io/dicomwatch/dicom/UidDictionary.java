package io.dicomwatch.dicom;

/** PLACEHOLDER: names of well-known UIDs. */
public final class UidDictionary {
    private UidDictionary() {
    }

    public static String name(String uid) {
        return null;
    }
}
