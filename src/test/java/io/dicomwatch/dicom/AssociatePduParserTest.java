package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.APPLICATION_CONTEXT;
import static io.dicomwatch.dicom.PduBuilder.CT_IMAGE_STORAGE;
import static io.dicomwatch.dicom.PduBuilder.EXPLICIT_VR_LE;
import static io.dicomwatch.dicom.PduBuilder.IMPLICIT_VR_LE;
import static io.dicomwatch.dicom.PduBuilder.VERIFICATION;
import static io.dicomwatch.dicom.PduBuilder.aeTitle;
import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.ascii;
import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.item;
import static io.dicomwatch.dicom.PduBuilder.itemWithLength;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.u16;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AssociatePduParserTest {
    private static final UpperLayerLimits LIMITS = UpperLayerLimits.DEFAULTS;
    private static final UpperLayerLimits KEEP_USERNAME = new UpperLayerLimits(1 << 20, 1 << 16, 256, 16L << 20, true);
    /** A passcode that must never appear in any decoded value. */
    static final String SECRET = "S3CRET-SENTINEL-PASSCODE";

    private static AssociateRqPdu parseRq(byte[] pdu) {
        return parseRq(pdu, LIMITS);
    }

    private static AssociateRqPdu parseRq(byte[] pdu, UpperLayerLimits limits) {
        return AssociatePduParser.parseRq(pdu, PduType.HEADER_LENGTH, pdu.length - PduType.HEADER_LENGTH, limits);
    }

    private static AssociateAcPdu parseAc(byte[] pdu) {
        return AssociatePduParser.parseAc(pdu, PduType.HEADER_LENGTH, pdu.length - PduType.HEADER_LENGTH, LIMITS);
    }

    private static UserInformation userInfoRq(byte[]... subItems) {
        return parseRq(PduBuilder.associateRq("SCP", "SCU", applicationContext(), userInformation(subItems)))
                .userInformation();
    }

    @Test
    void fixedFieldsAreDecoded() {
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("STORESCP", "MODALITY1", applicationContext()));
        assertThat(pdu.protocolVersion()).isEqualTo(1);
        assertThat(pdu.calledAeTitle().value()).isEqualTo("STORESCP");
        assertThat(pdu.callingAeTitle().value()).isEqualTo("MODALITY1");
        assertThat(pdu.applicationContextName()).isEqualTo(APPLICATION_CONTEXT);
        assertThat(pdu.malformedItems()).isZero();
        assertThat(pdu.userInformation()).isEqualTo(UserInformation.ABSENT);
    }

    @Test
    void shortBodyReturnsNull() {
        assertThat(AssociatePduParser.parseRq(new byte[67], 0, 67, LIMITS)).isNull();
        assertThat(AssociatePduParser.parseAc(new byte[67], 0, 67, LIMITS)).isNull();
    }

    @Test
    void missingApplicationContextIsNull() {
        assertThat(parseRq(PduBuilder.associateRq("A", "B")).applicationContextName()).isNull();
    }

    @Test
    void aeTitleAllSpacesIsEmpty() {
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("", "                ", applicationContext()));
        assertThat(pdu.calledAeTitle().value()).isEmpty();
        assertThat(pdu.callingAeTitle().value()).isEmpty();
    }

    @Test
    void aeTitleTrailingNulsStripped() {
        byte[] called = new byte[16];
        System.arraycopy(ascii("  PACS"), 0, called, 0, 6);
        AssociateRqPdu pdu = parseRq(PduBuilder.associate(0x01, called, aeTitle("X"), applicationContext()));
        assertThat(pdu.calledAeTitle().value()).isEqualTo("PACS");
        assertThat(pdu.calledAeTitle().nonText()).isFalse();
    }

    @Test
    void aeTitleNonIso646Escaped() {
        byte[] calling = aeTitle("CT");
        calling[2] = (byte) 0xC9;
        calling[3] = 0x07;
        AssociateRqPdu pdu = parseRq(PduBuilder.associate(0x01, aeTitle("X"), calling, applicationContext()));
        assertThat(pdu.callingAeTitle().value()).isEqualTo("CT\\xC9\\x07");
        assertThat(pdu.callingAeTitle().nonText()).isTrue();
    }

    @Test
    void presentationContextRqDecoded() {
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE),
                presentationContextRq(3, CT_IMAGE_STORAGE, EXPLICIT_VR_LE, IMPLICIT_VR_LE)));
        assertThat(pdu.presentationContexts()).containsExactly(
                new PresentationContextRq(1, VERIFICATION, java.util.List.of(IMPLICIT_VR_LE)),
                new PresentationContextRq(3, CT_IMAGE_STORAGE, java.util.List.of(EXPLICIT_VR_LE, IMPLICIT_VR_LE)));
    }

    @Test
    void uidPaddingStripped() {
        // Abstract syntax padded with a NUL (PS3.5), transfer syntax padded with a space.
        byte[] context = item(0x20, concat(bytes(1, 0, 0, 0), item(0x30, concat(ascii(VERIFICATION), bytes(0))),
                item(0x40, ascii(IMPLICIT_VR_LE + " "))));
        PresentationContextRq parsed = parseRq(PduBuilder.associateRq("A", "B", context)).presentationContexts().get(0);
        assertThat(parsed.abstractSyntax()).isEqualTo(VERIFICATION);
        assertThat(parsed.transferSyntaxes()).containsExactly(IMPLICIT_VR_LE);
    }

    @Test
    void uidNonPrintableEscaped() {
        byte[] context = item(0x20, concat(bytes(1, 0, 0, 0), item(0x30, bytes('1', '.', 0x01, '\\', 0xFF))));
        PresentationContextRq parsed = parseRq(PduBuilder.associateRq("A", "B", context)).presentationContexts().get(0);
        assertThat(parsed.abstractSyntax()).isEqualTo("1.\\x01\\x5C\\xFF");
    }

    @Test
    void presentationContextAcAcceptedAndRejected() {
        AssociateAcPdu pdu = parseAc(PduBuilder.associateAc("A", "B", applicationContext(),
                presentationContextAc(1, 0, IMPLICIT_VR_LE), presentationContextAc(3, 3, null)));
        assertThat(pdu.presentationContexts()).containsExactly(
                new PresentationContextAc(1, 0, IMPLICIT_VR_LE), new PresentationContextAc(3, 3, null));
        assertThat(pdu.malformedItems()).isZero();
    }

    @Test
    void requestItemInAcceptIgnored() {
        AssociateAcPdu pdu = parseAc(PduBuilder.associateAc("A", "B", presentationContextRq(1, VERIFICATION)));
        assertThat(pdu.presentationContexts()).isEmpty();
    }

    @Test
    void largeRequestWith128Contexts() {
        byte[] pdu = PduBuilder.associateRqWithContexts(128);
        assertThat(pdu.length).isGreaterThan(16 * 1024);
        AssociateRqPdu parsed = parseRq(pdu);
        assertThat(parsed.presentationContexts()).hasSize(128);
        assertThat(parsed.presentationContexts().get(127).id()).isEqualTo(255);
        assertThat(parsed.presentationContexts().get(127).transferSyntaxes()).hasSize(4);
        assertThat(parsed.userInformation().maximumLength()).isEqualTo(16384L);
        assertThat(parsed.droppedPresentationContexts()).isZero();
        assertThat(parsed.malformedItems()).isZero();
    }

    @Test
    void contextsBeyondLimitCounted() {
        UpperLayerLimits limits = new UpperLayerLimits(1 << 20, 1 << 16, 2, 16L << 20, false);
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", presentationContextRq(1, VERIFICATION),
                presentationContextRq(3, VERIFICATION), presentationContextRq(5, VERIFICATION)), limits);
        assertThat(pdu.presentationContexts()).hasSize(2);
        assertThat(pdu.droppedPresentationContexts()).isEqualTo(1);
    }

    @Test
    void unknownItemSkipped() {
        byte[] stream = PduBuilder.associateRq("A", "B", item(0x7F, bytes(1, 2, 3)), applicationContext());
        AssociateRqPdu pdu = parseRq(stream);
        assertThat(pdu.applicationContextName()).isEqualTo(APPLICATION_CONTEXT);
        assertThat(pdu.malformedItems()).isZero();
    }

    @Test
    void itemOverrunningPduCounted() {
        // Application context item, then a presentation context item claiming 200 bytes with 4 present.
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", applicationContext(),
                itemWithLength(0x20, 200, bytes(1, 0, 0, 0))));
        assertThat(pdu.applicationContextName()).isEqualTo(APPLICATION_CONTEXT);
        assertThat(pdu.presentationContexts()).isEmpty();
        assertThat(pdu.malformedItems()).isEqualTo(1);
    }

    @Test
    void truncatedItemHeaderCounted() {
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", applicationContext(), bytes(0x50, 0x00)));
        assertThat(pdu.malformedItems()).isEqualTo(1);
    }

    @Test
    void subItemOverrunningItemCounted() {
        // Transfer syntax sub-item claims 40 bytes inside a context item that holds only 17 of them.
        byte[] context = item(0x20, concat(bytes(1, 0, 0, 0), item(0x30, ascii(VERIFICATION)),
                itemWithLength(0x40, 40, ascii(IMPLICIT_VR_LE))));
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", context, applicationContext()));
        assertThat(pdu.malformedItems()).isEqualTo(1);
        assertThat(pdu.presentationContexts().get(0).abstractSyntax()).isEqualTo(VERIFICATION);
        assertThat(pdu.presentationContexts().get(0).transferSyntaxes()).isEmpty();
        assertThat(pdu.applicationContextName()).isEqualTo(APPLICATION_CONTEXT);
    }

    @Test
    void maximumLengthZeroMeansUnlimited() {
        assertThat(userInfoRq(PduBuilder.maximumLength(0)).maximumLength()).isEqualTo(0L);
    }

    @Test
    void maximumLengthFullRange() {
        assertThat(userInfoRq(PduBuilder.maximumLength(0xFFFFFFFFL)).maximumLength()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void maximumLengthTooShortCounted() {
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", userInformation(item(0x51, bytes(0, 0)))));
        assertThat(pdu.userInformation().maximumLength()).isNull();
        assertThat(pdu.malformedItems()).isEqualTo(1);
    }

    @Test
    void implementationClassUidAndVersion() {
        UserInformation info = userInfoRq(PduBuilder.implementationClassUid("1.2.276.0.7230010.3.0.3.6.8"),
                PduBuilder.implementationVersionName(ascii("OFFIS_DCMTK_368")));
        assertThat(info.implementationClassUid()).isEqualTo("1.2.276.0.7230010.3.0.3.6.8");
        assertThat(info.implementationVersionName()).isEqualTo("OFFIS_DCMTK_368");
    }

    @Test
    void implementationVersionNameEscaped() {
        UserInformation info = userInfoRq(PduBuilder.implementationVersionName(bytes('V', 0xE4, '1', 0, 0)));
        assertThat(info.implementationVersionName()).isEqualTo("V\\xE41");
    }

    @Test
    void asynchronousWindowZeroZero() {
        UserInformation info = userInfoRq(PduBuilder.asynchronousOperationsWindow(0, 0));
        assertThat(info.maxOperationsInvoked()).isZero();
        assertThat(info.maxOperationsPerformed()).isZero();
    }

    @Test
    void asynchronousWindowValues() {
        UserInformation info = userInfoRq(PduBuilder.asynchronousOperationsWindow(5, 65535));
        assertThat(info.maxOperationsInvoked()).isEqualTo(5);
        assertThat(info.maxOperationsPerformed()).isEqualTo(65535);
    }

    @Test
    void roleSelectionDecoded() {
        UserInformation info = userInfoRq(PduBuilder.roleSelection(CT_IMAGE_STORAGE, 0, 1));
        assertThat(info.roleSelections()).containsExactly(new RoleSelection(CT_IMAGE_STORAGE, 0, 1));
    }

    @Test
    void roleSelectionUidOverrunCounted() {
        // UID length 60, but the sub-item holds only 4 more bytes.
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B",
                userInformation(item(0x54, concat(u16(60), ascii("1.2."))), PduBuilder.maximumLength(1))));
        assertThat(pdu.userInformation().roleSelections()).isEmpty();
        assertThat(pdu.userInformation().maximumLength()).isEqualTo(1L);
        assertThat(pdu.malformedItems()).isEqualTo(1);
    }

    @Test
    void extendedNegotiationRunsToEnd() {
        UserInformation info = userInfoRq(PduBuilder.extendedNegotiation(CT_IMAGE_STORAGE, bytes(1, 0, 1, 0xAB)));
        assertThat(info.extendedNegotiations()).containsExactly(
                new SopClassExtendedNegotiation(CT_IMAGE_STORAGE, "010001AB", 4));
    }

    @Test
    void extendedNegotiationHexCapped() {
        byte[] information = new byte[100];
        Arrays.fill(information, (byte) 0x11);
        SopClassExtendedNegotiation negotiation =
                userInfoRq(PduBuilder.extendedNegotiation(VERIFICATION, information)).extendedNegotiations().get(0);
        assertThat(negotiation.applicationInformationHex()).hasSize(128);
        assertThat(negotiation.applicationInformationLength()).isEqualTo(100);
    }

    @Test
    void commonExtendedNegotiationDecoded() {
        UserInformation info = userInfoRq(PduBuilder.commonExtendedNegotiation("1.2.840.10008.5.1.4.1.1.88.22",
                "1.2.840.10008.4.2", "1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.33"));
        assertThat(info.commonExtendedNegotiations()).containsExactly(new SopClassCommonExtendedNegotiation(
                "1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.4.2",
                java.util.List.of("1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.33")));
    }

    @Test
    void commonExtendedNegotiationRelatedOverrunCounted() {
        // Related identification length 10, holding one UID entry that claims 30 bytes.
        byte[] value = concat(u16(3), ascii("1.2"), u16(3), ascii("1.3"), u16(10), u16(30), ascii("1.2.3.4."));
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", userInformation(item(0x57, value))));
        assertThat(pdu.userInformation().commonExtendedNegotiations()).isEmpty();
        assertThat(pdu.malformedItems()).isEqualTo(1);
    }

    @Test
    void userIdentityUsernameDroppedByDefault() {
        UserIdentityRq identity = userInfoRq(PduBuilder.userIdentityRq(1, true, ascii("alice"), new byte[0]))
                .userIdentity();
        assertThat(identity.type()).isEqualTo(1);
        assertThat(identity.positiveResponseRequested()).isTrue();
        assertThat(identity.usernamePresent()).isTrue();
        assertThat(identity.username()).isNull();
        assertThat(identity.primaryFieldLength()).isEqualTo(5);
    }

    @Test
    void userIdentityUsernameKeptWhenAsked() {
        byte[] pdu = PduBuilder.associateRq("A", "B",
                userInformation(PduBuilder.userIdentityRq(2, false, ascii("alice"), ascii(SECRET))));
        UserIdentityRq identity = parseRq(pdu, KEEP_USERNAME).userInformation().userIdentity();
        assertThat(identity.username()).isEqualTo("alice");
        assertThat(identity.positiveResponseRequested()).isFalse();
        assertThat(identity.secondaryFieldLength()).isEqualTo(SECRET.length());
    }

    @Test
    void userIdentityTypesNeverKeepSecrets() {
        for (int type = 1; type <= 5; type++) {
            byte[] primary = type <= 2 ? ascii("bob") : ascii(SECRET);
            byte[] secondary = type == 2 ? ascii(SECRET) : new byte[0];
            byte[] pdu = PduBuilder.associateRq("A", "B",
                    userInformation(PduBuilder.userIdentityRq(type, true, primary, secondary)));
            AssociateRqPdu parsed = parseRq(pdu, KEEP_USERNAME);
            UserIdentityRq identity = parsed.userInformation().userIdentity();
            assertThat(identity.type()).as("type %d", type).isEqualTo(type);
            assertThat(identity.usernamePresent()).as("type %d", type).isEqualTo(type <= 2);
            assertThat(identity.primaryFieldLength()).as("type %d", type).isEqualTo(primary.length);
            assertThat(parsed.toString()).as("type %d", type).doesNotContain(SECRET);
        }
    }

    @Test
    void userIdentityWithoutSecondaryLength() {
        byte[] value = concat(bytes(1, 0), u16(3), ascii("bob"));
        UserIdentityRq identity = userInfoRq(item(0x58, value)).userIdentity();
        assertThat(identity.secondaryFieldLength()).isZero();
    }

    @Test
    void userIdentityPrimaryOverrunCounted() {
        byte[] value = concat(bytes(3, 0), u16(500), ascii(SECRET));
        AssociateRqPdu pdu = parseRq(PduBuilder.associateRq("A", "B", userInformation(item(0x58, value))));
        assertThat(pdu.userInformation().userIdentity()).isNull();
        assertThat(pdu.malformedItems()).isEqualTo(1);
    }

    @Test
    void userIdentityResponseInAccept() {
        AssociateAcPdu pdu = parseAc(PduBuilder.associateAc("A", "B",
                userInformation(PduBuilder.userIdentityAc(ascii(SECRET)))));
        assertThat(pdu.userInformation().userIdentityResponsePresent()).isTrue();
        assertThat(pdu.toString()).doesNotContain(SECRET);
    }

    @Test
    void userIdentityRequestInAcceptIgnored() {
        AssociateAcPdu pdu = parseAc(PduBuilder.associateAc("A", "B",
                userInformation(PduBuilder.userIdentityRq(1, false, ascii("x"), new byte[0]))));
        assertThat(pdu.userInformation().userIdentity()).isNull();
    }

    @Test
    void unknownSubItemSkipped() {
        UserInformation info = userInfoRq(item(0x7E, bytes(9, 9)), PduBuilder.maximumLength(32768));
        assertThat(info.maximumLength()).isEqualTo(32768L);
    }

    @Test
    void firstSingleValuedSubItemWins() {
        UserInformation info = userInfoRq(PduBuilder.maximumLength(1), PduBuilder.maximumLength(2));
        assertThat(info.maximumLength()).isEqualTo(1L);
    }
}
