package io.dicomwatch.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Records decoder events as strings. Consecutive data set fragments of one PDV are joined into one
 * event with their byte count and CRC-32, so that events do not depend on how the input was split.
 */
final class RecordingListener implements UpperLayerListener {
    final List<String> events = new ArrayList<>();
    final List<AssociateRqPdu> requests = new ArrayList<>();
    final List<AssociateAcPdu> accepts = new ArrayList<>();
    final List<DimseCommand> commands = new ArrayList<>();
    final List<UpperLayerAnomaly> anomalies = new ArrayList<>();
    int resynchronisations;
    private final boolean recordData;
    private final CRC32 crc = new CRC32();
    private boolean dataOpen;
    private int dataContext;
    private long dataBytes;
    long totalDataBytes;
    int lastFragments;

    RecordingListener() {
        this(true);
    }

    /** With {@code recordData} false, data fragments are only counted, for long streams. */
    RecordingListener(boolean recordData) {
        this.recordData = recordData;
    }

    private void add(String event) {
        closeData();
        events.add(event);
    }

    private void closeData() {
        if (dataOpen) {
            events.add("data ctx=" + dataContext + " bytes=" + dataBytes + " crc=" + Long.toHexString(crc.getValue())
                    + " last=false");
            dataOpen = false;
        }
    }

    @Override
    public void onAssociateRq(AssociateRqPdu pdu) {
        requests.add(pdu);
        add("associate-rq " + pdu);
    }

    @Override
    public void onAssociateAc(AssociateAcPdu pdu) {
        accepts.add(pdu);
        add("associate-ac " + pdu);
    }

    @Override
    public void onAssociateRj(AssociateRjPdu pdu) {
        add("associate-rj " + pdu);
    }

    @Override
    public void onPDataTf(long length) {
        add("p-data-tf " + length);
    }

    @Override
    public void onCommand(int presentationContextId, DimseCommand command) {
        commands.add(command);
        add("command ctx=" + presentationContextId + " " + command);
    }

    @Override
    public void onDataSetFragment(int presentationContextId, byte[] data, int offset, int length,
            boolean lastFragment) {
        totalDataBytes += length;
        if (lastFragment) {
            lastFragments++;
        }
        if (!recordData) {
            return;
        }
        if (dataOpen && dataContext != presentationContextId) {
            closeData();
        }
        if (!dataOpen) {
            dataOpen = true;
            dataContext = presentationContextId;
            dataBytes = 0;
            crc.reset();
        }
        crc.update(data, offset, length);
        dataBytes += length;
        if (lastFragment) {
            events.add("data ctx=" + dataContext + " bytes=" + dataBytes + " crc=" + Long.toHexString(crc.getValue())
                    + " last=true");
            dataOpen = false;
        }
    }

    @Override
    public void onReleaseRq() {
        add("release-rq");
    }

    @Override
    public void onReleaseRp() {
        add("release-rp");
    }

    @Override
    public void onAbort(AbortPdu pdu) {
        add("abort " + pdu);
    }

    @Override
    public void onAnomaly(UpperLayerAnomaly anomaly, long streamOffset) {
        anomalies.add(anomaly);
        add("anomaly " + anomaly + " at " + streamOffset);
    }

    @Override
    public void onResynchronised(long skippedBytes, long streamOffset) {
        resynchronisations++;
        add("resynchronised skipped=" + skippedBytes + " at " + streamOffset);
    }

    /** Returns the events, with an open data set run closed. */
    List<String> events() {
        closeData();
        return events;
    }
}
