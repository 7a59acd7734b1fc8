package io.dicomwatch.dicom;

/** PDU type codes and header layout of the DICOM Upper Layer protocol (PS3.8 section 9.3.1). */
final class PduType {
    static final int ASSOCIATE_RQ = 0x01;
    static final int ASSOCIATE_AC = 0x02;
    static final int ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int RELEASE_RQ = 0x05;
    static final int RELEASE_RP = 0x06;
    static final int ABORT = 0x07;

    /** PDU type (1 byte), reserved (1 byte), PDU length (4 bytes, big endian). */
    static final int HEADER_LENGTH = 6;
    /**
     * Fixed part of an A-ASSOCIATE-RQ or -AC after the header: protocol version (2), reserved (2),
     * called AE title (16), calling AE title (16), reserved (32).
     */
    static final int ASSOCIATE_FIXED_LENGTH = 68;
    /** Body length of A-ASSOCIATE-RJ, A-RELEASE-RQ, A-RELEASE-RP and A-ABORT. */
    static final int FIXED_BODY_LENGTH = 4;
    /** PDV item header: item length (4), presentation context ID (1), message control header (1). */
    static final int PDV_HEADER_LENGTH = 6;
    /** The part of a PDV item length that precedes the fragment: context ID and control header. */
    static final int PDV_PREFIX_LENGTH = 2;
    /** Message control header bit 0: the fragment is part of a command set, not a data set. */
    static final int MCH_COMMAND = 0x01;
    /** Message control header bit 1: the fragment is the last one of its command set or data set. */
    static final int MCH_LAST_FRAGMENT = 0x02;

    private PduType() {
    }
}
