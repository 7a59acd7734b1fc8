package io.dicomwatch.dicom;

import java.util.List;

/** A SOP class common extended negotiation sub-item (0x57, PS3.7 Annex D.3.3.6). */
public record SopClassCommonExtendedNegotiation(
        String sopClassUid, String serviceClassUid, List<String> relatedGeneralSopClassUids) {
}
