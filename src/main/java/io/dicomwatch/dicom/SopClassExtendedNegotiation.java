package io.dicomwatch.dicom;

/**
 * A SOP class extended negotiation sub-item (0x56, PS3.7 Annex D.3.3.5). The service class
 * application information has no length of its own: it runs to the end of the sub-item.
 *
 * @param applicationInformationHex the application information in hex, at most 64 bytes of it
 * @param applicationInformationLength the full length of the application information in bytes
 */
public record SopClassExtendedNegotiation(
        String sopClassUid, String applicationInformationHex, int applicationInformationLength) {
}
