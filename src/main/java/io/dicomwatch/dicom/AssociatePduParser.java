package io.dicomwatch.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of an A-ASSOCIATE-RQ (PS3.8 section 9.3.2) or A-ASSOCIATE-AC (section 9.3.3),
 * that is the bytes after the 6-byte PDU header. Pure and stateless: it never throws on wire
 * content. Unknown items and sub-items are skipped by length. Items whose lengths overrun their
 * container are counted in {@code malformedItems}. At most
 * {@link UpperLayerLimits#maxPresentationContexts()} presentation contexts are kept and the rest
 * are counted in {@code droppedPresentationContexts}.
 */
public final class AssociatePduParser {
    private static final int CALLED_AE_OFFSET = 4;
    private static final int CALLING_AE_OFFSET = 20;

    private AssociatePduParser() {
    }

    /** Parses an A-ASSOCIATE-RQ body, or returns null when it is shorter than the 68-byte fixed part. */
    public static AssociateRqPdu parseRq(byte[] body, int offset, int length, UpperLayerLimits limits) {
        if (length < PduType.ASSOCIATE_FIXED_LENGTH) {
            return null;
        }
        Variable items = readVariableItems(body, offset, length, true, limits);
        return new AssociateRqPdu(protocolVersion(body, offset), calledAeTitle(body, offset),
                callingAeTitle(body, offset), items.applicationContextName, List.copyOf(items.requestContexts),
                items.userInformation, items.counts.malformedItems, items.counts.droppedPresentationContexts,
                items.counts.droppedTransferSyntaxes);
    }

    /** Parses an A-ASSOCIATE-AC body, or returns null when it is shorter than the 68-byte fixed part. */
    public static AssociateAcPdu parseAc(byte[] body, int offset, int length, UpperLayerLimits limits) {
        if (length < PduType.ASSOCIATE_FIXED_LENGTH) {
            return null;
        }
        Variable items = readVariableItems(body, offset, length, false, limits);
        return new AssociateAcPdu(protocolVersion(body, offset), calledAeTitle(body, offset),
                callingAeTitle(body, offset), items.applicationContextName, List.copyOf(items.acceptContexts),
                items.userInformation, items.counts.malformedItems, items.counts.droppedPresentationContexts);
    }

    private static int protocolVersion(byte[] body, int offset) {
        return (body[offset] & 0xFF) << 8 | (body[offset + 1] & 0xFF);
    }

    private static AeTitle calledAeTitle(byte[] body, int offset) {
        return AeTitle.decode(body, offset + CALLED_AE_OFFSET, AeTitle.FIELD_LENGTH);
    }

    private static AeTitle callingAeTitle(byte[] body, int offset) {
        return AeTitle.decode(body, offset + CALLING_AE_OFFSET, AeTitle.FIELD_LENGTH);
    }

    /** The variable items of one PDU, as collected while walking them. */
    private static final class Variable {
        final ItemReader.Counts counts = new ItemReader.Counts();
        String applicationContextName;
        final List<PresentationContextRq> requestContexts = new ArrayList<>();
        final List<PresentationContextAc> acceptContexts = new ArrayList<>();
        UserInformation userInformation = UserInformation.ABSENT;
        boolean userInformationSeen;
    }

    private static Variable readVariableItems(
            byte[] body, int offset, int length, boolean request, UpperLayerLimits limits) {
        Variable found = new Variable();
        ByteCursor items = new ByteCursor(body, offset + PduType.ASSOCIATE_FIXED_LENGTH,
                length - PduType.ASSOCIATE_FIXED_LENGTH);
        ItemReader.forEach(items, found.counts, (type, value) -> readItem(type, value, request, limits, found));
        return found;
    }

    private static void readItem(int type, ByteCursor value, boolean request, UpperLayerLimits limits, Variable found) {
        switch (type) {
            case ItemType.APPLICATION_CONTEXT -> {
                if (found.applicationContextName == null) {
                    found.applicationContextName = value.uid(value.remaining());
                }
            }
            case ItemType.PRESENTATION_CONTEXT_RQ -> {
                if (request) {
                    addContext(found.requestContexts, PresentationContextParser.parseRq(value, found.counts),
                            limits, found.counts);
                }
            }
            case ItemType.PRESENTATION_CONTEXT_AC -> {
                if (!request) {
                    addContext(found.acceptContexts, PresentationContextParser.parseAc(value, found.counts),
                            limits, found.counts);
                }
            }
            case ItemType.USER_INFORMATION -> {
                UserInformation parsed = UserInformationParser.parse(value, request, limits, found.counts);
                if (!found.userInformationSeen) {
                    found.userInformationSeen = true;
                    found.userInformation = parsed;
                } else {
                    found.userInformation = withUserIdentity(found.userInformation, parsed);
                }
            }
            default -> {
                // PS3.8 section 9.3.2: unknown items are ignored; ItemReader already skipped this one.
            }
        }
    }

    /**
     * Keeps the first User Information item, but takes a user identity from a second one that the
     * first lacks. PS3.8 allows one item, yet dcmtk 3.6.7's storescp accepted two in a test and
     * read the user identity of whichever held one, so a harmless first item must not hide a
     * cleartext passcode in the second.
     */
    private static UserInformation withUserIdentity(UserInformation first, UserInformation second) {
        if ((first.userIdentity() != null || second.userIdentity() == null)
                && (first.userIdentityResponsePresent() || !second.userIdentityResponsePresent())) {
            return first;
        }
        return new UserInformation(first.maximumLength(), first.implementationClassUid(),
                first.implementationVersionName(), first.maxOperationsInvoked(), first.maxOperationsPerformed(),
                first.roleSelections(), first.extendedNegotiations(), first.commonExtendedNegotiations(),
                first.userIdentity() != null ? first.userIdentity() : second.userIdentity(),
                first.userIdentityResponsePresent() || second.userIdentityResponsePresent());
    }

    private static <T> void addContext(List<T> contexts, T context, UpperLayerLimits limits, ItemReader.Counts counts) {
        if (contexts.size() < limits.maxPresentationContexts()) {
            contexts.add(context);
        } else {
            counts.droppedPresentationContexts++;
        }
    }
}
