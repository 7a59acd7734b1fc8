package io.dicomwatch.dicom;

/** Ways a byte stream departs from PS3.8; each is counted, and the decoder resynchronises. */
public enum UpperLayerAnomaly {
    /** A PDU type the standard does not define. */
    UNKNOWN_PDU_TYPE,
    /** A PDU length too small for its type, or not 4 for a fixed-size PDU. */
    INVALID_PDU_LENGTH,
    /** An A-ASSOCIATE-RQ or -AC longer than the configured maximum; it was skipped, not buffered. */
    ASSOCIATE_PDU_TOO_LARGE,
    /** An item or sub-item whose length overruns its container; skipped to the container's end. */
    ITEM_OVERRUN,
    /** A PDV item whose length is under 2 or overruns its P-DATA-TF PDU. */
    INVALID_PDV_LENGTH,
    /** A command set that is not valid implicit VR little endian or lacks a Command Field. */
    MALFORMED_COMMAND_SET,
    /** A command set longer than the configured maximum; skipped, not buffered. */
    COMMAND_SET_TOO_LARGE,
    /** A PDU that is not valid where it appears, such as an A-ASSOCIATE-RQ that is not well-formed. */
    MALFORMED_PDU
}
