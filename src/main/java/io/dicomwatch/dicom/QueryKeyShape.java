package io.dicomwatch.dicom;

/**
 * The shape of one top-level query key of a C-FIND request identifier (PS3.4 C.2.2): never its
 * value. A later findings stage uses it, for example to flag universal patient queries.
 *
 * @param tag the element tag, group in the high 16 bits
 * @param length the value length in bytes, or -1 for an undefined-length sequence
 * @param empty true when the value is zero length or only padding (universal matching)
 * @param wildcardOnly true when the value holds only the wildcards {@code *} and {@code ?} and
 *     padding, with at least one wildcard
 */
public record QueryKeyShape(int tag, long length, boolean empty, boolean wildcardOnly) {
}
