package io.dicomwatch.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes DICOM Upper Layer PDUs (PS3.8 section 9.3) and DIMSE command sets (PS3.7, implicit VR
 * little endian) byte by byte for tests. Every method returns a new array; combine them with
 * {@link #concat}. Lengths are computed from the content unless a method takes them explicitly,
 * so tests can also write wrong lengths on purpose.
 */
public final class PduBuilder {
    public static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";

    private PduBuilder() {
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns a UID value padded with one NUL to an even length, as PS3.5 section 9.1 requires. */
    public static byte[] uid(String uid) {
        byte[] text = ascii(uid);
        return text.length % 2 == 0 ? text : Arrays.copyOf(text, text.length + 1);
    }

    public static byte[] u16(int value) {
        return bytes(value >>> 8, value);
    }

    public static byte[] u32(long value) {
        return bytes((int) (value >>> 24), (int) (value >>> 16), (int) (value >>> 8), (int) value);
    }

    /** Returns an AE title field: the text padded with spaces to 16 bytes. */
    public static byte[] aeTitle(String title) {
        byte[] field = new byte[AeTitle.FIELD_LENGTH];
        Arrays.fill(field, (byte) ' ');
        byte[] text = ascii(title);
        System.arraycopy(text, 0, field, 0, Math.min(text.length, field.length));
        return field;
    }

    // ---- PDUs ----

    /** PDU type (1), reserved 00 (1), PDU length (4, big endian) = body length, then the body. */
    public static byte[] pdu(int type, byte[] body) {
        return pduWithLength(type, body.length, body);
    }

    /** Writes a PDU whose header states {@code length}, whatever the body contains. */
    public static byte[] pduWithLength(int type, long length, byte[] body) {
        return concat(bytes(type, 0x00), u32(length), body);
    }

    /** A-ASSOCIATE-RQ (type 01) with space-padded AE titles. */
    public static byte[] associateRq(String called, String calling, byte[]... items) {
        return associate(0x01, aeTitle(called), aeTitle(calling), items);
    }

    /**
     * Writes an A-ASSOCIATE-RQ proposing {@code count} storage contexts (IDs 1, 3, 5, ...), each
     * with four transfer syntaxes, and a maximum length of 16384. 128 contexts make about 17 KB.
     */
    public static byte[] associateRqWithContexts(int count) {
        return associateRqWithContexts(count, userInformation(maximumLength(16384), implementationClassUid("1.2.3.4.5")));
    }

    /** A-ASSOCIATE-RQ with {@code count} presentation contexts of four transfer syntaxes each, then {@code userInformation}. */
    public static byte[] associateRqWithContexts(int count, byte[] userInformation) {
        byte[][] items = new byte[count + 2][];
        items[0] = applicationContext();
        for (int i = 0; i < count; i++) {
            items[i + 1] = presentationContextRq((2 * i + 1) & 0xFF, CT_IMAGE_STORAGE + "." + i, EXPLICIT_VR_LE,
                    IMPLICIT_VR_LE, "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70");
        }
        items[count + 1] = userInformation;
        return associateRq("STORESCP", "MODALITY", items);
    }

    /** A-ASSOCIATE-AC (type 02) with space-padded AE titles. */
    public static byte[] associateAc(String called, String calling, byte[]... items) {
        return associate(0x02, aeTitle(called), aeTitle(calling), items);
    }

    /**
     * Protocol version 0001 (2), reserved 0000 (2), called AE (16), calling AE (16), reserved
     * zeros (32), then the variable items.
     */
    public static byte[] associate(int type, byte[] calledField, byte[] callingField, byte[]... items) {
        byte[] fixed = concat(u16(0x0001), u16(0x0000), calledField, callingField, new byte[32]);
        return pdu(type, concat(fixed, concat(items)));
    }

    /** A-ASSOCIATE-RJ (type 03): reserved (1), result (1), source (1), reason/diagnostic (1). */
    public static byte[] associateRj(int result, int source, int reason) {
        return pdu(0x03, bytes(0x00, result, source, reason));
    }

    /** A-RELEASE-RQ (type 05): four reserved bytes. */
    public static byte[] releaseRq() {
        return pdu(0x05, new byte[4]);
    }

    /** A-RELEASE-RP (type 06): four reserved bytes. */
    public static byte[] releaseRp() {
        return pdu(0x06, new byte[4]);
    }

    /** A-ABORT (type 07): reserved (1), reserved (1), source (1), reason/diagnostic (1). */
    public static byte[] abort(int source, int reason) {
        return pdu(0x07, bytes(0x00, 0x00, source, reason));
    }

    /** P-DATA-TF (type 04) holding the given PDV items. */
    public static byte[] pDataTf(byte[]... pdvs) {
        return pdu(0x04, concat(pdvs));
    }

    /**
     * PDV item: item length (4) = fragment length + 2, presentation context ID (1), message
     * control header (1: bit 0 command, bit 1 last fragment), fragment.
     */
    public static byte[] pdv(int contextId, int controlHeader, byte[] fragment) {
        return concat(u32(fragment.length + 2L), bytes(contextId, controlHeader), fragment);
    }

    public static byte[] commandPdv(int contextId, boolean last, byte[] fragment) {
        return pdv(contextId, 0x01 | (last ? 0x02 : 0x00), fragment);
    }

    public static byte[] dataPdv(int contextId, boolean last, byte[] fragment) {
        return pdv(contextId, last ? 0x02 : 0x00, fragment);
    }

    // ---- A-ASSOCIATE items and sub-items ----

    /** Item or sub-item: type (1), reserved 00 (1), length (2, big endian), value. */
    public static byte[] item(int type, byte[] value) {
        return itemWithLength(type, value.length, value);
    }

    public static byte[] itemWithLength(int type, int length, byte[] value) {
        return concat(bytes(type, 0x00), u16(length), value);
    }

    /** Application context item 0x10 with the DICOM application context name. */
    public static byte[] applicationContext() {
        return item(0x10, ascii(APPLICATION_CONTEXT));
    }

    /**
     * Presentation context item 0x20: ID (1), reserved (3), abstract syntax sub-item 0x30,
     * transfer syntax sub-items 0x40.
     */
    public static byte[] presentationContextRq(int id, String abstractSyntax, String... transferSyntaxes) {
        byte[] body = concat(bytes(id, 0, 0, 0), item(0x30, ascii(abstractSyntax)));
        for (String transferSyntax : transferSyntaxes) {
            body = concat(body, item(0x40, ascii(transferSyntax)));
        }
        return item(0x20, body);
    }

    /**
     * Presentation context item 0x21: ID (1), reserved (1), result/reason (1), reserved (1), then
     * a transfer syntax sub-item 0x40 unless {@code transferSyntax} is null.
     */
    public static byte[] presentationContextAc(int id, int result, String transferSyntax) {
        byte[] body = bytes(id, 0, result, 0);
        if (transferSyntax != null) {
            body = concat(body, item(0x40, ascii(transferSyntax)));
        }
        return item(0x21, body);
    }

    /** User information item 0x50 holding sub-items. */
    public static byte[] userInformation(byte[]... subItems) {
        return item(0x50, concat(subItems));
    }

    /** Maximum length sub-item 0x51: maximum length received (4). */
    public static byte[] maximumLength(long maximumLength) {
        return item(0x51, u32(maximumLength));
    }

    /** Implementation class UID sub-item 0x52. */
    public static byte[] implementationClassUid(String uid) {
        return item(0x52, ascii(uid));
    }

    /** Asynchronous operations window sub-item 0x53: invoked (2), performed (2). */
    public static byte[] asynchronousOperationsWindow(int invoked, int performed) {
        return item(0x53, concat(u16(invoked), u16(performed)));
    }

    /** SCP/SCU role selection sub-item 0x54: UID length (2), SOP class UID, SCU role (1), SCP role (1). */
    public static byte[] roleSelection(String sopClassUid, int scuRole, int scpRole) {
        byte[] uid = ascii(sopClassUid);
        return item(0x54, concat(u16(uid.length), uid, bytes(scuRole, scpRole)));
    }

    /** Implementation version name sub-item 0x55, raw bytes. */
    public static byte[] implementationVersionName(byte[] name) {
        return item(0x55, name);
    }

    /**
     * SOP class extended negotiation sub-item 0x56: UID length (2), SOP class UID, then the
     * service class application information with no length of its own.
     */
    public static byte[] extendedNegotiation(String sopClassUid, byte[] applicationInformation) {
        byte[] uid = ascii(sopClassUid);
        return item(0x56, concat(u16(uid.length), uid, applicationInformation));
    }

    /**
     * SOP class common extended negotiation sub-item 0x57: SOP class UID length (2) and UID,
     * service class UID length (2) and UID, related general SOP class identification length (2)
     * followed by (UID length (2), UID) pairs.
     */
    public static byte[] commonExtendedNegotiation(String sopClassUid, String serviceClassUid, String... related) {
        byte[] relatedBytes = new byte[0];
        for (String uid : related) {
            relatedBytes = concat(relatedBytes, u16(uid.length()), ascii(uid));
        }
        byte[] sop = ascii(sopClassUid);
        byte[] service = ascii(serviceClassUid);
        return item(0x57, concat(u16(sop.length), sop, u16(service.length), service, u16(relatedBytes.length),
                relatedBytes));
    }

    /**
     * User identity sub-item 0x58: type (1), positive response requested (1), primary field
     * length (2) and field, secondary field length (2) and field.
     */
    public static byte[] userIdentityRq(int type, boolean positiveResponse, byte[] primary, byte[] secondary) {
        return item(0x58, concat(bytes(type, positiveResponse ? 1 : 0), u16(primary.length), primary,
                u16(secondary.length), secondary));
    }

    /** User identity server response sub-item 0x59: response length (2), response. */
    public static byte[] userIdentityAc(byte[] response) {
        return item(0x59, concat(u16(response.length), response));
    }

    // ---- command sets ----

    /** Starts a command set; {@link CommandSet#bytes()} adds Command Group Length first. */
    public static CommandSet commandSet() {
        return new CommandSet();
    }

    /** A command set in implicit VR little endian: tag group (2), element (2), length (4), value. */
    public static final class CommandSet {
        private final ByteArrayOutputStream elements = new ByteArrayOutputStream();
        private boolean groupLength = true;

        /** Adds an element of group 0000 with a raw value. */
        public CommandSet element(int element, byte[] value) {
            return elementWithLength(element, value.length, value);
        }

        public CommandSet elementWithLength(int element, long length, byte[] value) {
            elements.writeBytes(le16(0x0000));
            elements.writeBytes(le16(element));
            elements.writeBytes(le32(length));
            elements.writeBytes(value);
            return this;
        }

        /** Adds an element of any group, to build sets that are not command sets. */
        public CommandSet foreignElement(int group, int element, byte[] value) {
            elements.writeBytes(le16(group));
            elements.writeBytes(le16(element));
            elements.writeBytes(le32(value.length));
            elements.writeBytes(value);
            return this;
        }

        public CommandSet us(int element, int value) {
            return element(element, le16(value));
        }

        public CommandSet uid(int element, String uid) {
            return element(element, PduBuilder.uid(uid));
        }

        public CommandSet text(int element, String text) {
            byte[] value = ascii(text);
            return element(element, value.length % 2 == 0 ? value : concat(value, ascii(" ")));
        }

        public CommandSet withoutGroupLength() {
            groupLength = false;
            return this;
        }

        /** Returns the set, led by (0000,0000) UL with the length of the elements after it. */
        public byte[] bytes() {
            byte[] body = elements.toByteArray();
            if (!groupLength) {
                return body;
            }
            return concat(le16(0x0000), le16(0x0000), le32(4), le32(body.length), body);
        }
    }

    public static byte[] le16(int value) {
        return bytes(value, value >>> 8);
    }

    public static byte[] le32(long value) {
        return bytes((int) value, (int) (value >>> 8), (int) (value >>> 16), (int) (value >>> 24));
    }

    /** Writes a C-ECHO-RQ command set: Affected SOP Class UID, Command Field 0030, Message ID, no data set. */
    public static byte[] echoRq(int messageId) {
        return commandSet().uid(0x0002, VERIFICATION).us(0x0100, 0x0030).us(0x0110, messageId)
                .us(0x0800, 0x0101).bytes();
    }

    /** Writes a C-STORE-RQ command set for a CT image, with a data set following. */
    public static byte[] storeRq(int messageId, String sopInstanceUid) {
        return commandSet().uid(0x0002, CT_IMAGE_STORAGE).us(0x0100, 0x0001).us(0x0110, messageId)
                .us(0x0700, 0x0000).us(0x0800, 0x0000).uid(0x1000, sopInstanceUid).bytes();
    }

    /** Writes a C-STORE-RSP command set with the given status. */
    public static byte[] storeRsp(int messageId, int status, String sopInstanceUid) {
        return commandSet().uid(0x0002, CT_IMAGE_STORAGE).us(0x0100, 0x8001).us(0x0120, messageId)
                .us(0x0800, 0x0101).us(0x0900, status).uid(0x1000, sopInstanceUid).bytes();
    }
}
