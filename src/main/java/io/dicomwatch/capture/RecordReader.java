package io.dicomwatch.capture;

import java.io.IOException;

/** The record layer of one capture file format, reading frames out of a {@link CaptureInput}. */
interface RecordReader {
    /**
     * Reads the next frame into {@code frame}, pointing its data into the input's buffer.
     *
     * @param number the 1-based frame number to set, also named in error messages
     * @return false at a clean end of the file
     * @throws CaptureFormatException when the file is corrupt or ends inside a record
     */
    boolean next(Frame frame, long number) throws IOException;

    /** Records skipped because their content was invalid while the blocks around them were intact. */
    long skippedRecords();
}
