package io.dicomwatch.dicom;

/**
 * Parses a DIMSE command set (PS3.7 sections 9.3 and 10.3). Command sets are always encoded in
 * implicit VR little endian and contain only group 0000 elements: tag group (2), tag element (2),
 * value length (4), value. Pure and stateless.
 *
 * <p>A set is rejected (null is returned) when an element header or value overruns the set, an
 * element is outside group 0000, a length is undefined (0xFFFFFFFF), a value of a fixed-size
 * element (US, UL) has the wrong size, or Command Field (0000,0100) is missing.
 *
 * <p>Command Group Length (0000,0000) is not required and its value is not compared with the set
 * length. PS3.7 makes it mandatory and toolkits send it first. Still, every element here is
 * bounds-checked on its own, so a missing or wrong group length leaves the other elements
 * readable, and a passive sensor gains nothing by dropping a command it can read. If present, it
 * must be a 4-byte UL.
 *
 * <p>Elements out of ascending tag order are tolerated; when a tag repeats, its first value wins.
 * Free text (Error Comment (0000,0902) and any other element not listed here) is skipped by
 * length and never read.
 */
public final class CommandSetParser {
    static final int COMMAND_GROUP_LENGTH = 0x0000;
    static final int AFFECTED_SOP_CLASS_UID = 0x0002;
    static final int REQUESTED_SOP_CLASS_UID = 0x0003;
    static final int COMMAND_FIELD = 0x0100;
    static final int MESSAGE_ID = 0x0110;
    static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x0120;
    static final int MOVE_DESTINATION = 0x0600;
    static final int PRIORITY = 0x0700;
    static final int COMMAND_DATA_SET_TYPE = 0x0800;
    static final int STATUS = 0x0900;
    static final int AFFECTED_SOP_INSTANCE_UID = 0x1000;
    static final int EVENT_TYPE_ID = 0x1002;
    static final int ACTION_TYPE_ID = 0x1008;
    static final int NUMBER_OF_REMAINING_SUB_OPERATIONS = 0x1020;
    static final int NUMBER_OF_COMPLETED_SUB_OPERATIONS = 0x1021;
    static final int NUMBER_OF_FAILED_SUB_OPERATIONS = 0x1022;
    static final int NUMBER_OF_WARNING_SUB_OPERATIONS = 0x1023;

    private static final int COMMAND_GROUP = 0x0000;
    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    private static final int US_LENGTH = 2;
    private static final int UL_LENGTH = 4;

    private CommandSetParser() {
    }

    /** Parses {@code length} bytes of a command set, or returns null when it is malformed. */
    public static DimseCommand parse(byte[] data, int offset, int length) {
        ByteCursor set = new ByteCursor(data, offset, length);
        Fields fields = new Fields();
        try {
            while (set.remaining() > 0) {
                if (!readElement(set, fields)) {
                    return null;
                }
            }
        } catch (ByteCursor.TruncatedException e) {
            return null;
        }
        return fields.build();
    }

    /** Element values as they are found; null while absent. */
    private static final class Fields {
        Integer commandField;
        String affectedSopClassUid;
        String requestedSopClassUid;
        Integer messageId;
        Integer messageIdBeingRespondedTo;
        AeTitle moveDestination;
        Integer priority;
        Integer commandDataSetType;
        Integer status;
        String affectedSopInstanceUid;
        Integer eventTypeId;
        Integer actionTypeId;
        Integer remaining;
        Integer completed;
        Integer failed;
        Integer warning;

        DimseCommand build() {
            if (commandField == null) {
                return null;
            }
            return new DimseCommand(commandField, affectedSopClassUid, requestedSopClassUid, messageId,
                    messageIdBeingRespondedTo, status, commandDataSetType, affectedSopInstanceUid, moveDestination,
                    priority, remaining, completed, failed, warning, actionTypeId, eventTypeId);
        }
    }

    private static boolean readElement(ByteCursor set, Fields fields) {
        int group = set.u16Le();
        int element = set.u16Le();
        long length = set.u32Le();
        if (group != COMMAND_GROUP || length == UNDEFINED_LENGTH || !set.has(length)) {
            return false;
        }
        ByteCursor value = set.slice(length);
        return switch (element) {
            case COMMAND_GROUP_LENGTH -> length == UL_LENGTH;
            case AFFECTED_SOP_CLASS_UID -> {
                fields.affectedSopClassUid = first(fields.affectedSopClassUid, value.uid(length));
                yield true;
            }
            case REQUESTED_SOP_CLASS_UID -> {
                fields.requestedSopClassUid = first(fields.requestedSopClassUid, value.uid(length));
                yield true;
            }
            case AFFECTED_SOP_INSTANCE_UID -> {
                fields.affectedSopInstanceUid = first(fields.affectedSopInstanceUid, value.uid(length));
                yield true;
            }
            case MOVE_DESTINATION -> {
                AeTitle destination = AeTitle.decode(value.array(), value.position(), (int) length);
                fields.moveDestination = first(fields.moveDestination, destination);
                yield true;
            }
            default -> readUnsignedShort(element, value, fields);
        };
    }

    /** Reads a US element this parser uses; skips any other element. Returns false on a wrong size. */
    private static boolean readUnsignedShort(int element, ByteCursor value, Fields fields) {
        if (!isUnsignedShort(element)) {
            return true;
        }
        if (value.remaining() != US_LENGTH) {
            return false;
        }
        Integer number = value.u16Le();
        switch (element) {
            case COMMAND_FIELD -> fields.commandField = first(fields.commandField, number);
            case MESSAGE_ID -> fields.messageId = first(fields.messageId, number);
            case MESSAGE_ID_BEING_RESPONDED_TO ->
                    fields.messageIdBeingRespondedTo = first(fields.messageIdBeingRespondedTo, number);
            case PRIORITY -> fields.priority = first(fields.priority, number);
            case COMMAND_DATA_SET_TYPE -> fields.commandDataSetType = first(fields.commandDataSetType, number);
            case STATUS -> fields.status = first(fields.status, number);
            case EVENT_TYPE_ID -> fields.eventTypeId = first(fields.eventTypeId, number);
            case ACTION_TYPE_ID -> fields.actionTypeId = first(fields.actionTypeId, number);
            case NUMBER_OF_REMAINING_SUB_OPERATIONS -> fields.remaining = first(fields.remaining, number);
            case NUMBER_OF_COMPLETED_SUB_OPERATIONS -> fields.completed = first(fields.completed, number);
            case NUMBER_OF_FAILED_SUB_OPERATIONS -> fields.failed = first(fields.failed, number);
            default -> fields.warning = first(fields.warning, number);
        }
        return true;
    }

    private static boolean isUnsignedShort(int element) {
        return switch (element) {
            case COMMAND_FIELD, MESSAGE_ID, MESSAGE_ID_BEING_RESPONDED_TO, PRIORITY, COMMAND_DATA_SET_TYPE, STATUS,
                    EVENT_TYPE_ID, ACTION_TYPE_ID, NUMBER_OF_REMAINING_SUB_OPERATIONS,
                    NUMBER_OF_COMPLETED_SUB_OPERATIONS, NUMBER_OF_FAILED_SUB_OPERATIONS,
                    NUMBER_OF_WARNING_SUB_OPERATIONS -> true;
            default -> false;
        };
    }

    private static <T> T first(T current, T candidate) {
        return current != null ? current : candidate;
    }
}
