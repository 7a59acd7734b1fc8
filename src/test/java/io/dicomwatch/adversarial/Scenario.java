package io.dicomwatch.adversarial;

/** The hostile captures that {@link AdversarialCaptures} writes, each with one legitimate association mixed in. */
public enum Scenario {
    /** PDU and PDV lengths near 2^32, A-ASSOCIATE lengths over every limit, items overrunning their PDU. */
    HUGE_LENGTHS,
    /** Well-framed A-ASSOCIATE-RQs whose items are nested wrongly or have zero length, each from a new address. */
    BAD_NESTING,
    /** Accepted associations whose P-DATA-TF announces a PDV of almost 4 GiB, left open, and one endless stream. */
    ENDLESS_PDV,
    /** SYNs and SYN+ACKs that nothing follows. */
    HALF_OPEN,
    /** Connections that each send the first byte of an A-ASSOCIATE-RQ and then nothing, half of them mid-stream. */
    ONE_BYTE,
    /** Connections that each send the first 32 KiB of a 1,000,000-byte A-ASSOCIATE-RQ and then nothing. */
    UNFINISHED_REQUEST,
    /** A-ASSOCIATE-RQs sent out of order, with overlapping copies whose bytes conflict. */
    OVERLAP_CONFLICT,
    /**
     * Accepted associations whose P-DATA-TF announces a PDV of almost 4 GiB, followed by 4,095
     * one-byte segments in reverse sequence order behind a hole of one byte.
     */
    REVERSE_SEGMENTS,
    /** Complete associations whose timestamps jump back by up to an hour and forward by up to a day. */
    TIME_BACKWARDS,
    /** Complete associations, then a record header announcing more bytes than the file holds. */
    TRUNCATED
}
