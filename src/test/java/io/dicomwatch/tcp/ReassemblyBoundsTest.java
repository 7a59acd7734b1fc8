package io.dicomwatch.tcp;

import static io.dicomwatch.tcp.Wire.clientSeq;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReassemblyBoundsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void idleConnectionIsClosed() {
        Wire wire = new Wire(Wire.timeouts(10 * SECOND, SECOND, SECOND));
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("idle").send();
        wire.now += 5 * SECOND;
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(1).data("busy").send();
        wire.now += 6 * SECOND;
        wire.reassembler.advanceTime(wire.now);

        assertThat(wire.recorder.get(0).closeReason).isEqualTo(CloseReason.IDLE_TIMEOUT);
        assertThat(wire.recorder.get(1).closeReason).isNull();
        assertThat(wire.reassembler.stats().evictionsIdle).isEqualTo(1);
        assertThat(wire.reassembler.stats().closedIdleTimeout).isEqualTo(1);
    }

    @Test
    void idleCloseFlushesHole() {
        Wire wire = new Wire(Wire.timeouts(10 * SECOND, SECOND, 100 * SECOND));
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.client().seq(clientSeq(4)).data("EF").send();
        wire.now += 11 * SECOND;
        wire.reassembler.advanceTime(wire.now);

        assertThat(wire.recorder.only().events).containsExactly("C AB", "C gap 2", "C EF", "close IDLE_TIMEOUT");
    }

    @Test
    void idleConnectionResumesWithoutTombstone() {
        Wire wire = new Wire(Wire.timeouts(10 * SECOND, 5 * SECOND, SECOND));
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.now += 11 * SECOND;
        wire.client().seq(clientSeq(2)).data("CD").send();

        assertThat(wire.recorder.streams).hasSize(2);
        assertThat(wire.recorder.get(1).clientText()).isEqualTo("CD");
    }

    @Test
    void sweepIsBoundedPerSegment() {
        Wire wire = new Wire(Wire.timeouts(10 * SECOND, SECOND, SECOND));
        int count = TcpReassembler.SWEEP_LIMIT * 3;
        for (int port = 0; port < count; port++) {
            wire.from("10.0.0.9", 40000 + port, "10.0.0.8", 104).seq(1).data("x").send();
        }
        wire.now += 11 * SECOND;
        wire.reassembler.advanceTime(wire.now);
        assertThat(wire.reassembler.stats().evictionsIdle).isEqualTo(TcpReassembler.SWEEP_LIMIT);

        wire.reassembler.advanceTime(wire.now);
        wire.reassembler.advanceTime(wire.now);
        assertThat(wire.reassembler.stats().evictionsIdle).isEqualTo(count);
    }

    @Test
    void fullTableEvictsLeastRecentlyActive() {
        Wire wire = new Wire(Wire.config(2, 1 << 20, 65_536));
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("a").send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(1).data("b").send();
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(2).data("a").send();
        wire.from("10.0.0.9", 40003, "10.0.0.8", 104).seq(1).data("c").send();

        assertThat(wire.recorder.get(1).closeReason).isEqualTo(CloseReason.EVICTED);
        assertThat(wire.recorder.get(0).closeReason).isNull();
        assertThat(wire.reassembler.stats().evictionsTableFull).isEqualTo(1);
        assertThat(wire.reassembler.stats().openConnections).isEqualTo(2);
    }

    @Test
    void fullTableDropsTombstoneFirst() {
        Wire wire = new Wire(Wire.config(2, 1 << 20, 65_536));
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("a").send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(1).data("b").send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).rst().seq(2).send();
        wire.from("10.0.0.9", 40003, "10.0.0.8", 104).seq(1).data("c").send();

        assertThat(wire.recorder.get(0).closeReason).isNull();
        assertThat(wire.reassembler.stats().evictionsTableFull).isZero();
    }

    @Test
    void memoryBoundFlushesOldestHole() {
        Wire wire = new Wire(Wire.config(100, 3_000, 65_536));
        byte[] block = new byte[1_000];
        Arrays.fill(block, (byte) 'x');
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("a").send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(1).data("b").send();
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(10).data(block).send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(10).data(block).send();
        wire.from("10.0.0.9", 40002, "10.0.0.8", 104).seq(2000).data(block).send();

        assertThat(wire.recorder.get(0).gapSizes).containsExactly(8L);
        assertThat(wire.recorder.get(1).gapSizes).isEmpty();
        assertThat(wire.reassembler.stats().evictionsMemory).isEqualTo(1);
        assertThat(wire.reassembler.stats().bufferedBytes).isLessThanOrEqualTo(3_000);
    }

    @Test
    void peakBufferedBytesIsKept() {
        Wire wire = new Wire();
        wire.handshake();
        wire.client().seq(clientSeq(5)).data("FGHIJ").send();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();

        ReassemblyStats stats = wire.reassembler.stats();
        assertThat(stats.peakBufferedBytes).isEqualTo(5 + SegmentBuffer.PIECE_OVERHEAD);
        assertThat(stats.bufferedBytes).isZero();
    }

    @Test
    void timeGoingBackwardsKeepsDelivering() {
        Wire wire = new Wire(Wire.timeouts(10 * SECOND, SECOND, 2 * SECOND));
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("AB").send();
        wire.now -= 3_600 * SECOND;
        wire.client().seq(clientSeq(4)).data("EF").send();
        wire.client().seq(clientSeq(2)).data("CD").send();
        wire.now = Long.MIN_VALUE;
        wire.client().seq(clientSeq(6)).data("GH").send();

        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.clientText()).isEqualTo("ABCDEFGH");
        assertThat(stream.closeReason).isNull();
        assertThat(stream.gapSizes).isEmpty();
    }

    @Test
    void timeGoingBackwardsDoesNotDelayExpiry() {
        Wire wire = new Wire(Wire.timeouts(10 * SECOND, SECOND, 2 * SECOND));
        wire.client().seq(clientSeq(0)).data("AB").send();
        long start = wire.now;
        wire.now = start - 100 * SECOND;
        wire.client().seq(clientSeq(2)).data("CD").send();
        wire.reassembler.advanceTime(start + 11 * SECOND);

        assertThat(wire.recorder.only().closeReason).isEqualTo(CloseReason.IDLE_TIMEOUT);
    }

    @Test
    void openCountFollowsLifecycle() {
        Wire wire = new Wire();
        wire.handshake();
        wire.from("10.0.0.9", 40001, "10.0.0.8", 104).seq(1).data("x").send();
        assertThat(wire.reassembler.stats().openConnections).isEqualTo(2);

        wire.reassembler.closeAll(wire.now);
        assertThat(wire.reassembler.stats().openConnections).isZero();
        assertThat(wire.reassembler.stats().connectionsOpened).isEqualTo(2);
    }
}
