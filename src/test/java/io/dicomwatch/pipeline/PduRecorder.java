package io.dicomwatch.pipeline;

import io.dicomwatch.capture.CaptureFileSource;
import io.dicomwatch.capture.CaptureFiles;
import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.PacketDecoder;
import io.dicomwatch.capture.TcpSegment;
import io.dicomwatch.dicom.AbortPdu;
import io.dicomwatch.dicom.AssociateAcPdu;
import io.dicomwatch.dicom.AssociateRjPdu;
import io.dicomwatch.dicom.AssociateRqPdu;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.UpperLayerAnomaly;
import io.dicomwatch.dicom.UpperLayerDecoder;
import io.dicomwatch.dicom.UpperLayerLimits;
import io.dicomwatch.dicom.UpperLayerListener;
import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.ConnectionListener;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.ReassemblyConfig;
import io.dicomwatch.tcp.StreamListener;
import io.dicomwatch.tcp.TcpConnection;
import io.dicomwatch.tcp.TcpReassembler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Decodes every direction of every connection of a capture with its own {@link UpperLayerDecoder}
 * and records the PDUs as text, keyed by connection and direction. Data set bytes are recorded per
 * PDV as a count and CRC-32, so the record does not depend on how the stream was cut.
 */
final class PduRecorder implements ConnectionListener {
    private final Map<String, List<String>> events = new TreeMap<>();
    private TcpReassembler reassembler;

    /** Replays {@code file} through the packet decoder and a reassembler with default bounds. */
    static PduRecorder replay(Path file) throws IOException {
        PduRecorder recorder = new PduRecorder();
        recorder.reassembler = new TcpReassembler(recorder, ReassemblyConfig.DEFAULTS);
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        Frame frame = new Frame();
        long last = 0;
        try (CaptureFileSource source = CaptureFiles.open(List.of(file))) {
            while (source.next(frame)) {
                last = Math.max(last, frame.timestampNanos);
                if (decoder.decode(frame, segment)) {
                    recorder.reassembler.onSegment(segment);
                }
            }
        }
        recorder.reassembler.closeAll(last);
        return recorder;
    }

    /** PDU events by connection ("client > server") and direction. */
    Map<String, List<String>> events() {
        return events;
    }

    TcpReassembler reassembler() {
        return reassembler;
    }

    @Override
    public StreamListener onConnectionOpened(TcpConnection connection, long timestampNanos) {
        String name = connection.clientAddress() + ":" + connection.clientPort() + " > "
                + connection.serverAddress() + ":" + connection.serverPort() + " #" + connection.id();
        UpperLayerDecoder[] decoders = new UpperLayerDecoder[2];
        for (Direction direction : Direction.values()) {
            List<String> log = events.computeIfAbsent(name + " " + direction, ignored -> new ArrayList<>());
            decoders[direction.ordinal()] = new UpperLayerDecoder(new Events(log), UpperLayerLimits.DEFAULTS,
                    connection.streamStartSeen(direction));
        }
        return new StreamListener() {
            @Override
            public void onData(Direction direction, byte[] data, int offset, int length, long timestampNanos) {
                decoders[direction.ordinal()].feed(data, offset, length);
            }

            @Override
            public void onGap(Direction direction, long lostBytes, long timestampNanos) {
                decoders[direction.ordinal()].onGap(lostBytes);
            }

            @Override
            public void onClose(CloseReason reason, long timestampNanos) {
                // The events are complete; the close reason is compared through the inventory.
            }
        };
    }

    /** Appends one line per PDU, command, PDV end, anomaly and resynchronisation. */
    private static final class Events implements UpperLayerListener {
        private final List<String> log;
        private final CRC32 crc = new CRC32();
        private long dataBytes;

        Events(List<String> log) {
            this.log = log;
        }

        @Override
        public void onAssociateRq(AssociateRqPdu pdu) {
            log.add("A-ASSOCIATE-RQ " + pdu);
        }

        @Override
        public void onAssociateAc(AssociateAcPdu pdu) {
            log.add("A-ASSOCIATE-AC " + pdu);
        }

        @Override
        public void onAssociateRj(AssociateRjPdu pdu) {
            log.add("A-ASSOCIATE-RJ " + pdu);
        }

        @Override
        public void onPDataTf(long length) {
            log.add("P-DATA-TF " + length);
        }

        @Override
        public void onCommand(int presentationContextId, DimseCommand command) {
            log.add("command " + presentationContextId + " " + command);
        }

        @Override
        public void onDataSetFragment(int presentationContextId, byte[] data, int offset, int length,
                boolean lastFragment) {
            crc.update(data, offset, length);
            dataBytes += length;
            if (lastFragment) {
                log.add("data set " + presentationContextId + " bytes=" + dataBytes + " crc=" + crc.getValue());
                crc.reset();
                dataBytes = 0;
            }
        }

        @Override
        public void onReleaseRq() {
            log.add("A-RELEASE-RQ");
        }

        @Override
        public void onReleaseRp() {
            log.add("A-RELEASE-RP");
        }

        @Override
        public void onAbort(AbortPdu pdu) {
            log.add("A-ABORT " + pdu);
        }

        @Override
        public void onAnomaly(UpperLayerAnomaly anomaly, long streamOffset) {
            log.add("anomaly " + anomaly + " at " + streamOffset);
        }

        @Override
        public void onResynchronised(long skippedBytes, long streamOffset) {
            log.add("resynchronised after " + skippedBytes + " at " + streamOffset);
        }
    }
}
