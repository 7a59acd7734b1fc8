package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.CT_IMAGE_STORAGE;
import static io.dicomwatch.dicom.PduBuilder.IMPLICIT_VR_LE;
import static io.dicomwatch.dicom.PduBuilder.VERIFICATION;
import static io.dicomwatch.dicom.PduBuilder.aeTitle;
import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.ascii;
import static io.dicomwatch.dicom.PduBuilder.associate;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.commandSet;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.dataPdv;
import static io.dicomwatch.dicom.PduBuilder.echoRq;
import static io.dicomwatch.dicom.PduBuilder.implementationClassUid;
import static io.dicomwatch.dicom.PduBuilder.item;
import static io.dicomwatch.dicom.PduBuilder.maximumLength;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.pdu;
import static io.dicomwatch.dicom.PduBuilder.pdv;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.storeRq;
import static io.dicomwatch.dicom.PduBuilder.u16;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static io.dicomwatch.tcp.Direction.CLIENT_TO_SERVER;
import static io.dicomwatch.tcp.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the decoder against PS3.8 (Upper Layer PDUs), PS3.7 (command sets and statuses) and PS3.5
 * (AE title and UID encoding), one rule per test, on hand-built bytes. Receivers must accept what
 * the standard says is "not tested when received".
 */
class UpperLayerConformanceTest {
    private static final UpperLayerLimits LIMITS = UpperLayerLimits.DEFAULTS;
    private static final String INSTANCE = "1.2.3.4.5.6.7.8";

    private static RecordingListener decode(byte[] stream) {
        RecordingListener listener = new RecordingListener();
        new UpperLayerDecoder(listener, LIMITS, true).feed(stream, 0, stream.length);
        return listener;
    }

    private static byte[] echoRequest() {
        return associateRq("STORESCP", "ECHOSCU", applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE), userInformation(maximumLength(16384)));
    }

    private static byte[] withByte(byte[] pdu, int index, int value) {
        byte[] copy = pdu.clone();
        copy[index] = (byte) value;
        return copy;
    }

    // ---- PDU headers and fixed fields: reserved fields are "not tested when received" (PS3.8 9.3) ----

    @Test
    void reservedHeaderByteIgnoredForEveryType() {
        byte[][] pdus = {echoRequest(),
                associateAc("STORESCP", "ECHOSCU", applicationContext(), presentationContextAc(1, 0, IMPLICIT_VR_LE)),
                PduBuilder.associateRj(1, 1, 7), pDataTf(commandPdv(1, true, echoRq(1))), PduBuilder.releaseRq(),
                PduBuilder.releaseRp(), PduBuilder.abort(2, 6)};
        for (byte[] pdu : pdus) {
            List<String> expected = decode(pdu).events();
            RecordingListener listener = decode(withByte(pdu, 1, 0xFF));
            assertThat(listener.events()).as("PDU type %d", pdu[0]).isEqualTo(expected);
            assertThat(listener.anomalies).as("PDU type %d", pdu[0]).isEmpty();
        }
    }

    @Test
    void fixedPduReservedBytesIgnored() {
        byte[] stream = concat(PduBuilder.pdu(0x03, bytes(0xFF, 2, 3, 2)), PduBuilder.pdu(0x05, bytes(1, 2, 3, 4)),
                PduBuilder.pdu(0x06, bytes(0xFF, 0xFF, 0xFF, 0xFF)), PduBuilder.pdu(0x07, bytes(0xAA, 0x55, 2, 4)));
        RecordingListener listener = decode(stream);
        assertThat(listener.events()).containsExactly("associate-rj AssociateRjPdu[result=2, source=3, reason=2]",
                "release-rq", "release-rp", "abort AbortPdu[source=2, reason=4]");
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void associateFixedReservedFieldsIgnored() {
        byte[] fixed = concat(u16(0x0001), u16(0xFFFF), aeTitle("STORESCP"), aeTitle("ECHOSCU"), filled(32, 0xFF));
        byte[] request = pdu(0x01, concat(fixed, applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE)));
        RecordingListener listener = decode(request);
        AssociateRqPdu parsed = listener.requests.get(0);
        assertThat(parsed.calledAeTitle().value()).isEqualTo("STORESCP");
        assertThat(parsed.callingAeTitle().value()).isEqualTo("ECHOSCU");
        assertThat(AssociationChecks.isWellFormed(parsed)).isTrue();
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void presentationContextReservedBytesIgnored() {
        byte[] requestContext = item(0x20, concat(bytes(1, 0xFF, 0xFF, 0xFF),
                item(0x30, ascii(VERIFICATION)), item(0x40, ascii(IMPLICIT_VR_LE))));
        byte[] acceptContext = item(0x21, concat(bytes(1, 0xFF, 0, 0xFF), item(0x40, ascii(IMPLICIT_VR_LE))));
        AssociateRqPdu request = decode(associateRq("A", "B", applicationContext(), requestContext)).requests.get(0);
        AssociateAcPdu accept = decode(associateAc("A", "B", applicationContext(), acceptContext)).accepts.get(0);
        assertThat(request.presentationContexts().get(0).abstractSyntax()).isEqualTo(VERIFICATION);
        assertThat(accept.presentationContexts().get(0).accepted()).isTrue();
        assertThat(accept.presentationContexts().get(0).transferSyntax()).isEqualTo(IMPLICIT_VR_LE);
    }

    @Test
    void protocolVersionNeedsOnlyBitZero() {
        byte[] items = concat(applicationContext(), presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE));
        for (int version : new int[] {0x0001, 0x0003, 0x8001, 0xFFFF}) {
            AssociateRqPdu parsed = decode(versioned(version, items)).requests.get(0);
            assertThat(AssociationChecks.isWellFormed(parsed)).as("version %04X", version).isTrue();
        }
        for (int version : new int[] {0x0000, 0x0002, 0xFFFE}) {
            AssociateRqPdu parsed = decode(versioned(version, items)).requests.get(0);
            assertThat(AssociationChecks.isWellFormed(parsed)).as("version %04X", version).isFalse();
        }
    }

    private static byte[] versioned(int version, byte[] items) {
        byte[] fixed = concat(u16(version), u16(0), aeTitle("STORESCP"), aeTitle("ECHOSCU"), new byte[32]);
        return pdu(0x01, concat(fixed, items));
    }

    private static byte[] filled(int length, int value) {
        byte[] result = new byte[length];
        Arrays.fill(result, (byte) value);
        return result;
    }

    // ---- A-ASSOCIATE items (PS3.8 9.3.2, 9.3.3, Annex D) ----

    @Test
    void unknownItemsAndSubItemsSkipped() {
        byte[] request = associateRq("STORESCP", "ECHOSCU", item(0x7F, bytes(1, 2, 3)), applicationContext(),
                item(0x20, concat(bytes(1, 0, 0, 0), item(0x31, bytes(9, 9)), item(0x30, ascii(VERIFICATION)),
                        item(0x41, bytes(0)), item(0x40, ascii(IMPLICIT_VR_LE)))),
                item(0x60, new byte[0]),
                userInformation(item(0xE0, bytes(1, 2, 3, 4)), maximumLength(32768), item(0x5A, bytes(5)),
                        implementationClassUid("1.2.3.4")));
        RecordingListener listener = decode(request);
        AssociateRqPdu parsed = listener.requests.get(0);
        assertThat(parsed.applicationContextName()).isEqualTo(PduBuilder.APPLICATION_CONTEXT);
        assertThat(parsed.presentationContexts()).hasSize(1);
        assertThat(parsed.presentationContexts().get(0).abstractSyntax()).isEqualTo(VERIFICATION);
        assertThat(parsed.presentationContexts().get(0).transferSyntaxes()).containsExactly(IMPLICIT_VR_LE);
        assertThat(parsed.userInformation().maximumLength()).isEqualTo(32768L);
        assertThat(parsed.userInformation().implementationClassUid()).isEqualTo("1.2.3.4");
        assertThat(parsed.malformedItems()).isZero();
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void itemsInUnusualOrderDecoded() {
        byte[] request = associateRq("STORESCP", "ECHOSCU", userInformation(implementationClassUid("1.2.3.4")),
                presentationContextRq(3, CT_IMAGE_STORAGE, IMPLICIT_VR_LE), applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE));
        AssociateRqPdu parsed = decode(request).requests.get(0);
        assertThat(parsed.presentationContexts()).extracting(PresentationContextRq::id).containsExactly(3, 1);
        assertThat(parsed.userInformation().implementationClassUid()).isEqualTo("1.2.3.4");
        assertThat(AssociationChecks.isWellFormed(parsed)).isTrue();
    }

    @Test
    void otherApplicationContextAccepted() {
        byte[] request = associateRq("STORESCP", "ECHOSCU", item(0x10, ascii("1.2.840.113619.6.1")),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE));
        AssociateRqPdu parsed = decode(request).requests.get(0);
        assertThat(parsed.applicationContextName()).isEqualTo("1.2.840.113619.6.1");
        assertThat(AssociationChecks.isWellFormed(parsed)).isTrue();
    }

    @Test
    void uidsWithNulPaddingStripped() {
        byte[] request = associateRq("STORESCP", "ECHOSCU", item(0x10, concat(ascii("1.2.840.10008.3.1.1.1"), bytes(0))),
                item(0x20, concat(bytes(1, 0, 0, 0), item(0x30, concat(ascii("1.2.840.10008.1.1"), bytes(0))),
                        item(0x40, concat(ascii("1.2.840.10008.1.2"), bytes(0))))),
                userInformation(item(0x52, concat(ascii("1.2.3"), bytes(0)))));
        AssociateRqPdu parsed = decode(request).requests.get(0);
        assertThat(parsed.applicationContextName()).isEqualTo("1.2.840.10008.3.1.1.1");
        assertThat(parsed.presentationContexts().get(0).abstractSyntax()).isEqualTo(VERIFICATION);
        assertThat(parsed.presentationContexts().get(0).transferSyntaxes()).containsExactly(IMPLICIT_VR_LE);
        assertThat(parsed.userInformation().implementationClassUid()).isEqualTo("1.2.3");
    }

    @Test
    void aeTitleLeadingSpacesNotSignificant() {
        byte[] request = associate(0x01, ascii("   STORESCP     "), ascii(" ECHO SCU       "), applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE));
        AssociateRqPdu parsed = decode(request).requests.get(0);
        assertThat(parsed.calledAeTitle().value()).isEqualTo("STORESCP");
        assertThat(parsed.callingAeTitle().value()).isEqualTo("ECHO SCU");
    }

    @Test
    void acceptResultsZeroToFour() {
        byte[] accept = associateAc("STORESCP", "ECHOSCU", applicationContext(),
                presentationContextAc(1, 0, IMPLICIT_VR_LE), presentationContextAc(3, 1, null),
                presentationContextAc(5, 2, ""), presentationContextAc(7, 3, null),
                presentationContextAc(9, 4, IMPLICIT_VR_LE), userInformation(maximumLength(0)));
        RecordingListener listener = decode(accept);
        List<PresentationContextAc> contexts = listener.accepts.get(0).presentationContexts();
        assertThat(contexts).extracting(PresentationContextAc::result).containsExactly(0, 1, 2, 3, 4);
        assertThat(contexts).extracting(PresentationContextAc::accepted)
                .containsExactly(true, false, false, false, false);
        assertThat(contexts.get(1).transferSyntax()).isNull();
        assertThat(listener.accepts.get(0).malformedItems()).isZero();
        assertThat(AssociationChecks.isWellFormed(listener.accepts.get(0))).isTrue();
        List<String> names = new ArrayList<>();
        for (int result = 0; result <= 5; result++) {
            names.add(PresentationContextAc.resultName(result));
        }
        assertThat(names).containsExactly("acceptance", "user-rejection", "no-reason", "abstract-syntax-not-supported",
                "transfer-syntaxes-not-supported", "unknown (5)");
    }

    // ---- P-DATA-TF (PS3.8 9.3.5, Annex E) ----

    @Test
    void headerOnlyPdvsAccepted() {
        byte[] command = echoRq(4);
        byte[] stream = pDataTf(commandPdv(1, false, new byte[0]), commandPdv(1, false, command),
                commandPdv(1, true, new byte[0]), dataPdv(1, false, new byte[0]), dataPdv(1, true, new byte[0]));
        RecordingListener listener = decode(stream);
        assertThat(listener.commands).extracting(DimseCommand::messageId).containsExactly(4);
        assertThat(listener.lastFragments).isEqualTo(1);
        assertThat(listener.totalDataBytes).isZero();
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void controlHeaderReservedBitsIgnored() {
        byte[] stream = pDataTf(pdv(1, 0xFC | 0x03, echoRq(5)), pdv(3, 0xFC, bytes(1, 2)), pdv(3, 0xFC | 0x02,
                bytes(3, 4)));
        RecordingListener listener = decode(stream);
        assertThat(listener.commands).extracting(DimseCommand::messageId).containsExactly(5);
        assertThat(listener.totalDataBytes).isEqualTo(4);
        assertThat(listener.lastFragments).isEqualTo(1);
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void commandSpreadOverManyPdvsAndPdus() {
        byte[] command = storeRq(77, INSTANCE);
        List<byte[]> pdus = new ArrayList<>();
        for (int start = 0; start < command.length; start += 6) {
            int end = Math.min(command.length, start + 6);
            byte[] first = commandPdv(3, false, Arrays.copyOfRange(command, start, Math.min(end, start + 2)));
            byte[] rest = commandPdv(3, end == command.length, Arrays.copyOfRange(command, Math.min(end, start + 2), end));
            pdus.add(pDataTf(first, rest));
        }
        pdus.add(pDataTf(dataPdv(3, true, bytes(8, 0, 0x16, 0, 2, 0, 0, 0, 'C', 'T'))));
        RecordingListener listener = decode(concat(pdus.toArray(new byte[0][])));
        assertThat(listener.commands).hasSize(1);
        assertThat(listener.commands.get(0).messageId()).isEqualTo(77);
        assertThat(listener.commands.get(0).affectedSopInstanceUid()).isEqualTo(INSTANCE);
        assertThat(listener.totalDataBytes).isEqualTo(10);
        assertThat(listener.anomalies).isEmpty();
    }

    /**
     * PS3.8 E.1 forbids interleaving fragments of different messages, whatever the asynchronous
     * operations window, so whole messages of several contexts follow each other. E.1 also wants
     * the PDVs of one PDU to belong to one message. The decoder still reads each PDV of a PDU that
     * mixes two messages, because nothing is lost by doing so.
     */
    @Test
    void wholeMessagesOfOtherContextsBetweenOperations() {
        byte[] dataSet = new byte[300];
        new Random(3).nextBytes(dataSet);
        byte[] stream = concat(pDataTf(commandPdv(3, true, storeRq(1, INSTANCE)), dataPdv(3, false,
                Arrays.copyOfRange(dataSet, 0, 100))), pDataTf(dataPdv(3, true, Arrays.copyOfRange(dataSet, 100, 300))),
                pDataTf(commandPdv(1, true, echoRq(2)), commandPdv(3, true, storeRq(3, INSTANCE))),
                pDataTf(dataPdv(3, true, dataSet)));
        RecordingListener listener = decode(stream);
        assertThat(listener.commands).extracting(DimseCommand::messageId).containsExactly(1, 2, 3);
        assertThat(listener.totalDataBytes).isEqualTo(600);
        assertThat(listener.lastFragments).isEqualTo(2);
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void interleavedCommandFragmentsReported() {
        byte[] store = storeRq(1, INSTANCE);
        byte[] stream = concat(pDataTf(commandPdv(3, false, Arrays.copyOfRange(store, 0, 20))),
                pDataTf(commandPdv(1, true, echoRq(2))),
                pDataTf(commandPdv(3, true, Arrays.copyOfRange(store, 20, store.length))));
        RecordingListener listener = decode(stream);
        assertThat(listener.commands).extracting(DimseCommand::messageId).containsExactly(2);
        assertThat(listener.anomalies).containsExactly(UpperLayerAnomaly.MALFORMED_COMMAND_SET,
                UpperLayerAnomaly.MALFORMED_COMMAND_SET);
    }

    // ---- command sets (PS3.7 6.3, 9.3, Annex E) ----

    @Test
    void commandWithoutGroupLengthParsed() {
        byte[] command = commandSet().withoutGroupLength().uid(0x0002, VERIFICATION).us(0x0100, 0x0030)
                .us(0x0110, 6).us(0x0800, 0x0101).bytes();
        RecordingListener listener = decode(pDataTf(commandPdv(1, true, command)));
        assertThat(listener.commands).extracting(DimseCommand::messageId).containsExactly(6);
        assertThat(listener.anomalies).isEmpty();
    }

    @Test
    void onlyDataSetType0101MeansNone() {
        int[] types = {0x0101, 0x0000, 0x0001, 0x0102, 0xFEFE};
        boolean[] expected = {false, true, true, true, true};
        for (int i = 0; i < types.length; i++) {
            byte[] set = commandSet().us(0x0100, 0x0001).us(0x0110, 1).us(0x0800, types[i]).bytes();
            DimseCommand command = CommandSetParser.parse(set, 0, set.length);
            assertThat(command.hasDataSet()).as("type %04X", types[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void cancelAndNormalisedCommandsNamed() {
        byte[] cancel = commandSet().us(0x0100, 0x0FFF).us(0x0120, 9).us(0x0800, 0x0101).bytes();
        DimseCommand command = CommandSetParser.parse(cancel, 0, cancel.length);
        assertThat(CommandField.name(command.commandField())).isEqualTo("C-CANCEL-RQ");
        assertThat(command.isResponse()).isFalse();
        assertThat(command.messageIdBeingRespondedTo()).isEqualTo(9);
        assertThat(AssociationChecks.isPlausible(command)).isTrue();
        int[] fields = {0x0100, 0x8100, 0x0110, 0x8110, 0x0120, 0x8120, 0x0130, 0x8130, 0x0140, 0x8140, 0x0150,
                0x8150};
        String[] names = {"N-EVENT-REPORT-RQ", "N-EVENT-REPORT-RSP", "N-GET-RQ", "N-GET-RSP", "N-SET-RQ", "N-SET-RSP",
                "N-ACTION-RQ", "N-ACTION-RSP", "N-CREATE-RQ", "N-CREATE-RSP", "N-DELETE-RQ", "N-DELETE-RSP"};
        for (int i = 0; i < fields.length; i++) {
            assertThat(CommandField.name(fields[i])).isEqualTo(names[i]);
        }
        assertThat(CommandField.name(0x8FFF)).isNull();
    }

    @Test
    void statusCategoriesFollowAnnexC() {
        Object[][] cases = {
            {0x0000, StatusCategory.SUCCESS},
            {0x0001, StatusCategory.WARNING}, {0x0107, StatusCategory.WARNING}, {0x0116, StatusCategory.WARNING},
            {0xB000, StatusCategory.WARNING}, {0xB007, StatusCategory.WARNING}, {0xBFFF, StatusCategory.WARNING},
            {0xA700, StatusCategory.FAILURE}, {0xA900, StatusCategory.FAILURE}, {0xA801, StatusCategory.FAILURE},
            {0xC000, StatusCategory.FAILURE}, {0xCFFF, StatusCategory.FAILURE}, {0x0110, StatusCategory.FAILURE},
            {0x0122, StatusCategory.FAILURE}, {0x0124, StatusCategory.FAILURE}, {0x0211, StatusCategory.FAILURE},
            {0x0212, StatusCategory.FAILURE},
            {0xFE00, StatusCategory.CANCEL},
            {0xFF00, StatusCategory.PENDING}, {0xFF01, StatusCategory.PENDING},
        };
        for (Object[] entry : cases) {
            int status = (Integer) entry[0];
            assertThat(StatusCategory.of(status)).as("status %04X", status).isEqualTo(entry[1]);
        }
    }

    // ---- A-ASSOCIATE-RJ names (PS3.8 9.3.4) ----

    @Test
    void rejectReasonNamesFollowTable() {
        assertThat(new AssociateRjPdu(1, 1, 1).reasonName()).isEqualTo("no-reason-given");
        assertThat(new AssociateRjPdu(1, 1, 2).reasonName()).isEqualTo("application-context-name-not-supported");
        assertThat(new AssociateRjPdu(1, 1, 3).reasonName()).isEqualTo("calling-AE-title-not-recognized");
        assertThat(new AssociateRjPdu(2, 1, 7).reasonName()).isEqualTo("called-AE-title-not-recognized");
        assertThat(new AssociateRjPdu(1, 2, 1).reasonName()).isEqualTo("no-reason-given");
        assertThat(new AssociateRjPdu(1, 2, 2).reasonName()).isEqualTo("protocol-version-not-supported");
        assertThat(new AssociateRjPdu(2, 3, 1).reasonName()).isEqualTo("temporary-congestion");
        assertThat(new AssociateRjPdu(2, 3, 2).reasonName()).isEqualTo("local-limit-exceeded");
    }

    @Test
    void reservedRejectReasonsKeepNumbers() {
        assertThat(new AssociateRjPdu(1, 1, 4).reasonName()).isEqualTo("source-1-reason-4");
        assertThat(new AssociateRjPdu(1, 1, 10).reasonName()).isEqualTo("source-1-reason-10");
        assertThat(new AssociateRjPdu(1, 2, 3).reasonName()).isEqualTo("source-2-reason-3");
        assertThat(new AssociateRjPdu(1, 3, 0).reasonName()).isEqualTo("source-3-reason-0");
        assertThat(new AssociateRjPdu(1, 0, 1).reasonName()).isEqualTo("source-0-reason-1");
    }

    // ---- whole connections through the tracker ----

    private final RecordingAssociationListener associations = new RecordingAssociationListener();
    private final DicomStats stats = new DicomStats();

    private DicomConnectionTracker tracker() {
        FakeConnection connection = new FakeConnection("192.0.2.10", 50000, "192.0.2.20", 104, true);
        return new DicomConnectionTracker(connection, associations, KnownScpEndpoints.NONE,
                DicomTrackingConfig.DEFAULTS, stats);
    }

    private static void send(DicomConnectionTracker tracker, Direction direction, byte[] bytes) {
        tracker.onData(direction, bytes, 0, bytes.length, 1_000);
    }

    @Test
    void unusualButValidRequestStartsAssociation() {
        byte[] fixed = concat(u16(0x0003), u16(0x00FF), aeTitle("  STORESCP"), aeTitle("ECHOSCU"), filled(32, 0x20));
        byte[] request = withByte(pdu(0x01, concat(fixed, userInformation(implementationClassUid("1.2.3.4")),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE), item(0x10, ascii("1.2.3.4.5.6")))), 1, 0x80);
        DicomConnectionTracker tracker = tracker();
        send(tracker, CLIENT_TO_SERVER, request);
        send(tracker, SERVER_TO_CLIENT, withByte(associateAc("STORESCP", "ECHOSCU", item(0x10, ascii("1.2.3.4.5.6")),
                presentationContextAc(1, 0, IMPLICIT_VR_LE)), 1, 0x80));
        assertThat(associations.events).containsExactly("requested ECHOSCU>STORESCP", "accepted");
        assertThat(stats.totalAnomalies()).isZero();
    }

    /**
     * Both AEs may send an A-RELEASE-RQ, a release collision (states Sta9 to Sta12 of the PS3.8
     * state machine). Each AE then sends an A-RELEASE-RP.
     */
    @Test
    void releaseCollisionEndsOnce() {
        DicomConnectionTracker tracker = tracker();
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, associateAc("STORESCP", "ECHOSCU", applicationContext(),
                presentationContextAc(1, 0, IMPLICIT_VR_LE)));
        send(tracker, CLIENT_TO_SERVER, PduBuilder.releaseRq());
        send(tracker, SERVER_TO_CLIENT, PduBuilder.releaseRq());
        send(tracker, CLIENT_TO_SERVER, PduBuilder.releaseRp());
        send(tracker, SERVER_TO_CLIENT, PduBuilder.releaseRp());
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(associations.events).containsExactly("requested ECHOSCU>STORESCP", "accepted", "ended RELEASED");
        assertThat(stats.unexpectedPdus).isZero();
        assertThat(stats.totalAnomalies()).isZero();
    }

    @Test
    void pendingResponsesKeepRequestOpen() {
        DicomConnectionTracker tracker = tracker();
        send(tracker, CLIENT_TO_SERVER, associateRq("FINDSCP", "FINDSCU", applicationContext(),
                presentationContextRq(1, "1.2.840.10008.5.1.4.1.2.2.1", IMPLICIT_VR_LE)));
        send(tracker, SERVER_TO_CLIENT, associateAc("FINDSCP", "FINDSCU", applicationContext(),
                presentationContextAc(1, 0, IMPLICIT_VR_LE)));
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, commandSet().us(0x0100, 0x0020)
                .us(0x0110, 7).us(0x0800, 0x0101).bytes())));
        for (int status : new int[] {0xFF00, 0xFF01, 0xFE00, 0x0000}) {
            send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, commandSet().us(0x0100, 0x8020)
                    .us(0x0120, 7).us(0x0800, 0x0101).us(0x0900, status).bytes())));
        }
        assertThat(associations.matchedRequests).hasSize(5);
        assertThat(associations.matchedRequests.subList(1, 4)).doesNotContainNull();
        assertThat(associations.matchedRequests.get(4)).isNull();
        assertThat(stats.unmatchedResponses).isEqualTo(1);
    }
}
