package io.dicomwatch.dicom;

/**
 * An SCP/SCU role selection sub-item (0x54, PS3.7 Annex D.3.3.4).
 *
 * @param scuRole 1 when the sender proposes or accepts the SCU role
 * @param scpRole 1 when the sender proposes or accepts the SCP role
 */
public record RoleSelection(String sopClassUid, int scuRole, int scpRole) {
}
