package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.dataPdv;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.pduWithLength;
import static io.dicomwatch.dicom.PduBuilder.u32;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResynchroniserTest {
    private final Resynchroniser resynchroniser = new Resynchroniser(UpperLayerLimits.DEFAULTS);

    private int evaluate(byte[] bytes) {
        StreamWindow window = new StreamWindow();
        window.set(bytes, 0, bytes.length, new byte[0], 0, 0);
        return resynchroniser.evaluate(window, 0);
    }

    private int evaluateSplit(byte[] bytes, int split) {
        StreamWindow window = new StreamWindow();
        window.set(bytes, 0, split, bytes, split, bytes.length - split);
        return resynchroniser.evaluate(window, 0);
    }

    @Test
    void pDataSinglePdvAccepted() {
        assertThat(evaluate(pDataTf(dataPdv(1, false, new byte[20])))).isEqualTo(Resynchroniser.ACCEPT);
    }

    @Test
    void pDataAcceptedAcrossWindowParts() {
        byte[] pdu = pDataTf(dataPdv(1, false, new byte[20]));
        for (int split = 0; split <= pdu.length; split++) {
            assertThat(evaluateSplit(pdu, split)).as("split %d", split).isEqualTo(Resynchroniser.ACCEPT);
        }
    }

    @Test
    void pDataEvenContextRejected() {
        assertThat(evaluate(pDataTf(dataPdv(2, false, new byte[20])))).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataControlHeaderAbove3Rejected() {
        assertThat(evaluate(pDataTf(PduBuilder.pdv(1, 0x04, new byte[20])))).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataReservedByteRejected() {
        byte[] pdu = pDataTf(dataPdv(1, false, new byte[20]));
        pdu[1] = 1;
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataTooLongRejected() {
        byte[] pdu = pduWithLength(0x04, (16L << 20) + 1, concat(u32(8), bytes(1, 0), new byte[6]));
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataPdvOverrunRejected() {
        byte[] pdu = pduWithLength(0x04, 20, concat(u32(17), bytes(1, 0), new byte[20]));
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataSecondPdvChecked() {
        byte[] good = pDataTf(commandPdv(1, true, new byte[10]), dataPdv(1, true, new byte[10]));
        byte[] bad = Arrays.copyOf(good, good.length);
        bad[6 + 16 + 4] = 2;
        assertThat(evaluate(good)).isEqualTo(Resynchroniser.ACCEPT);
        assertThat(evaluate(bad)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataRoomUnderPdvHeaderRejected() {
        byte[] pdu = pduWithLength(0x04, 17, concat(u32(11), bytes(1, 0), new byte[9], new byte[4]));
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void pDataSecondPdvBeyondLookaheadAccepted() {
        byte[] pdu = pDataTf(dataPdv(1, false, new byte[200]), dataPdv(1, true, new byte[10]));
        assertThat(evaluate(Arrays.copyOf(pdu, 20))).isEqualTo(Resynchroniser.ACCEPT);
    }

    @Test
    void pDataWaitsForSecondPdv() {
        byte[] pdu = pDataTf(commandPdv(1, true, new byte[10]), dataPdv(1, true, new byte[10]));
        assertThat(evaluate(Arrays.copyOf(pdu, 25))).isEqualTo(Resynchroniser.NEED_MORE);
    }

    @Test
    void shortPrefixNeedsMore() {
        assertThat(evaluate(bytes(0x04, 0x00, 0x00))).isEqualTo(Resynchroniser.NEED_MORE);
    }

    @Test
    void unknownTypeRejectedAtOnce() {
        assertThat(evaluate(bytes(0x08))).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void associateRequestAccepted() {
        byte[] pdu = PduBuilder.associateRq("A", "B", PduBuilder.applicationContext());
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.ACCEPT);
        assertThat(evaluate(Arrays.copyOf(pdu, 77))).isEqualTo(Resynchroniser.NEED_MORE);
    }

    @Test
    void associateWithoutApplicationContextRejected() {
        byte[] pdu = PduBuilder.associateRq("A", "B", PduBuilder.presentationContextRq(1, "1.2"));
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void associateEvenVersionRejected() {
        byte[] pdu = PduBuilder.associateAc("A", "B", PduBuilder.applicationContext());
        pdu[7] = 2;
        assertThat(evaluate(pdu)).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void fixedPdusAccepted() {
        assertThat(evaluate(PduBuilder.associateRj(2, 3, 1))).isEqualTo(Resynchroniser.ACCEPT);
        assertThat(evaluate(PduBuilder.releaseRq())).isEqualTo(Resynchroniser.ACCEPT);
        assertThat(evaluate(PduBuilder.releaseRp())).isEqualTo(Resynchroniser.ACCEPT);
        assertThat(evaluate(PduBuilder.abort(2, 6))).isEqualTo(Resynchroniser.ACCEPT);
    }

    @Test
    void fixedPduBadFieldsRejected() {
        assertThat(evaluate(PduBuilder.associateRj(3, 1, 1))).isEqualTo(Resynchroniser.REJECT);
        assertThat(evaluate(PduBuilder.associateRj(1, 4, 1))).isEqualTo(Resynchroniser.REJECT);
        assertThat(evaluate(PduBuilder.abort(1, 0))).isEqualTo(Resynchroniser.REJECT);
        assertThat(evaluate(PduBuilder.abort(2, 7))).isEqualTo(Resynchroniser.REJECT);
        assertThat(evaluate(PduBuilder.pdu(0x05, bytes(0, 0, 0, 1)))).isEqualTo(Resynchroniser.REJECT);
    }

    @Test
    void fixedPduWrongLengthRejected() {
        assertThat(evaluate(PduBuilder.pdu(0x06, new byte[5]))).isEqualTo(Resynchroniser.REJECT);
    }
}
