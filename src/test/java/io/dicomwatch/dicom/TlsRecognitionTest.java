package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.tcp.CloseReason;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsRecognitionTest {
    /** Start of a TLS 1.2-style ClientHello record as OpenSSL 3 sends it: 16 03 01, length 0x011f. */
    static final byte[] CLIENT_HELLO = concat(bytes(0x16, 0x03, 0x01, 0x01, 0x1f, 0x01, 0x00, 0x01, 0x1b, 0x03,
            0x03), new byte[40]);
    static final byte[] SERVER_HELLO = concat(bytes(0x16, 0x03, 0x03, 0x00, 0x9b, 0x02, 0x00, 0x00, 0x97, 0x03,
            0x03), new byte[40]);

    private final List<String> seen = new ArrayList<>();
    private final AssociationListener listener = new RecordingAssociationListener() {
        @Override
        public void onTlsHandshake(TcpConnection connection, Direction direction, int handshakeType, long time) {
            seen.add(direction + " " + handshakeType);
        }

        @Override
        public void onNonDicomConnectionClosed(TcpConnection connection, long timestampNanos) {
            seen.add("closed without DICOM");
        }
    };

    @Test
    void recognisesClientHello() {
        assertThat(TlsRecognizer.handshakeType(CLIENT_HELLO, 0, CLIENT_HELLO.length))
                .isEqualTo(TlsRecognizer.CLIENT_HELLO);
    }

    @Test
    void recognisesServerHello() {
        assertThat(TlsRecognizer.handshakeType(SERVER_HELLO, 0, SERVER_HELLO.length))
                .isEqualTo(TlsRecognizer.SERVER_HELLO);
    }

    @Test
    void rejectsAssociateRequest() {
        byte[] request = PduBuilder.pdu(0x01, new byte[68]);
        assertThat(TlsRecognizer.handshakeType(request, 0, request.length)).isEqualTo(-1);
    }

    @Test
    void rejectsShortOrApplicationData() {
        assertThat(TlsRecognizer.handshakeType(CLIENT_HELLO, 0, 8)).isEqualTo(-1);
        byte[] applicationData = CLIENT_HELLO.clone();
        applicationData[0] = 0x17;
        assertThat(TlsRecognizer.handshakeType(applicationData, 0, applicationData.length)).isEqualTo(-1);
    }

    @Test
    void trackerReportsBothHellosThenIgnores() {
        FakeConnection connection = new FakeConnection("192.0.2.30", 40030, "192.0.2.20", 2762, true);
        DicomStats stats = new DicomStats();
        DicomConnectionTracker tracker = new DicomConnectionTracker(connection, listener, KnownScpEndpoints.NONE,
                DicomTrackingConfig.DEFAULTS, stats);
        tracker.onData(Direction.CLIENT_TO_SERVER, CLIENT_HELLO, 0, CLIENT_HELLO.length, 1);
        tracker.onData(Direction.SERVER_TO_CLIENT, SERVER_HELLO, 0, SERVER_HELLO.length, 2);
        tracker.onClose(CloseReason.FIN, 3);
        assertThat(seen).containsExactly("CLIENT_TO_SERVER 1", "SERVER_TO_CLIENT 2", "closed without DICOM");
        assertThat(connection.ignored()).isTrue();
        assertThat(stats.tlsHandshakes).isEqualTo(2);
    }
}
