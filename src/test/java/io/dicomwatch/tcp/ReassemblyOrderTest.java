package io.dicomwatch.tcp;

import static io.dicomwatch.tcp.Wire.clientSeq;
import static io.dicomwatch.tcp.Wire.serverSeq;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReassemblyOrderTest {
    private final Wire wire = new Wire();

    @Test
    void inOrderDeliversImmediately() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("hello ").send();
        wire.server().seq(serverSeq(0)).data("welcome").send();
        wire.client().seq(clientSeq(6)).data("world").send();

        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.events).containsExactly("C hello ", "S welcome", "C world");
        assertThat(wire.reassembler.stats().bytesDelivered).isEqualTo(18);
    }

    @Test
    void reorderWithinWindowDeliversInSequence() {
        wire.handshake();
        wire.client().seq(clientSeq(10)).data("KLMNO").send();
        wire.client().seq(clientSeq(5)).data("FGHIJ").send();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();

        Recorder.Stream stream = wire.recorder.only();
        assertThat(stream.clientText()).isEqualTo("ABCDEFGHIJKLMNO");
        assertThat(stream.gapSizes).isEmpty();
        assertThat(wire.reassembler.stats().outOfOrderSegments).isEqualTo(2);
        assertThat(wire.reassembler.stats().bufferedBytes).isZero();
    }

    @Test
    void duplicateDeliveredSegmentIsDropped() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCDE");
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(1);
    }

    @Test
    void duplicateBufferedSegmentIsDropped() {
        wire.handshake();
        wire.client().seq(clientSeq(5)).data("FGHIJ").send();
        wire.client().seq(clientSeq(5)).data("FGHIJ").send();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCDEFGHIJ");
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(1);
        assertThat(wire.reassembler.stats().conflicts).isZero();
    }

    @Test
    void partialOverlapDeliversOnlyNewBytes() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();
        wire.client().seq(clientSeq(3)).data("DEFGH").send();

        assertThat(wire.recorder.only().events).containsExactly("C ABCDE", "C FGH");
        assertThat(wire.reassembler.stats().overlaps).isEqualTo(1);
    }

    @Test
    void conflictingOverlapKeepsFirstCopy() {
        wire.handshake();
        wire.client().seq(clientSeq(5)).data("FGHIJ").send();
        wire.client().seq(clientSeq(3)).data("xx12345L").send();
        wire.client().seq(clientSeq(0)).data("ABC").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCxxFGHIJL");
        assertThat(wire.reassembler.stats().conflicts).isEqualTo(1);
        assertThat(wire.reassembler.stats().overlaps).isEqualTo(1);
    }

    @Test
    void segmentSpanningSeveralPiecesFillsHoles() {
        wire.handshake();
        wire.client().seq(clientSeq(2)).data("CD").send();
        wire.client().seq(clientSeq(6)).data("GH").send();
        wire.client().seq(clientSeq(0)).data("ABCDEFGHIJ").send();

        // The filled holes join the held pieces, so the bytes arrive in one piece.
        assertThat(wire.recorder.only().events).containsExactly("C ABCDEFGHIJ");
        assertThat(wire.reassembler.stats().conflicts).isZero();
    }

    @Test
    void conflictWithDeliveredBytesIsCounted() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABCDE").send();
        wire.client().seq(clientSeq(0)).data("vwxyzF").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCDEF");
        assertThat(wire.reassembler.stats().conflicts).isEqualTo(1);
    }

    @Test
    void onlyRecentDeliveredBytesAreCompared() {
        wire.handshake();
        String text = "0123456789".repeat(30);
        for (int i = 0; i < 3; i++) {
            wire.client().seq(clientSeq(100 * i)).data(text.substring(100 * i, 100 * i + 100)).send();
        }
        wire.client().seq(clientSeq(250)).data(text.substring(250)).send();
        wire.client().seq(clientSeq(100)).data("x".repeat(50)).send();
        assertThat(wire.reassembler.stats().conflicts).isZero();

        wire.client().seq(clientSeq(250)).data(text.substring(250, 299) + "x").send();
        assertThat(wire.reassembler.stats().conflicts).isEqualTo(1);
        assertThat(wire.reassembler.stats().retransmissions).isEqualTo(3);
    }

    @Test
    void sequenceWraparoundIsTransparent() {
        long isn = 0xFFFF_FFFAL;
        wire.client().syn().seq(isn).send();
        wire.server().syn().seq(7).ack(isn + 1).send();
        wire.client().seq(isn + 1 + 8).data("IJKL").send();
        wire.client().seq(isn + 1).data("ABCD").send();
        wire.client().seq((isn + 1 + 4) & 0xFFFF_FFFFL).data("EFGH").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCDEFGHIJKL");
        assertThat(wire.recorder.only().gapSizes).isEmpty();
    }

    @Test
    void snapLengthCutReportsGap() {
        wire.handshake();
        wire.client().seq(clientSeq(0)).data("ABCD").missing(6).send();
        wire.client().seq(clientSeq(10)).data("KL").send();

        assertThat(wire.recorder.only().events).containsExactly("C ABCD", "C gap 6", "C KL");
        assertThat(wire.reassembler.stats().gapBytes).isEqualTo(6);
    }

    @Test
    void snapLengthCutOutOfOrderReportsGapInPlace() {
        wire.handshake();
        wire.client().seq(clientSeq(4)).data("EF").missing(3).send();
        wire.client().seq(clientSeq(0)).data("ABCD").send();
        wire.client().seq(clientSeq(9)).data("JK").send();

        assertThat(wire.recorder.only().events).containsExactly("C ABCD", "C EF", "C gap 3", "C JK");
    }

    @Test
    void synPayloadStartsAfterIsn() {
        wire.client().syn().seq(Wire.CLIENT_ISN).data("early").send();
        wire.client().seq(clientSeq(5)).data(" data").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("early data");
    }

    @Test
    void payloadIsCopiedWhenBuffered() {
        wire.handshake();
        wire.client().seq(clientSeq(3)).data("DEF").send();
        wire.client().seq(clientSeq(0)).data("ABC").send();

        assertThat(wire.recorder.only().clientText()).isEqualTo("ABCDEF");
    }
}
