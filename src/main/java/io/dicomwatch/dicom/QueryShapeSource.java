package io.dicomwatch.dicom;

import java.util.List;

/**
 * Turns the bytes of a query identifier into {@link QueryShape}s. The tracker uses
 * {@link QueryIdentifierReader} unless another reader is plugged in through this interface.
 */
public interface QueryShapeSource {
    /**
     * Returns a reader for one identifier in {@code transferSyntaxUid}, or null when that transfer
     * syntax cannot be read (deflated, or unknown).
     */
    Reader open(String transferSyntaxUid);

    /** Collects one identifier's bytes, fragment by fragment. */
    interface Reader {
        void feed(byte[] data, int offset, int length);

        /** Returns the keys found, in order; empty when the bytes were cut off or malformed. */
        List<QueryShape> finish();
    }
}
