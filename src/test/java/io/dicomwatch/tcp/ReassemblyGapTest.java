package io.dicomwatch.tcp;

import static io.dicomwatch.tcp.Wire.clientSeq;
import static io.dicomwatch.tcp.Wire.serverSeq;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReassemblyGapTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void lostSegmentWaitsWithoutGap() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABC").send();
        wire.client().seq(clientSeq(6)).data("GHI").send();

        assertThat(wire.recorder.only().events).containsExactly("C ABC");
        assertThat(wire.reassembler.stats().bufferedBytes).isPositive();
    }

    @Test
    void peerAckPastHoleDeclaresGap() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABC").send();
        wire.client().seq(clientSeq(6)).data("GHI").send();
        wire.server().seq(serverSeq(0)).ack(clientSeq(9)).send();

        assertThat(wire.recorder.only().events).containsExactly("C ABC", "C gap 3", "C GHI");
    }

    @Test
    void peerAckInsideHoleWaits() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABC").send();
        wire.client().seq(clientSeq(6)).data("GHI").send();
        wire.server().seq(serverSeq(0)).ack(clientSeq(5)).send();
        wire.client().seq(clientSeq(3)).data("DEF").send();

        assertThat(wire.recorder.only().events).containsExactly("C ABC", "C DEF", "C GHI");
    }

    @Test
    void segmentBeyondWindowDeclaresGap() {
        Wire wire = new Wire(Wire.config(100, 1 << 20, 65_536));
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.client().seq(clientSeq(10)).data("KL").send();
        wire.client().seq(clientSeq(70_000)).data("ZZ").send();

        assertThat(wire.recorder.only().events).containsExactly("C AB", "C gap 8", "C KL", "C gap 69988", "C ZZ");
    }

    @Test
    void bufferedBytesBeyondWindowDeclareGap() {
        Wire wire = new Wire(Wire.config(100, 1 << 20, 65_536));
        byte[] block = new byte[40_000];
        Arrays.fill(block, (byte) 'x');
        wire.handshake();
        wire.client().seq(clientSeq(100)).data(block).send();
        wire.client().seq(clientSeq(40_100)).data(block).send();

        assertThat(wire.recorder.only().gapSizes).containsExactly(100L);
        assertThat(wire.recorder.only().clientText()).hasSize(80_000);
    }

    @Test
    void tooManyBufferedSegmentsDeclareGap() {
        ReassemblyConfig defaults = ReassemblyConfig.DEFAULTS;
        Wire wire = new Wire(new ReassemblyConfig(100, 1 << 20, 65_536, 2, defaults.idleTimeoutNanos(),
                defaults.tombstoneNanos(), defaults.holeTimeoutNanos()));
        wire.handshake();
        wire.client().seq(clientSeq(1)).data("B").send();
        wire.client().seq(clientSeq(3)).data("D").send();
        wire.client().seq(clientSeq(5)).data("F").send();

        assertThat(wire.recorder.only().events).containsExactly("C gap 1", "C B");
    }

    @Test
    void holeTimeoutDeclaresGapOneWay() {
        Wire wire = new Wire(Wire.timeouts(600 * SECOND, 5 * SECOND, 2 * SECOND));
        wire.client().seq(clientSeq(0)).data("ABC").send();
        wire.client().seq(clientSeq(6)).data("GHI").send();
        wire.now += 3 * SECOND;
        wire.client().seq(clientSeq(12)).data("MNO").send();

        assertThat(wire.recorder.only().events).containsExactly("C ABC", "C gap 3", "C GHI");
    }

    @Test
    void holeTimeoutWaitsBeforeExpiry() {
        Wire wire = new Wire(Wire.timeouts(600 * SECOND, 5 * SECOND, 2 * SECOND));
        wire.client().seq(clientSeq(0)).data("ABC").send();
        wire.client().seq(clientSeq(6)).data("GHI").send();
        wire.now += SECOND;
        wire.reassembler.advanceTime(wire.now);
        wire.client().seq(clientSeq(3)).data("DEF").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCDEFGHI");
    }

    @Test
    void closeWithHoleFlushesInOrder() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.client().seq(clientSeq(8)).data("IJ").send();
        wire.client().seq(clientSeq(4)).data("EF").send();
        wire.client().rst().seq(clientSeq(10)).send();

        assertThat(wire.recorder.only().events)
                .containsExactly("C AB", "C gap 2", "C EF", "C gap 2", "C IJ", "close RST");
    }

    @Test
    void endOfCaptureFlushesHole() {
        Wire wire = new Wire();
        wire.handshake();
        wire.server().seq(serverSeq(3)).data("DEF").send();
        wire.reassembler.closeAll(wire.now);

        assertThat(wire.recorder.only().events).containsExactly("S gap 3", "S DEF", "close END_OF_CAPTURE");
    }

    @Test
    void lateFillAfterGapIsRetransmission() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(3)).data("DEF").send();
        wire.server().seq(serverSeq(0)).ack(clientSeq(6)).send();
        wire.client().seq(clientSeq(0)).data("ABC").send();

        assertThat(wire.recorder.only().events).containsExactly("C gap 3", "C DEF");
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(1);
    }

    @Test
    void gapCountersMatchCallbacks() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(3)).data("DEF").send();
        wire.client().seq(clientSeq(9)).data("JKL").send();
        wire.reassembler.closeAll(wire.now);

        ReassemblyStats stats = wire.reassembler.stats();
        assertThat(stats.gaps).isEqualTo(2);
        assertThat(stats.gapBytes).isEqualTo(6);
    }
}
