package io.dicomwatch.dicom;

/**
 * The shape of one key of a query identifier (the data set of a C-FIND, C-MOVE or C-GET request),
 * judged without keeping its value: a broad query shows as keys that are all empty or wildcards.
 *
 * @param tag the element tag, group in the high 16 bits
 * @param length the value length in bytes, or -1 for a sequence of undefined length
 * @param empty whether the value is empty, only padding, or for a sequence, whether no key inside
 *     it constrains the match
 * @param wildcardOnly whether the value is only the wildcards {@code *} and {@code ?} with padding,
 *     which matches everything (PS3.4 section C.2.2.2.4)
 */
public record QueryShape(int tag, long length, boolean empty, boolean wildcardOnly) {
    /** Returns whether the key restricts the match: neither empty nor wildcards only. */
    public boolean constrains() {
        return !empty && !wildcardOnly;
    }
}
