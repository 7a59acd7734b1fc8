package io.dicomwatch.tcp;

import static io.dicomwatch.tcp.Wire.clientSeq;
import static io.dicomwatch.tcp.Wire.serverSeq;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IgnoreTest {
    private final Wire wire = new Wire();

    @Test
    void ignoreStopsDelivery() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("GET ").send();
        Recorder.Stream stream = wire.recorder.only();
        stream.connection.ignore();
        wire.client().seq(clientSeq(4)).data("/ HTTP").send();
        wire.server().seq(serverSeq(0)).data("200").send();

        assertThat(stream.events).containsExactly("C GET ");
        assertThat(wire.reassembler.stats().ignoredConnections).isEqualTo(1);
    }

    @Test
    void ignoreFreesBuffers() {
        wire.handshake();
        wire.client().seq(clientSeq(5)).data("later").send();
        assertThat(wire.reassembler.stats().bufferedBytes).isPositive();

        wire.recorder.only().connection.ignore();
        assertThat(wire.reassembler.stats().bufferedBytes).isZero();
    }

    @Test
    void ignoredConnectionStillCloses() {
        wire.handshake();
        Recorder.Stream stream = wire.recorder.only();
        stream.connection.ignore();
        wire.client().fin().seq(clientSeq(100)).send();
        wire.server().fin().seq(serverSeq(100)).send();

        assertThat(stream.events).containsExactly("close FIN");
        assertThat(stream.closeCount).isEqualTo(1);
    }

    @Test
    void ignoredConnectionGetsEndOfCapture() {
        wire.handshake();
        wire.recorder.only().connection.ignore();
        wire.reassembler.closeAll(wire.now);

        assertThat(wire.recorder.only().closeReason).isEqualTo(CloseReason.END_OF_CAPTURE);
    }

    @Test
    void ignoreInsideCallbackStopsDrain() {
        wire.handshake();
        wire.client().seq(clientSeq(2)).data("CD").send();
        wire.client().seq(clientSeq(4)).data("EF").send();
        Recorder.Stream stream = wire.recorder.only();
        stream.afterData = stream.connection::ignore;
        wire.client().seq(clientSeq(0)).data("AB").send();

        assertThat(stream.events).containsExactly("C AB");
        assertThat(wire.reassembler.stats().bufferedBytes).isZero();
    }

    @Test
    void ignoreOnOpenDeliversNothing() {
        wire.recorder.onOpen = TcpConnection::ignore;
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.client().seq(clientSeq(2)).data("CD").send();

        assertThat(wire.recorder.only().events).isEmpty();
        assertThat(wire.recorder.streams).hasSize(1);
    }

    @Test
    void ignoredConnectionClosesOnAnyRst() {
        wire.handshake();
        wire.recorder.only().connection.ignore();
        wire.server().rst().seq(serverSeq(0) + 100_000_000).send();

        assertThat(wire.recorder.only().closeReason).isEqualTo(CloseReason.RST);
    }

    @Test
    void ignoreAfterCloseHasNoEffect() {
        wire.handshake();
        wire.reassembler.closeAll(wire.now);
        wire.recorder.only().connection.ignore();

        assertThat(wire.reassembler.stats().ignoredConnections).isZero();
    }
}
