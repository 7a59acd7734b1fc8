package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.CT_IMAGE_STORAGE;
import static io.dicomwatch.dicom.PduBuilder.EXPLICIT_VR_LE;
import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.commandSet;
import static io.dicomwatch.dicom.PduBuilder.dataPdv;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.storeRq;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static io.dicomwatch.tcp.Direction.CLIENT_TO_SERVER;
import static io.dicomwatch.tcp.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The tracker's reading of request data sets, driven through whole PDUs. */
class DataSetTapsTest {
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final int PATIENT_NAME = 0x00100010;

    /** Records stored-object summaries as text and the key shapes of query identifiers. */
    private static final class Recorder implements AssociationListener {
        final List<String> stored = new ArrayList<>();
        final List<QueryShape> keys = new ArrayList<>();

        @Override
        public void onRequested(ObservedAssociation association, long timestampNanos) {
        }

        @Override
        public void onMidStreamDetected(ObservedAssociation association, long timestampNanos) {
        }

        @Override
        public void onAccepted(ObservedAssociation association, long timestampNanos) {
        }

        @Override
        public void onRejected(ObservedAssociation association, AssociateRjPdu reject, long timestampNanos) {
        }

        @Override
        public void onCommand(ObservedAssociation association, DimseCommand command, boolean fromRequestor,
                DimseCommand matchedRequest, long timestampNanos) {
        }

        @Override
        public void onBytes(ObservedAssociation association, boolean fromRequestor, long bytes, long timestampNanos) {
        }

        @Override
        public void onEnded(ObservedAssociation association, AssociationEnd end, AbortPdu abort,
                long timestampNanos) {
        }

        @Override
        public void onStoredObject(ObservedAssociation association, DimseCommand request, boolean fromRequestor,
                StoredObjectSummary summary, long timestampNanos) {
            stored.add(summary.stationName() + " " + summary.encoding() + " " + summary.outcome() + " "
                    + summary.studyInstanceUidLength() + " " + fromRequestor);
        }

        @Override
        public void onQueryIdentifier(ObservedAssociation association, DimseCommand request, List<QueryShape> shapes,
                long timestampNanos) {
            keys.addAll(shapes);
        }
    }

    private final Recorder recorder = new Recorder();
    private final DicomStats stats = new DicomStats();

    private DicomConnectionTracker tracker(boolean streamStartSeen) {
        FakeConnection connection = new FakeConnection("192.0.2.10", 50000, "192.0.2.20", 104, streamStartSeen);
        return new DicomConnectionTracker(connection, recorder, KnownScpEndpoints.NONE, DicomTrackingConfig.DEFAULTS,
                stats);
    }

    private static void send(DicomConnectionTracker tracker, Direction direction, byte[] bytes) {
        tracker.onData(direction, bytes, 0, bytes.length, 1_000);
    }

    private static void associate(DicomConnectionTracker tracker, String sopClass, String transferSyntax) {
        send(tracker, CLIENT_TO_SERVER, associateRq("SCP", "MODALITY", applicationContext(),
                presentationContextRq(1, sopClass, transferSyntax), userInformation()));
        send(tracker, SERVER_TO_CLIENT, associateAc("SCP", "MODALITY", applicationContext(),
                presentationContextAc(1, 0, transferSyntax), userInformation()));
    }

    private static byte[] equipment() {
        return DataSetBytes.explicitLittle()
                .text(TagPolicy.MODALITY, "CS", "CT")
                .text(TagPolicy.STATION_NAME, "SH", "CT07")
                .text(PATIENT_NAME, "PN", "SECRET^NAME ")
                .text(TagPolicy.STUDY_INSTANCE_UID, "UI", "1.2.3\0")
                .text(0x0020000E, "UI", "1.2.3.4\0")
                .bytes();
    }

    private static byte[] deflate(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(plain);
        deflater.finish();
        byte[] out = new byte[plain.length + 64];
        int length = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, length);
    }

    @Test
    void explicitDataSetInTwoPdvs() {
        DicomConnectionTracker tracker = tracker(true);
        associate(tracker, CT_IMAGE_STORAGE, EXPLICIT_VR_LE);
        byte[] data = equipment();
        byte[] first = Arrays.copyOfRange(data, 0, 13);
        byte[] rest = Arrays.copyOfRange(data, 13, data.length);
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.4.5"))));
        send(tracker, CLIENT_TO_SERVER, pDataTf(dataPdv(1, false, first)));
        send(tracker, CLIENT_TO_SERVER, pDataTf(dataPdv(1, true, rest)));
        assertThat(recorder.stored).containsExactly("CT07 EXPLICIT_LITTLE COMPLETE 5 true");
    }

    @Test
    void deflatedDataSetIsInflated() {
        DicomConnectionTracker tracker = tracker(true);
        associate(tracker, CT_IMAGE_STORAGE, DEFLATED);
        byte[] deflated = deflate(equipment());
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.4.5"))));
        for (int i = 0; i < deflated.length; i += 7) {
            byte[] piece = Arrays.copyOfRange(deflated, i, Math.min(deflated.length, i + 7));
            send(tracker, CLIENT_TO_SERVER, pDataTf(dataPdv(1, i + 7 >= deflated.length, piece)));
        }
        assertThat(recorder.stored).containsExactly("CT07 EXPLICIT_LITTLE COMPLETE 5 true");
    }

    @Test
    void corruptDeflateIsMalformed() {
        DicomConnectionTracker tracker = tracker(true);
        associate(tracker, CT_IMAGE_STORAGE, DEFLATED);
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.4.5"))));
        send(tracker, CLIENT_TO_SERVER, pDataTf(dataPdv(1, true, new byte[] {(byte) 0xFF, 0x00, 0x11, 0x22})));
        assertThat(recorder.stored).containsExactly("null EXPLICIT_LITTLE MALFORMED 0 true");
        assertThat(stats.dataSetsMalformed).isEqualTo(1);
    }

    @Test
    void midStreamDataSetEncodingIsInferred() {
        DicomConnectionTracker tracker = tracker(false);
        byte[] data = DataSetBytes.implicitLittle()
                .text(TagPolicy.MODALITY, null, "MR")
                .text(TagPolicy.STATION_NAME, null, "MR02")
                .bytes();
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.4.5")),
                dataPdv(1, true, data)));
        assertThat(recorder.stored).containsExactly("MR02 IMPLICIT_LITTLE ENDED 0 true");
    }

    @Test
    void midStreamDeflatedDataSetIsNotGuessed() {
        DicomConnectionTracker tracker = tracker(false);
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, storeRq(1, "1.2.3.4.5")),
                dataPdv(1, true, deflate(equipment()))));
        assertThat(recorder.stored).containsExactly("null UNKNOWN MALFORMED 0 true");
    }

    @Test
    void findRequestGivesShapesOnly() {
        DicomConnectionTracker tracker = tracker(true);
        associate(tracker, STUDY_ROOT_FIND, EXPLICIT_VR_LE);
        byte[] find = commandSet().uid(0x0002, STUDY_ROOT_FIND).us(0x0100, 0x0020).us(0x0110, 3)
                .us(0x0700, 0).us(0x0800, 0x0000).bytes();
        byte[] query = DataSetBytes.explicitLittle()
                .text(0x00080052, "CS", "STUDY ")
                .text(PATIENT_NAME, "PN", "* ")
                .bytes();
        send(tracker, CLIENT_TO_SERVER, pDataTf(commandPdv(1, true, find), dataPdv(1, true, query)));
        assertThat(recorder.keys).containsExactly(new QueryShape(0x00080052, 6, false, false),
                new QueryShape(PATIENT_NAME, 2, false, true));
        assertThat(recorder.stored).isEmpty();
    }

    @Test
    void findResponseIsNotRead() {
        DicomConnectionTracker tracker = tracker(true);
        associate(tracker, STUDY_ROOT_FIND, EXPLICIT_VR_LE);
        byte[] response = commandSet().uid(0x0002, STUDY_ROOT_FIND).us(0x0100, 0x8020).us(0x0120, 3)
                .us(0x0800, 0x0000).us(0x0900, 0xFF00).bytes();
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, response), dataPdv(1, true, equipment())));
        assertThat(recorder.keys).isEmpty();
        assertThat(recorder.stored).isEmpty();
    }

    @Test
    void storeFromAcceptorIsAttributedToAcceptor() {
        DicomConnectionTracker tracker = tracker(true);
        associate(tracker, CT_IMAGE_STORAGE, EXPLICIT_VR_LE);
        send(tracker, SERVER_TO_CLIENT, pDataTf(commandPdv(1, true, storeRq(9, "1.2.3.4.5")),
                dataPdv(1, true, equipment())));
        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(recorder.stored).containsExactly("CT07 EXPLICIT_LITTLE COMPLETE 5 false");
    }
}
