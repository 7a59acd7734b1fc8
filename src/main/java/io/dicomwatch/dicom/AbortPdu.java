package io.dicomwatch.dicom;

/**
 * A decoded A-ABORT PDU (type 0x07, PS3.8 section 9.3.8).
 *
 * @param source 0 service user, 2 service provider
 * @param reason for a provider abort: 0 not specified, 1 unrecognized PDU, 2 unexpected PDU,
 *     4 unrecognized PDU parameter, 5 unexpected PDU parameter, 6 invalid PDU parameter value
 */
public record AbortPdu(int source, int reason) {
}
