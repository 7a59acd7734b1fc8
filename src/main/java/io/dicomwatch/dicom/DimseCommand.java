package io.dicomwatch.dicom;

/**
 * The elements of a DIMSE command set (PS3.7 section 9.3 and 10.3) that the sensor uses. A field
 * is null when its element was absent. Error Comment (0000,0902) is never read, because it is
 * free text that may contain patient data.
 *
 * @param commandField (0000,0100); see {@link CommandField}
 * @param affectedSopInstanceUid (0000,1000), used to pair operations, never exported
 * @param commandDataSetType (0000,0800); 0x0101 means no data set follows
 * @param moveDestination (0000,0600) of a C-MOVE-RQ
 */
public record DimseCommand(
        int commandField,
        String affectedSopClassUid,
        String requestedSopClassUid,
        Integer messageId,
        Integer messageIdBeingRespondedTo,
        Integer status,
        Integer commandDataSetType,
        String affectedSopInstanceUid,
        AeTitle moveDestination,
        Integer priority,
        Integer remainingSubOperations,
        Integer completedSubOperations,
        Integer failedSubOperations,
        Integer warningSubOperations,
        Integer actionTypeId,
        Integer eventTypeId) {

    public static final int NO_DATA_SET = 0x0101;

    public boolean isResponse() {
        return (commandField & CommandField.RESPONSE_BIT) != 0;
    }

    public boolean hasDataSet() {
        return commandDataSetType != null && commandDataSetType != NO_DATA_SET;
    }

    /** Returns the SOP class UID the command is about: affected, else requested, else null. */
    public String sopClassUid() {
        return affectedSopClassUid != null ? affectedSopClassUid : requestedSopClassUid;
    }
}
