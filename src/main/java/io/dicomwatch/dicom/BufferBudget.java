package io.dicomwatch.dicom;

/**
 * Bytes that the PDU buffers of all connections may hold together: A-ASSOCIATE bodies, command
 * sets and query identifiers that arrive in several segments. Each buffer is also bounded by its
 * own maximum, but a flood of connections that each leave a large A-ASSOCIATE-RQ unfinished would
 * otherwise hold the sum of those maxima. A buffer that the budget rejects growing stops at what
 * it contains, and the decoder treats the PDU as cut. Not thread-safe, like the trackers that
 * share it.
 */
final class BufferBudget {
    private final long limit;
    private final DicomStats stats;
    private long used;

    /** @param stats where rejections and the peak are counted */
    BufferBudget(long limit, DicomStats stats) {
        this.limit = limit;
        this.stats = stats;
    }

    /** Returns a budget without a limit, for a decoder used on its own. */
    static BufferBudget unlimited() {
        return new BufferBudget(Long.MAX_VALUE, new DicomStats());
    }

    /** Takes {@code bytes} from the budget. Returns false, and takes nothing, when they would pass the limit. */
    boolean reserve(long bytes) {
        if (bytes > limit - used) {
            stats.pduBufferRejections++;
            return false;
        }
        used += bytes;
        stats.peakPduBufferBytes = Math.max(stats.peakPduBufferBytes, used);
        return true;
    }

    void release(long bytes) {
        used -= bytes;
    }

    /** Returns the bytes held now. */
    long used() {
        return used;
    }
}
