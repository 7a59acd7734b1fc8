package io.dicomwatch.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the user information item 0x50 and its sub-items (PS3.8 Annex D, PS3.7 Annex D.3.3).
 * The first occurrence of a single-valued sub-item wins. Lists of role selections and extended
 * negotiations keep at most {@link UpperLayerLimits#maxPresentationContexts()} entries each.
 *
 * <p>Secrets are never copied: the passcode of a user identity request and the Kerberos ticket,
 * SAML assertion or JWT of types 3 to 5 are skipped by length, and the server response of a user
 * identity acceptance (0x59) is only noted as present.
 */
final class UserInformationParser {
    private static final int USERNAME = 1;
    private static final int USERNAME_AND_PASSCODE = 2;

    private UserInformationParser() {
    }

    /** Sub-item values as they are found. */
    private static final class Fields {
        Long maximumLength;
        String implementationClassUid;
        String implementationVersionName;
        Integer maxOperationsInvoked;
        Integer maxOperationsPerformed;
        final List<RoleSelection> roleSelections = new ArrayList<>();
        final List<SopClassExtendedNegotiation> extendedNegotiations = new ArrayList<>();
        final List<SopClassCommonExtendedNegotiation> commonExtendedNegotiations = new ArrayList<>();
        UserIdentityRq userIdentity;
        boolean userIdentityResponsePresent;

        UserInformation build() {
            return new UserInformation(maximumLength, implementationClassUid, implementationVersionName,
                    maxOperationsInvoked, maxOperationsPerformed, List.copyOf(roleSelections),
                    List.copyOf(extendedNegotiations), List.copyOf(commonExtendedNegotiations), userIdentity,
                    userIdentityResponsePresent);
        }
    }

    static UserInformation parse(ByteCursor item, boolean request, UpperLayerLimits limits, ItemReader.Counts counts) {
        Fields fields = new Fields();
        ItemReader.forEach(item, counts, (type, value) -> readSubItem(type, value, request, limits, fields));
        return fields.build();
    }

    private static void readSubItem(
            int type, ByteCursor value, boolean request, UpperLayerLimits limits, Fields fields) {
        int maxEntries = limits.maxPresentationContexts();
        switch (type) {
            case ItemType.MAXIMUM_LENGTH -> {
                long maximumLength = value.u32();
                if (fields.maximumLength == null) {
                    fields.maximumLength = maximumLength;
                }
            }
            case ItemType.IMPLEMENTATION_CLASS_UID -> {
                if (fields.implementationClassUid == null) {
                    fields.implementationClassUid = value.uid(value.remaining());
                }
            }
            case ItemType.ASYNCHRONOUS_OPERATIONS_WINDOW -> readAsynchronousOperationsWindow(value, fields);
            case ItemType.ROLE_SELECTION -> addBounded(fields.roleSelections, readRoleSelection(value), maxEntries);
            case ItemType.IMPLEMENTATION_VERSION_NAME -> {
                if (fields.implementationVersionName == null) {
                    fields.implementationVersionName =
                            AeTitle.decode(value.array(), value.position(), value.remaining()).value();
                }
            }
            case ItemType.SOP_CLASS_EXTENDED_NEGOTIATION ->
                    addBounded(fields.extendedNegotiations, readExtendedNegotiation(value), maxEntries);
            case ItemType.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION ->
                    addBounded(fields.commonExtendedNegotiations, readCommonExtendedNegotiation(value, maxEntries),
                            maxEntries);
            case ItemType.USER_IDENTITY_RQ -> {
                if (request && fields.userIdentity == null) {
                    fields.userIdentity = readUserIdentity(value, limits.keepUsername());
                }
            }
            case ItemType.USER_IDENTITY_AC -> {
                if (!request) {
                    fields.userIdentityResponsePresent = true;
                }
            }
            default -> {
                // Unknown sub-items are ignored; ItemReader already skipped this one.
            }
        }
    }

    private static <T> void addBounded(List<T> list, T entry, int maxEntries) {
        if (list.size() < maxEntries) {
            list.add(entry);
        }
    }

    /** Maximum number operations invoked (2), maximum number operations performed (2). */
    private static void readAsynchronousOperationsWindow(ByteCursor value, Fields fields) {
        int invoked = value.u16();
        int performed = value.u16();
        if (fields.maxOperationsInvoked == null) {
            fields.maxOperationsInvoked = invoked;
            fields.maxOperationsPerformed = performed;
        }
    }

    /** UID length (2), SOP class UID, SCU role (1), SCP role (1). */
    private static RoleSelection readRoleSelection(ByteCursor value) {
        String sopClassUid = value.uid(value.u16());
        int scuRole = value.u8();
        int scpRole = value.u8();
        return new RoleSelection(sopClassUid, scuRole, scpRole);
    }

    /** UID length (2), SOP class UID, then service class application information to the end. */
    private static SopClassExtendedNegotiation readExtendedNegotiation(ByteCursor value) {
        String sopClassUid = value.uid(value.u16());
        int length = value.remaining();
        String hex = WireText.hex(value.array(), value.position(), length);
        value.skipRest();
        return new SopClassExtendedNegotiation(sopClassUid, hex, length);
    }

    /**
     * SOP class UID length (2) and UID, service class UID length (2) and UID, related general SOP
     * class identification length (2) followed by that many bytes of (UID length (2), UID) pairs,
     * then reserved bytes to the end.
     */
    private static SopClassCommonExtendedNegotiation readCommonExtendedNegotiation(ByteCursor value, int maxEntries) {
        String sopClassUid = value.uid(value.u16());
        String serviceClassUid = value.uid(value.u16());
        ByteCursor related = value.slice(value.u16());
        List<String> relatedUids = new ArrayList<>();
        while (related.remaining() > 0) {
            String uid = related.uid(related.u16());
            if (relatedUids.size() < maxEntries) {
                relatedUids.add(uid);
            }
        }
        value.skipRest();
        return new SopClassCommonExtendedNegotiation(sopClassUid, serviceClassUid, List.copyOf(relatedUids));
    }

    /**
     * User identity type (1), positive response requested (1), primary field length (2) and
     * field, secondary field length (2) and field. The username (primary field of types 1 and 2)
     * is copied only when {@code keepUsername}; every other field is skipped unread. A sub-item
     * that ends right after the primary field is accepted with a secondary length of 0.
     */
    private static UserIdentityRq readUserIdentity(ByteCursor value, boolean keepUsername) {
        int type = value.u8();
        boolean positiveResponseRequested = value.u8() == 1;
        int primaryLength = value.u16();
        boolean usernameType = type == USERNAME || type == USERNAME_AND_PASSCODE;
        String username = null;
        if (usernameType && keepUsername) {
            username = value.uid(primaryLength);
        } else {
            value.skip(primaryLength);
        }
        int secondaryLength = value.remaining() == 0 ? 0 : value.u16();
        value.skip(secondaryLength);
        return new UserIdentityRq(type, positiveResponseRequested, usernameType && primaryLength > 0, username,
                primaryLength, secondaryLength);
    }
}
