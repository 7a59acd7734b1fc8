package io.dicomwatch.dicom;

/**
 * Item and sub-item types of A-ASSOCIATE-RQ and -AC (PS3.8 sections 9.3.2 and 9.3.3, PS3.7 Annex D).
 * Every item and sub-item starts with type (1 byte), reserved (1 byte) and length (2 bytes, big
 * endian).
 */
final class ItemType {
    static final int APPLICATION_CONTEXT = 0x10;
    static final int PRESENTATION_CONTEXT_RQ = 0x20;
    static final int PRESENTATION_CONTEXT_AC = 0x21;
    static final int ABSTRACT_SYNTAX = 0x30;
    static final int TRANSFER_SYNTAX = 0x40;
    static final int USER_INFORMATION = 0x50;
    static final int MAXIMUM_LENGTH = 0x51;
    static final int IMPLEMENTATION_CLASS_UID = 0x52;
    static final int ASYNCHRONOUS_OPERATIONS_WINDOW = 0x53;
    static final int ROLE_SELECTION = 0x54;
    static final int IMPLEMENTATION_VERSION_NAME = 0x55;
    static final int SOP_CLASS_EXTENDED_NEGOTIATION = 0x56;
    static final int SOP_CLASS_COMMON_EXTENDED_NEGOTIATION = 0x57;
    static final int USER_IDENTITY_RQ = 0x58;
    static final int USER_IDENTITY_AC = 0x59;

    static final int HEADER_LENGTH = 4;

    private ItemType() {
    }
}
