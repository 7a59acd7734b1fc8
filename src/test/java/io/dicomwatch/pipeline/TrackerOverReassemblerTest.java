package io.dicomwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.TcpSegment;
import io.dicomwatch.dicom.DicomConnectionListener;
import io.dicomwatch.dicom.DicomStats;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.KnownScpEndpoints;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryBuilder;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.tcp.ReassemblyConfig;
import io.dicomwatch.tcp.TcpReassembler;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reassembler and the DICOM tracker together: whether a seen SYN makes the first bytes decisive. */
class TrackerOverReassemblerTest {
    private static final byte[] CLIENT = {(byte) 192, 0, 2, 10};
    private static final byte[] SERVER = {(byte) 192, 0, 2, 20};

    private final DicomConnectionListener dicom = new DicomConnectionListener(
            new InventoryBuilder(new Inventory(InventoryLimits.DEFAULTS)), KnownScpEndpoints.NONE,
            DicomTrackingConfig.DEFAULTS);
    private final TcpReassembler reassembler = new TcpReassembler(dicom, ReassemblyConfig.DEFAULTS);
    private final TcpSegment segment = new TcpSegment();

    private void send(boolean fromClient, long sequence, int flags, byte[] payload) {
        segment.timestampNanos += 1_000;
        segment.ipVersion = 4;
        System.arraycopy(fromClient ? CLIENT : SERVER, 0, segment.sourceAddress, 0, 4);
        System.arraycopy(fromClient ? SERVER : CLIENT, 0, segment.destinationAddress, 0, 4);
        segment.sourcePort = fromClient ? 40000 : 104;
        segment.destinationPort = fromClient ? 104 : 40000;
        segment.sequenceNumber = sequence;
        segment.acknowledgementNumber = 0;
        segment.flags = flags;
        segment.payload = payload;
        segment.payloadOffset = 0;
        segment.payloadLength = payload.length;
        segment.payloadMissing = 0;
        segment.sourceMac = -1;
        segment.destinationMac = -1;
        reassembler.onSegment(segment);
    }

    @Test
    void httpAfterHandshakeIsIgnoredAtOnce() {
        send(true, 1000, TcpSegment.SYN, new byte[0]);
        send(false, 5000, TcpSegment.SYN | TcpSegment.ACK, new byte[0]);
        send(true, 1001, TcpSegment.ACK | TcpSegment.PSH,
                "GET /wado?studyUID=1 HTTP/1.1\r\nHost: pacs\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        DicomStats stats = dicom.stats();
        assertThat(stats.connectionsIgnored).isEqualTo(1);
        assertThat(reassembler.stats().ignoredConnections).isEqualTo(1);
    }

    @Test
    void bytesWithoutHandshakeAreScannedNotIgnored() {
        send(true, 1001, TcpSegment.ACK | TcpSegment.PSH,
                "GET /wado?studyUID=1 HTTP/1.1\r\nHost: pacs\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(dicom.stats().connectionsIgnored).isZero();
    }
}
