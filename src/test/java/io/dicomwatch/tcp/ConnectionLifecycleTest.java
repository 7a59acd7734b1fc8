package io.dicomwatch.tcp;

import static io.dicomwatch.tcp.Wire.clientSeq;
import static io.dicomwatch.tcp.Wire.serverSeq;
import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import org.junit.jupiter.api.Test;

class ConnectionLifecycleTest {
    private static final long SECOND = 1_000_000_000L;
    private final Wire wire = new Wire();

    @Test
    void handshakeSetsRolesAndStart() {
        wire.client().syn().seq(Wire.CLIENT_ISN).mac(0xAAL).vlans(10, 20).send();
        wire.server().syn().seq(Wire.SERVER_ISN).ack(clientSeq(0)).mac(0xBBL).send();

        TcpConnection connection = wire.recorder.only().connection;
        assertThat(connection.id()).isEqualTo(1);
        assertThat(connection.clientAddress()).isEqualTo(IpAddress.parse(Wire.CLIENT));
        assertThat(connection.clientPort()).isEqualTo(Wire.CLIENT_PORT);
        assertThat(connection.serverAddress()).isEqualTo(IpAddress.parse(Wire.SERVER));
        assertThat(connection.serverPort()).isEqualTo(Wire.SERVER_PORT);
        assertThat(connection.streamStartSeen(Direction.CLIENT_TO_SERVER)).isTrue();
        assertThat(connection.streamStartSeen(Direction.SERVER_TO_CLIENT)).isTrue();
        assertThat(connection.clientMac()).isEqualTo(0xAAL);
        assertThat(connection.serverMac()).isEqualTo(0xBBL);
        assertThat(connection.vlanIds()).containsExactly(10, 20);
    }

    @Test
    void synAckAloneMakesReceiverClient() {
        wire.server().syn().seq(Wire.SERVER_ISN).ack(clientSeq(0)).send();
        wire.client().seq(clientSeq(0)).data("hello").send();

        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.connection.clientPort()).isEqualTo(Wire.CLIENT_PORT);
        assertThat(stream.connection.streamStartSeen(Direction.CLIENT_TO_SERVER)).isTrue();
        assertThat(stream.clientText()).isEqualTo("hello");
    }

    @Test
    void midStreamStartsAtFirstPayload() {
        wire.server().seq(serverSeq(500)).data("PDU").send();

        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.serverText()).isEqualTo("PDU");
        assertThat(stream.connection.streamStartSeen(Direction.SERVER_TO_CLIENT)).isFalse();
        assertThat(stream.connection.streamStartSeen(Direction.CLIENT_TO_SERVER)).isFalse();
    }

    @Test
    void pureAckOfUnknownFlowOpensNothing() {
        wire.client().seq(clientSeq(0)).ack(serverSeq(0)).send();
        wire.client().fin().seq(clientSeq(0)).ack(serverSeq(0)).send();
        wire.client().rst().seq(clientSeq(0)).data("x").send();

        assertThat(wire.recorder.streams).isEmpty();
        assertThat(wire.reassembler.stats().untrackedSegments).isEqualTo(3);
    }

    @Test
    void roleGuessPrefersSystemPort() {
        wire.from("10.0.0.9", 104, "10.0.0.8", 5000).seq(1).data("x").send();

        assertThat(wire.recorder.only().connection.serverPort()).isEqualTo(104);
    }

    @Test
    void roleGuessPrefersNonEphemeralPort() {
        wire.from("10.0.0.9", 11112, "10.0.0.8", 50000).seq(1).data("x").send();

        assertThat(wire.recorder.only().connection.serverPort()).isEqualTo(11112);
    }

    @Test
    void roleGuessFallsBackToDestination() {
        wire.from("10.0.0.9", 4000, "10.0.0.8", 5000).seq(1).data("x").send();

        assertThat(wire.recorder.only().connection.serverPort()).isEqualTo(5000);
    }

    @Test
    void roleGuessIgnoresTwoSystemPorts() {
        wire.from("10.0.0.9", 104, "10.0.0.8", 443).seq(1).data("x").send();

        assertThat(wire.recorder.only().connection.serverPort()).isEqualTo(443);
    }

    @Test
    void retransmittedSynKeepsConnection() {
        wire.client().syn().seq(Wire.CLIENT_ISN).send();
        wire.client().syn().seq(Wire.CLIENT_ISN).send();
        wire.server().syn().seq(Wire.SERVER_ISN).ack(clientSeq(0)).send();
        wire.server().syn().seq(Wire.SERVER_ISN).ack(clientSeq(0)).send();

        assertThat(wire.recorder.streams).hasSize(1);
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(2);
    }

    /** An ISN far from the test streams, as a new connection's random ISN almost always is. */
    private static final long FAR_ISN = 2_000_000_000L;

    @Test
    void newIsnReusesFourTuple() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(FAR_ISN).send();
        wire.client().seq(FAR_ISN + 1).data("second").send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(0).events).containsExactly("C first", "close REUSED");
        assertThat(wire.recorder.get(1).events).containsExactly("C second");
        assertThat(wire.recorder.get(1).connection.id()).isEqualTo(2);
        assertThat(wire.recorder.get(1).connection.streamStartSeen(Direction.CLIENT_TO_SERVER)).isTrue();
    }

    @Test
    void synAfterMidStreamDataReusesFourTuple() {
        wire.client().seq(clientSeq(0)).data("old").send();
        wire.client().syn().seq(FAR_ISN).send();
        wire.server().syn().seq(Wire.SERVER_ISN).ack(FAR_ISN + 1).send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(0).closeReason).isEqualTo(CloseReason.REUSED);
    }

    @Test
    void synOnOpenConnectionIsHeldUntilConfirmed() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(FAR_ISN).send();
        wire.client().seq(clientSeq(5)).data("second").send();

        assertThat(wire.recorder.only().events).containsExactly("C first", "C second");
        assertThat(wire.reassembler.stats().synOnOpenConnection).isEqualTo(1);
        assertThat(wire.reassembler.stats().closedReused).isZero();
    }

    @Test
    void nearIsnReuseConfirmedBySynAck() {
        // Linux derives a reused address pair's next ISN from a clock, so it lies near the old stream.
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(clientSeq(5) - 500_000).send();
        wire.server().syn().seq(90_000).ack(clientSeq(5) - 500_000 + 1).send();
        wire.client().seq(clientSeq(5) - 500_000 + 1).data("second").send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(0).events).containsExactly("C first", "close REUSED");
        assertThat(wire.recorder.get(1).events).containsExactly("C second");
    }

    @Test
    void nearIsnReuseConfirmedByClientAlone() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(clientSeq(5) + 700_000).send();
        wire.client().seq(clientSeq(5) + 700_001).data("second").send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(1).events).containsExactly("C second");
    }

    @Test
    void heldSynDroppedWhenOldStreamGoesOn() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(clientSeq(9)).send();
        wire.client().seq(clientSeq(5)).data("more").send();
        wire.client().seq(clientSeq(9)).data("!").send();

        assertThat(wire.recorder.only().events).containsExactly("C first", "C more", "C !");
        assertThat(wire.reassembler.stats().closedReused).isZero();
    }

    @Test
    void synAckForFirstSynConfirmsReuse() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(FAR_ISN).send();
        wire.client().syn().seq(FAR_ISN + 123_456_789).send();
        wire.server().syn().seq(90_000).ack(FAR_ISN + 1).send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(0).closeReason).isEqualTo(CloseReason.REUSED);
    }

    @Test
    void serverConnectingBackReusesPair() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.server().syn().seq(FAR_ISN).send();
        wire.client().syn().seq(77_000).ack(FAR_ISN + 1).send();
        wire.server().seq(FAR_ISN + 1).data("back").send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(0).closeReason).isEqualTo(CloseReason.REUSED);
        TcpConnection reverse = wire.recorder.get(1).connection;
        assertThat(reverse.serverPort()).isEqualTo(Wire.CLIENT_PORT);
        assertThat(wire.recorder.get(1).events).containsExactly("C back");
    }

    @Test
    void simultaneousOpenKeepsOneConnection() {
        wire.client().syn().seq(Wire.CLIENT_ISN).send();
        wire.server().syn().seq(Wire.SERVER_ISN).send();
        wire.client().syn().seq(Wire.CLIENT_ISN).ack(serverSeq(0)).send();
        wire.server().syn().seq(Wire.SERVER_ISN).ack(clientSeq(0)).send();
        wire.client().seq(clientSeq(0)).ack(serverSeq(0)).data("hello").send();
        wire.server().seq(serverSeq(0)).ack(clientSeq(5)).data("reply").send();

        assertThat(wire.recorder.only().events).containsExactly("C hello", "S reply");
        assertThat(wire.reassembler.stats().closedReused).isZero();
    }

    @Test
    void acknowledgementSkipsPeerHoleBeforePayload() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.client().seq(clientSeq(4)).data("EF").send();
        wire.server().seq(serverSeq(0)).ack(clientSeq(6)).data("reply").send();

        assertThat(wire.recorder.only().events).containsExactly("C AB", "C gap 2", "C EF", "S reply");
    }

    @Test
    void synJustBehindStreamIsIgnored() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.client().syn().seq(clientSeq(4)).send();
        wire.client().seq(clientSeq(5)).data("second").send();

        assertThat(wire.recorder.only().events).containsExactly("C first", "C second");
        assertThat(wire.reassembler.stats().closedReused).isZero();
    }

    @Test
    void synAckAnsweringNoHeldSynIsIgnored() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("first").send();
        wire.server().syn().seq(FAR_ISN).ack(clientSeq(5)).send();
        wire.server().seq(serverSeq(0)).data("reply").send();

        assertThat(wire.recorder.only().events).containsExactly("C first", "S reply");
        assertThat(wire.reassembler.stats().synOnOpenConnection).isEqualTo(1);
    }

    @Test
    void synAfterCloseOpensNewConnection() {
        wire.handshake();
        wire.client().rst().seq(clientSeq(0)).send();
        wire.client().syn().seq(Wire.CLIENT_ISN).send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(0).closeReason).isEqualTo(CloseReason.RST);
        assertThat(wire.recorder.get(1).closeReason).isNull();
    }

    @Test
    void finBothSidesCloses() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("bye").fin().ack(serverSeq(0)).send();
        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.closeReason).isNull();

        wire.server().fin().seq(serverSeq(0)).ack(clientSeq(4)).send();
        assertThat(stream.events).containsExactly("C bye", "close FIN");
    }

    @Test
    void halfCloseIsReportedOnceBeforeClose() {
        wire.handshake();
        wire.server().seq(serverSeq(0)).data("RSP").fin().ack(clientSeq(0)).send();
        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.fins).containsExactly("S fin");

        wire.server().fin().seq(serverSeq(3)).ack(clientSeq(0)).send();
        wire.client().seq(clientSeq(0)).data("RQ").fin().ack(serverSeq(4)).send();
        assertThat(stream.fins).containsExactly("S fin");
        assertThat(stream.events).containsExactly("S RSP", "C RQ", "close FIN");
    }

    @Test
    void halfCloseWaitsForBytesBeforeIt() {
        wire.handshake();
        wire.server().seq(serverSeq(3)).data("DEF").fin().send();
        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.fins).isEmpty();

        wire.server().seq(serverSeq(0)).data("ABC").send();
        assertThat(stream.fins).containsExactly("S fin");
    }

    @Test
    void finWaitsForBytesBeforeIt() {
        wire.handshake();
        wire.client().seq(clientSeq(3)).data("DEF").fin().send();
        wire.server().fin().seq(serverSeq(0)).send();
        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.closeReason).isNull();

        wire.client().seq(clientSeq(0)).data("ABC").send();
        assertThat(stream.events).containsExactly("C ABC", "C DEF", "close FIN");
    }

    @Test
    void trailingAckAfterCloseHitsTombstone() {
        wire.handshake();
        wire.client().fin().seq(clientSeq(0)).send();
        wire.server().fin().seq(serverSeq(0)).ack(clientSeq(1)).send();
        wire.client().seq(clientSeq(1)).ack(serverSeq(1)).send();
        wire.server().seq(serverSeq(0) - 3).data("old").send();

        assertThat(wire.recorder.streams).hasSize(1);
        assertThat(wire.reassembler.stats().lateSegments).isEqualTo(2);
    }

    @Test
    void tombstoneExpires() {
        wire.handshake();
        wire.client().rst().seq(clientSeq(0)).send();
        wire.now += ReassemblyConfig.DEFAULTS.tombstoneNanos() + SECOND;
        wire.server().seq(serverSeq(0)).data("again").send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(1).serverText()).isEqualTo("again");
    }

    @Test
    void rstClosesAtOnce() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("A").send();
        wire.server().rst().seq(serverSeq(0)).send();

        assertThat(wire.recorder.only().events).containsExactly("C A", "close RST");
        assertThat(wire.reassembler.stats().closedRst).isEqualTo(1);
        assertThat(wire.reassembler.stats().openConnections).isZero();
    }

    @Test
    void rstOutsideWindowIsIgnored() {
        wire.handshake();
        wire.server().rst().seq(serverSeq(0) + 100_000_000).send();

        assertThat(wire.recorder.only().closeReason).isNull();
        assertThat(wire.reassembler.stats().invalidResets).isEqualTo(1);
    }

    @Test
    void differentCopyOfDeliveredBytesIsConflict() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("FORGED__").send();
        wire.client().seq(clientSeq(0)).data("ORIGINAL").send();

        assertThat(wire.recorder.only().events).containsExactly("C FORGED__");
        assertThat(wire.reassembler.stats().conflicts).isEqualTo(1);
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(1);
    }

    @Test
    void identicalCopyOfDeliveredBytesIsNoConflict() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("SAME").send();
        wire.client().seq(clientSeq(0)).data("SAME").send();

        assertThat(wire.reassembler.stats().conflicts).isZero();
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(1);
    }

    @Test
    void keepAliveProbeIsNoConflict() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("abcd").send();
        wire.client().seq(clientSeq(3)).data("x").send();

        assertThat(wire.recorder.only().events).containsExactly("C abcd");
        assertThat(wire.reassembler.stats().conflicts).isZero();
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(1);
    }

    @Test
    void oneByteCopyBeforeLastIsConflict() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("abcd").send();
        wire.client().seq(clientSeq(2)).data("x").send();

        assertThat(wire.reassembler.stats().conflicts).isEqualTo(1);
    }

    @Test
    void partlyNewSegmentComparesItsOldPart() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("abcd").send();
        wire.client().seq(clientSeq(2)).data("XYef").send();

        assertThat(wire.recorder.only().events).containsExactly("C abcd", "C ef");
        assertThat(wire.reassembler.stats().conflicts).isEqualTo(1);
    }

    @Test
    void rstBehindNextExpectedIsIgnored() {
        wire.handshake();
        wire.server().seq(serverSeq(0)).data("reply").send();
        wire.server().rst().seq(serverSeq(0)).send();

        assertThat(wire.recorder.only().closeReason).isNull();
        assertThat(wire.reassembler.stats().invalidResets).isEqualTo(1);
    }

    @Test
    void finBeyondWindowIsIgnored() {
        wire.handshake();
        wire.client().fin().seq(clientSeq(0) + 100_000_000).send();
        wire.client().fin().seq(clientSeq(0)).send();
        wire.server().fin().seq(serverSeq(0)).send();

        assertThat(wire.recorder.only().closeReason).isEqualTo(CloseReason.FIN);
    }

    @Test
    void refusedConnectionClosesOnRst() {
        wire.client().syn().seq(Wire.CLIENT_ISN).send();
        wire.server().rst().ack(clientSeq(0)).seq(0).send();

        assertThat(wire.recorder.only().closeReason).isEqualTo(CloseReason.RST);
    }

    @Test
    void idsIncreaseFromOne() {
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("x").send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(1).data("x").send();

        assertThat(wire.recorder.get(0).connection.id()).isEqualTo(1);
        assertThat(wire.recorder.get(1).connection.id()).isEqualTo(2);
    }

    @Test
    void ipv6ConnectionIsTracked() {
        wire.from("2001:db8::1", 40000, "2001:db8::2", 104).seq(1).data("AB").send();
        wire.from("2001:db8::2", 104, "2001:db8::1", 40000).seq(9).data("CD").send();

        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.clientText()).isEqualTo("AB");
        assertThat(stream.serverText()).isEqualTo("CD");
        assertThat(stream.connection.clientAddress()).isEqualTo(IpAddress.parse("2001:db8::1"));
    }

    @Test
    void closeAllEndsEveryConnection() {
        wire.handshake();
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("x").send();
        wire.reassembler.closeAll(wire.now);

        assertThat(wire.recorder.get(0).closeReason).isEqualTo(CloseReason.END_OF_CAPTURE);
        assertThat(wire.recorder.get(1).closeReason).isEqualTo(CloseReason.END_OF_CAPTURE);
        assertThat(wire.reassembler.stats().closedEndOfCapture).isEqualTo(2);
    }
}
