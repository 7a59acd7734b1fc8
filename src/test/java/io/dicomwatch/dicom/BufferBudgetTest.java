package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.IMPLICIT_VR_LE;
import static io.dicomwatch.dicom.PduBuilder.VERIFICATION;
import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.userInformation;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The PDU buffer budget that the trackers of one pipeline share. */
class BufferBudgetTest {
    private static final int BUDGET = 4096;

    private final RecordingAssociationListener listener = new RecordingAssociationListener();
    private final DicomStats stats = new DicomStats();
    private final BufferBudget budget = new BufferBudget(BUDGET, stats);
    private int clientPort = 50000;

    private DicomConnectionTracker tracker() {
        return tracker(budget);
    }

    private DicomConnectionTracker tracker(BufferBudget shared) {
        FakeConnection connection = new FakeConnection("192.0.2.10", clientPort++, "192.0.2.20", 104, true);
        return new DicomConnectionTracker(connection, listener, KnownScpEndpoints.NONE, DicomTrackingConfig.DEFAULTS,
                stats, shared);
    }

    /** Builds a request for {@code calling}, padded with a filler item to {@code length} bytes in all. */
    private static byte[] paddedRequest(String calling, int length) {
        byte[] request = associateRq("STORESCP", calling, applicationContext(),
                presentationContextRq(1, VERIFICATION, IMPLICIT_VR_LE), userInformation());
        byte[] padded = Arrays.copyOf(request, length);
        int filler = length - request.length - 4;
        padded[request.length] = (byte) 0x55;
        padded[request.length + 2] = (byte) (filler >>> 8);
        padded[request.length + 3] = (byte) filler;
        int pduLength = length - 6;
        padded[2] = (byte) (pduLength >>> 24);
        padded[3] = (byte) (pduLength >>> 16);
        padded[4] = (byte) (pduLength >>> 8);
        padded[5] = (byte) pduLength;
        return padded;
    }

    private static void send(DicomConnectionTracker tracker, byte[] bytes, int from, int to) {
        tracker.onData(Direction.CLIENT_TO_SERVER, bytes, from, to - from, 1_000);
    }

    @Test
    void requestPastBudgetIsDecodedAsCut() {
        byte[] first = paddedRequest("FIRST", 6000);
        DicomConnectionTracker holder = tracker();
        send(holder, first, 0, 3000);
        byte[] second = paddedRequest("SECOND", 6000);
        DicomConnectionTracker cut = tracker();
        send(cut, second, 0, 200);
        send(cut, second, 200, 3000);
        send(cut, second, 3000, 6000);

        assertThat(listener.events).containsExactly("requested SECOND>STORESCP");
        assertThat(stats.pduBufferRejections).isEqualTo(1);
        assertThat(stats.peakPduBufferBytes).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void spentBudgetStillKeepsTitles() {
        BufferBudget small = new BufferBudget(3000 - BoundedBuffer.INITIAL_CAPACITY, stats);
        send(tracker(small), paddedRequest("FIRST", 6000), 0, 3000);
        long spent = small.used();
        byte[] request = paddedRequest("LATER", 6000);
        DicomConnectionTracker later = tracker(small);
        for (int position = 0; position < request.length; position += 1448) {
            send(later, request, position, Math.min(request.length, position + 1448));
        }

        assertThat(listener.events).containsExactly("requested LATER>STORESCP");
        assertThat(small.used()).isEqualTo(spent);
        assertThat(stats.pduBufferRejections).isEqualTo(1);
    }

    @Test
    void closeReturnsBytesToBudget() {
        DicomConnectionTracker tracker = tracker();
        send(tracker, paddedRequest("FIRST", 6000), 0, 3000);
        assertThat(budget.used()).isPositive();

        tracker.onClose(CloseReason.FIN, 2_000);
        assertThat(budget.used()).isZero();
    }

    @Test
    void wholeRequestNeedsNoBudget() {
        DicomConnectionTracker holder = tracker();
        send(holder, paddedRequest("FIRST", 6000), 0, 4000);
        byte[] whole = paddedRequest("WHOLE", 600);
        send(tracker(), whole, 0, whole.length);

        assertThat(listener.events).containsExactly("requested WHOLE>STORESCP");
        assertThat(stats.pduBufferRejections).isZero();
    }
}
