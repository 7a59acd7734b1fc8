package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.CT_IMAGE_STORAGE;
import static io.dicomwatch.dicom.PduBuilder.IMPLICIT_VR_LE;
import static io.dicomwatch.dicom.PduBuilder.VERIFICATION;
import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.ascii;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRj;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.abort;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.commandSet;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.dataPdv;
import static io.dicomwatch.dicom.PduBuilder.echoRq;
import static io.dicomwatch.dicom.PduBuilder.implementationClassUid;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.releaseRp;
import static io.dicomwatch.dicom.PduBuilder.releaseRq;
import static io.dicomwatch.dicom.PduBuilder.storeRq;
import static io.dicomwatch.dicom.PduBuilder.storeRsp;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static io.dicomwatch.tcp.Direction.CLIENT_TO_SERVER;
import static io.dicomwatch.tcp.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DicomConnectionTrackerTest {
    private static final String CLIENT = "192.0.2.10";
    private static final String SERVER = "192.0.2.20";

    private final RecordingAssociationListener listener = new RecordingAssociationListener();
    private final DicomStats stats = new DicomStats();

    private DicomConnectionTracker tracker(FakeConnection connection, KnownScpEndpoints known) {
        return new DicomConnectionTracker(connection, listener, known, DicomTrackingConfig.DEFAULTS, stats);
    }

    private static FakeConnection connection(boolean streamStartSeen) {
        return new FakeConnection(CLIENT, 50000, SERVER, 104, streamStartSeen);
    }

    private static void send(DicomConnectionTracker tracker, Direction direction, byte[] bytes) {
        tracker.onData(direction, bytes, 0, bytes.length, 1_000);
    }

    private static byte[] echoRequest() {
        return associateRq("STORESCP", "ECHOSCU", applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE),
                userInformation(implementationClassUid("1.2.276.0.7230010.3.0.3.6.7")));
    }

    private static byte[] echoAccept() {
        return associateAc("STORESCP", "ECHOSCU", applicationContext(),
                presentationContextAc(1, 0, IMPLICIT_VR_LE), userInformation());
    }

    private static byte[] echoResponse(int messageId) {
        return commandSet().uid(0x0002, VERIFICATION).us(0x0100, 0x8030).us(0x0120, messageId)
                .us(0x0800, 0x0101).us(0x0900, 0x0000).bytes();
    }

    @Test
    void echoAssociationProducesEveryEvent() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(1))));
        send(tracker, CLIENT_TO_SERVER, releaseRq());
        send(tracker, SERVER_TO_CLIENT, releaseRp());
        tracker.onClose(CloseReason.FIN, 2_000);

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor", "C-ECHO-RSP from acceptor", "ended RELEASED");
        assertThat(listener.matchedRequests.get(1)).isNotNull();
        assertThat(stats.associationsRequested).isEqualTo(1);
        assertThat(stats.unmatchedResponses).isZero();
    }

    @Test
    void bytesIncludeTheRequestPdu() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        byte[] accept = echoAccept();
        send(tracker, CLIENT_TO_SERVER, request);
        send(tracker, SERVER_TO_CLIENT, accept);
        assertThat(listener.bytesFromRequestor).isEqualTo(request.length);
        assertThat(listener.bytesFromAcceptor).isEqualTo(accept.length);
    }

    @Test
    void requestSplitAcrossSegmentsStillStarts() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        for (int i = 0; i < request.length; i++) {
            tracker.onData(CLIENT_TO_SERVER, request, i, 1, 1_000);
        }
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP");
    }

    @Test
    void httpConnectionIsIgnoredAtOnce() {
        FakeConnection connection = connection(true);
        DicomConnectionTracker tracker = tracker(connection, KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, ascii("GET / HTTP/1.1\r\nHost: pacs\r\n\r\n"));
        assertThat(connection.ignored()).isTrue();
        assertThat(listener.events).isEmpty();
        assertThat(stats.connectionsIgnored).isEqualTo(1);
        assertThat(stats.totalAnomalies()).isZero();
    }

    @Test
    void requestWithoutApplicationContextIsNotAnAssociation() {
        FakeConnection connection = connection(true);
        DicomConnectionTracker tracker = tracker(connection, KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, associateRq("PACS", "PROBE", presentationContextRq(1, VERIFICATION,
                IMPLICIT_VR_LE)));
        assertThat(listener.events).isEmpty();
        assertThat(connection.ignored()).isTrue();
        assertThat(stats.malformedAssociateRequests).isEqualTo(1);
    }

    @Test
    void requestWithoutPresentationContextIsNotAnAssociation() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, associateRq("PACS", "PROBE", applicationContext(), userInformation()));
        assertThat(listener.events).isEmpty();
    }

    @Test
    void firstPduOtherThanRequestIgnoresConnection() {
        FakeConnection connection = connection(true);
        DicomConnectionTracker tracker = tracker(connection, KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, releaseRq());
        assertThat(connection.ignored()).isTrue();
    }

    @Test
    void rejectionIsReportedWithReason() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, associateRj(1, 1, 7));
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP",
                "rejected called-AE-title-not-recognized");
    }

    @Test
    void abortAfterFirstPDataEndsAborted() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, SERVER_TO_CLIENT, abort(2, 6));
        tracker.onClose(CloseReason.RST, 2_000);
        assertThat(listener.events).endsWith("C-ECHO-RQ from requestor", "ended ABORTED");
    }

    @Test
    void finWithoutReleaseEndsClosedWithoutRelease() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(listener.events).endsWith("ended CLOSED_WITHOUT_RELEASE");
    }

    @Test
    void releaseRequestThenFinCountsAsReleased() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, releaseRq());
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(listener.events).endsWith("ended RELEASED");
    }

    @Test
    void acceptorCloseBeforeReleaseRequestIsNoRelease() {
        // CTN's simple_storage -a sends its C-STORE-RSP, closes its side and resets the connection
        // when the A-RELEASE-RQ that its peer then sends arrives.
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onFin(SERVER_TO_CLIENT, 1_500);
        send(tracker, CLIENT_TO_SERVER, releaseRq());
        tracker.onClose(CloseReason.RST, 2_000);
        assertThat(listener.events).endsWith("ended CLOSED_WITHOUT_RELEASE");
    }

    @Test
    void acceptorCloseAfterReleaseRequestIsRelease() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, releaseRq());
        tracker.onFin(SERVER_TO_CLIENT, 1_500);
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(listener.events).endsWith("ended RELEASED");
    }

    @Test
    void requestorCloseAfterReleaseRequestIsRelease() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, releaseRq());
        tracker.onFin(CLIENT_TO_SERVER, 1_500);
        tracker.onClose(CloseReason.RST, 2_000);
        assertThat(listener.events).endsWith("ended RELEASED");
    }

    @Test
    void endOfCaptureLeavesAssociationOpen() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onClose(CloseReason.END_OF_CAPTURE, 2_000);
        assertThat(listener.events).endsWith("ended NOT_OBSERVED");
    }

    @Test
    void requestFromGuessedServerSwapsRoles() {
        DicomConnectionTracker tracker = tracker(connection(false), KnownScpEndpoints.NONE);
        send(tracker, SERVER_TO_CLIENT, echoRequest());
        assertThat(listener.associations).hasSize(1);
        ObservedAssociation association = listener.associations.get(0);
        assertThat(association.requestorAddress()).isEqualTo(IpAddress.parse(SERVER));
        assertThat(association.acceptorPort()).isEqualTo(50000);
    }

    @Test
    void midStreamCommandProvesAssociation() {
        DicomConnectionTracker tracker = tracker(connection(false), KnownScpEndpoints.NONE);
        byte[] dataTail = new byte[300];
        Arrays.fill(dataTail, (byte) 0x5A);
        send(tracker, CLIENT_TO_SERVER, concat(dataTail, pDataTf(commandPdv(1, true, storeRq(7, "1.2.3.4")))));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, storeRsp(7, 0, "1.2.3.4"))));
        assertThat(listener.events).containsExactly("midStream 192.0.2.10>192.0.2.20:104", "C-STORE-RQ from requestor",
                "C-STORE-RSP from acceptor");
        assertThat(listener.associations.get(0).midStream()).isTrue();
        assertThat(listener.associations.get(0).callingAeTitle()).isNull();
    }

    @Test
    void midStreamFindResponseInfersRequestor() {
        DicomConnectionTracker tracker = tracker(connection(false), KnownScpEndpoints.NONE);
        byte[] findResponse = commandSet().uid(0x0002, "1.2.840.10008.5.1.4.1.2.2.1").us(0x0100, 0x8020)
                .us(0x0120, 3).us(0x0800, 0x0000).us(0x0900, 0xFF00).bytes();
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, findResponse)));
        ObservedAssociation association = listener.associations.get(0);
        assertThat(association.requestorAddress()).isEqualTo(IpAddress.parse(SERVER));
    }

    @Test
    void dataOnlyMidStreamIsNotEnough() {
        FakeConnection connection = connection(false);
        DicomConnectionTracker tracker = tracker(connection, KnownScpEndpoints.NONE);
        byte[] fragment = new byte[4000];
        send(tracker, CLIENT_TO_SERVER, concat(pDataTf(dataPdv(1, false, fragment)), pDataTf(dataPdv(1, true,
                fragment))));
        assertThat(listener.events).isEmpty();
        assertThat(connection.ignored()).isFalse();
    }

    @Test
    void knownScpPicksUpDataOnlyStream() {
        KnownScpEndpoints known = (address, port) -> address.equals(IpAddress.parse(SERVER)) && port == 104;
        DicomConnectionTracker tracker = tracker(connection(false), known);
        byte[] fragment = new byte[4000];
        send(tracker, CLIENT_TO_SERVER, concat(new byte[] {1, 2, 3}, pDataTf(dataPdv(1, false, fragment))));
        assertThat(listener.events).containsExactly("midStream 192.0.2.10>192.0.2.20:104");
    }

    @Test
    void knownScpOnClientSideSwapsRoles() {
        KnownScpEndpoints known = (address, port) -> address.equals(IpAddress.parse(CLIENT)) && port == 50000;
        DicomConnectionTracker tracker = tracker(connection(false), known);
        send(tracker, SERVER_TO_CLIENT, pDataTf(dataPdv(1, true, new byte[100])));
        assertThat(listener.associations.get(0).acceptorAddress()).isEqualTo(IpAddress.parse(CLIENT));
    }

    @Test
    void noProofWithinBudgetIgnoresConnection() {
        FakeConnection connection = connection(false);
        DicomTrackingConfig config = new DicomTrackingConfig(UpperLayerLimits.DEFAULTS, 10_000, 16);
        DicomConnectionTracker tracker = new DicomConnectionTracker(connection, listener, KnownScpEndpoints.NONE,
                config, stats);
        byte[] noise = new byte[4096];
        for (int i = 0; i < 3; i++) {
            send(tracker, CLIENT_TO_SERVER, noise);
        }
        assertThat(connection.ignored()).isTrue();
    }

    @Test
    void acceptWithoutRequestStartsMidStream() {
        DicomConnectionTracker tracker = tracker(connection(false), KnownScpEndpoints.NONE);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        assertThat(listener.events).containsExactly("midStream 192.0.2.10>192.0.2.20:104", "accepted");
    }

    @Test
    void responsesPairByMessageIdNotOrder() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, associateRq("PACS", "MODALITY", applicationContext(),
                presentationContextRq(1, CT_IMAGE_STORAGE, IMPLICIT_VR_LE), userInformation()));
        send(tracker, SERVER_TO_CLIENT, associateAc("PACS", "MODALITY", applicationContext(),
                presentationContextAc(1, 0, IMPLICIT_VR_LE), userInformation()));
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.1")),
                dataPdv(1, true, new byte[10])));
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(2, "1.2.3.2")),
                dataPdv(1, true, new byte[10])));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, storeRsp(2, 0, "1.2.3.2"))));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, storeRsp(1, 0xA700, "1.2.3.1"))));
        assertThat(listener.matchedRequests.get(2).affectedSopInstanceUid()).isEqualTo("1.2.3.2");
        assertThat(listener.matchedRequests.get(3).affectedSopInstanceUid()).isEqualTo("1.2.3.1");
        assertThat(stats.unmatchedResponses).isZero();
    }

    @Test
    void unmatchedResponseIsCounted() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(9))));
        assertThat(stats.unmatchedResponses).isEqualTo(1);
    }

    @Test
    void responseOfOtherTypeLeavesRequestPending() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(5))));
        byte[] storeResponse = commandSet().uid(0x0002, VERIFICATION).us(0x0100, 0x8001).us(0x0120, 5)
                .us(0x0800, 0x0101).us(0x0900, 0x0000).bytes();
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, storeResponse)));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(5))));
        assertThat(listener.matchedRequests.get(1)).isNull();
        assertThat(listener.matchedRequests.get(2).commandField()).isEqualTo(CommandField.C_ECHO_RQ);
        assertThat(stats.unmatchedResponses).isEqualTo(1);
    }

    @Test
    void twoTypesShareMessageId() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(5))));
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(5, "1.2.3.5")),
                dataPdv(1, true, new byte[10])));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, storeRsp(5, 0, "1.2.3.5"))));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(5))));
        assertThat(listener.matchedRequests.get(2).commandField()).isEqualTo(CommandField.C_STORE_RQ);
        assertThat(listener.matchedRequests.get(3).commandField()).isEqualTo(CommandField.C_ECHO_RQ);
        assertThat(stats.unmatchedResponses).isZero();
    }

    @Test
    void requestCutByCloseStillCounts() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        tracker.onData(CLIENT_TO_SERVER, request, 0, 120, 1_000);
        tracker.onClose(CloseReason.FIN, 2_000);

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "ended CLOSED_WITHOUT_RELEASE");
    }

    @Test
    void dataAfterRejectStartsNoAssociation() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, associateRj(1, 1, 7));
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, CLIENT_TO_SERVER, releaseRq());

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP",
                "rejected called-AE-title-not-recognized");
        assertThat(stats.unexpectedPdus).isEqualTo(1);
        assertThat(stats.midStreamAssociations).isZero();
    }

    @Test
    void acceptorAnsweringAfterRejectShowsAssociation() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, associateRj(1, 1, 7));
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(1))));

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP",
                "rejected called-AE-title-not-recognized", "midStream 192.0.2.10>192.0.2.20:104",
                "C-ECHO-RSP from acceptor");
        assertThat(stats.unexpectedPdus).isEqualTo(1);
    }

    @Test
    void lateResponseAfterAbortIsKept() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, CLIENT_TO_SERVER, abort(0, 0));
        byte[] response = pDataTf(commandPdv(1, true, echoResponse(1)));
        send(tracker, SERVER_TO_CLIENT, response);
        tracker.onClose(CloseReason.FIN, 2_000);

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor", "ended ABORTED", "C-ECHO-RSP from acceptor");
        assertThat(listener.associations).hasSize(1);
        assertThat(listener.matchedRequests.get(1)).isNotNull();
        assertThat(listener.bytesFromAcceptor).isEqualTo(echoAccept().length + response.length);
        assertThat(stats.midStreamAssociations).isZero();
        assertThat(stats.unmatchedResponses).isZero();
    }

    @Test
    void responseSplitAroundAbortIsKept() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        // dcmtk writes a PDU's header and its PDV header first, and the abort can pass in between.
        byte[] response = pDataTf(commandPdv(1, true, echoResponse(1)));
        tracker.onData(SERVER_TO_CLIENT, response, 0, 12, 1_000);
        send(tracker, CLIENT_TO_SERVER, abort(0, 0));
        tracker.onData(SERVER_TO_CLIENT, response, 12, response.length - 12, 1_000);

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor", "ended ABORTED", "C-ECHO-RSP from acceptor");
        assertThat(stats.midStreamAssociations).isZero();
    }

    @Test
    void newResponseAfterAbortStartsMidStream() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, CLIENT_TO_SERVER, abort(0, 0));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(1))));
        // The endpoints go on: the abort was forged, and the capture must show the association.
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(2))));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(2))));

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor", "ended ABORTED", "C-ECHO-RSP from acceptor",
                "midStream 192.0.2.10>192.0.2.20:104", "C-ECHO-RSP from acceptor");
        assertThat(stats.unexpectedPdus).isEqualTo(1);
    }

    @Test
    void acceptorAbortKeepsNoRequestInFlight() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        send(tracker, SERVER_TO_CLIENT, abort(2, 6));
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(1))));

        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor", "ended ABORTED", "midStream 192.0.2.10>192.0.2.20:104",
                "C-ECHO-RSP from acceptor");
    }

    @Test
    void secondRequestEndsFirstAssociation() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "ended CLOSED_WITHOUT_RELEASE", "requested ECHOSCU>STORESCP");
    }

    @Test
    void gapThenCommandStillCounts() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onGap(CLIENT_TO_SERVER, 1000, 1_500);
        send(tracker, CLIENT_TO_SERVER, concat(new byte[77], pDataTf(commandPdv(1, true, echoRq(2)))));
        assertThat(listener.events).endsWith("C-ECHO-RQ from requestor");
        assertThat(stats.gaps).isEqualTo(1);
    }

    @Test
    void malformedPduInAssociationIsCountedNotFatal() {
        FakeConnection connection = connection(true);
        DicomConnectionTracker tracker = tracker(connection, KnownScpEndpoints.NONE);
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, new byte[] {0x09, 0, 0, 0, 0, 4, 1, 2, 3, 4});
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(2))));
        assertThat(connection.ignored()).isFalse();
        assertThat(stats.totalAnomalies()).isPositive();
        assertThat(listener.events).endsWith("C-ECHO-RQ from requestor");
    }

    @Test
    void paddedRequestStillShowsTitles() {
        UpperLayerLimits limits = new UpperLayerLimits(1024, 1 << 16, 256, 16L << 20, false);
        DicomTrackingConfig config = new DicomTrackingConfig(limits, 1 << 20, 16);
        DicomConnectionTracker tracker = new DicomConnectionTracker(connection(true), listener,
                KnownScpEndpoints.NONE, config, stats);
        byte[] padding = new byte[4000];
        send(tracker, CLIENT_TO_SERVER, associateRq("STORESCP", "HIDDEN", applicationContext(),
                PduBuilder.item(0xF0, padding), presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE)));
        assertThat(listener.events).containsExactly("requested HIDDEN>STORESCP");
        assertThat(stats.anomalies(UpperLayerAnomaly.ASSOCIATE_PDU_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void requestCutByLossKeepsTitles() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        int received = 120;
        send(tracker, CLIENT_TO_SERVER, java.util.Arrays.copyOf(request, received));
        tracker.onGap(CLIENT_TO_SERVER, request.length - received, 1_500);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted");
        assertThat(stats.midStreamAssociations).isZero();
    }

    @Test
    void requestCutBeforeContextJoinsItsAccept() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        int received = 80;
        send(tracker, CLIENT_TO_SERVER, java.util.Arrays.copyOf(request, received));
        tracker.onGap(CLIENT_TO_SERVER, request.length - received, 1_500);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted");
        assertThat(stats.malformedAssociateRequests).isZero();
    }

    @Test
    void lossInsideFixedPartLeavesRequestUnknown() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        send(tracker, CLIENT_TO_SERVER, java.util.Arrays.copyOf(request, 40));
        tracker.onGap(CLIENT_TO_SERVER, request.length - 40, 1_500);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        assertThat(listener.events).containsExactly("midStream 192.0.2.10>192.0.2.20:104", "accepted");
    }

    @Test
    void reusedConnectionEndsItsAssociation() {
        DicomConnectionTracker released = tracker(connection(true), KnownScpEndpoints.NONE);
        send(released, CLIENT_TO_SERVER, echoRequest());
        send(released, SERVER_TO_CLIENT, echoAccept());
        send(released, CLIENT_TO_SERVER, releaseRq());
        released.onClose(CloseReason.REUSED, 2_000);
        DicomConnectionTracker dropped = tracker(connection(true), KnownScpEndpoints.NONE);
        send(dropped, CLIENT_TO_SERVER, echoRequest());
        send(dropped, SERVER_TO_CLIENT, echoAccept());
        dropped.onClose(CloseReason.REUSED, 3_000);
        assertThat(listener.events).contains("ended RELEASED", "ended CLOSED_WITHOUT_RELEASE");
    }

    @Test
    void answeredIncompleteRequestJoinsItsAccept() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        send(tracker, CLIENT_TO_SERVER, java.util.Arrays.copyOf(request, request.length - 1));
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onGap(CLIENT_TO_SERVER, 1, 1_500);
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor");
    }

    @Test
    void acceptBeforeRequestJoinsIt() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, echoRq(1))));
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted",
                "C-ECHO-RQ from requestor");
        assertThat(stats.midStreamAssociations).isZero();
        assertThat(stats.unexpectedPdus).isZero();
    }

    @Test
    void acceptBeforeRequestEndKeepsWholeRequest() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        byte[] request = echoRequest();
        int split = request.length - 10;
        tracker.onData(CLIENT_TO_SERVER, request, 0, split, 1_000);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onData(CLIENT_TO_SERVER, request, split, request.length - split, 1_000);
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP", "accepted");
        assertThat(listener.associations.get(0).request().userInformation().implementationClassUid())
                .isEqualTo("1.2.276.0.7230010.3.0.3.6.7");
    }

    @Test
    void rejectBeforeRequestKeepsRejection() {
        FakeConnection connection = connection(true);
        DicomConnectionTracker tracker = tracker(connection, KnownScpEndpoints.NONE);
        send(tracker, SERVER_TO_CLIENT, associateRj(1, 1, 7));
        send(tracker, CLIENT_TO_SERVER, echoRequest());
        assertThat(connection.ignored()).isFalse();
        assertThat(listener.events).containsExactly("requested ECHOSCU>STORESCP",
                "rejected called-AE-title-not-recognized");
    }

    @Test
    void acceptWithoutRequestWaitsForNextPdu() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        assertThat(listener.events).isEmpty();
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, echoResponse(1))));
        assertThat(listener.events).containsExactly("midStream 192.0.2.10>192.0.2.20:104", "accepted",
                "C-ECHO-RSP from acceptor");
    }

    @Test
    void acceptWithoutRequestCountsAtClose() {
        DicomConnectionTracker tracker = tracker(connection(true), KnownScpEndpoints.NONE);
        send(tracker, SERVER_TO_CLIENT, echoAccept());
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(listener.events).containsExactly("midStream 192.0.2.10>192.0.2.20:104", "accepted",
                "ended CLOSED_WITHOUT_RELEASE");
    }
}
