package io.dicomwatch.inventory;

/** DICOM role of an application entity in the associations seen (PS3.7 section D.3.3.4). */
public enum Role {
    /** Service class user: the AE that requested associations. */
    SCU,
    /** Service class provider: the AE that accepted associations on a listening port. */
    SCP
}
