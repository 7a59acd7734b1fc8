package io.dicomwatch.dicom;

import java.util.List;

/**
 * A presentation context item of an A-ASSOCIATE-RQ (item type 0x20, PS3.8 section 9.3.2.2).
 *
 * @param id presentation context ID, odd from 1 to 255 in a valid request
 * @param abstractSyntax the SOP class UID proposed, or null when the sub-item is missing
 * @param transferSyntaxes the transfer syntax UIDs proposed, in wire order
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {
}
