package io.dicomwatch.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random hostile segments on a few address pairs, under small bounds, with seeded generators. */
class ReassemblyFuzzTest {
    private static final int SEEDS = 200;
    private static final int SEGMENTS = 400;
    private static final long MAX_BUFFERED = 20_000;
    private static final int MAX_CONNECTIONS = 4;

    @Test
    void randomSegmentsKeepBounds() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Wire wire = new Wire(new ReassemblyConfig(MAX_CONNECTIONS, MAX_BUFFERED, 65_536, 16,
                    5_000_000_000L, 1_000_000_000L, 2_000_000_000L));
            String context = "seed " + seed;
            for (int i = 0; i < SEGMENTS; i++) {
                sendRandom(wire, random);
                ReassemblyStats stats = wire.reassembler.stats();
                assertThat(stats.bufferedBytes).as(context).isBetween(0L, MAX_BUFFERED + 70_000);
                assertThat(stats.openConnections).as(context).isBetween(0L, (long) MAX_CONNECTIONS);
            }
            wire.reassembler.closeAll(wire.now);

            ReassemblyStats stats = wire.reassembler.stats();
            assertThat(stats.bufferedBytes).as(context).isZero();
            assertThat(stats.openConnections).as(context).isZero();
            for (Recorder.Stream stream : wire.recorder.streams) {
                assertThat(stream.closeCount).as(context).isEqualTo(1);
            }
        }
    }

    private static void sendRandom(Wire wire, Random random) {
        int client = random.nextInt(6);
        Wire.Packet packet = random.nextBoolean()
                ? wire.from("10.0.0." + client, 40000 + client, "10.0.0.100", 104)
                : wire.from("10.0.0.100", 104, "10.0.0." + client, 40000 + client);
        long base = random.nextBoolean() ? 1_000 : 0xFFFF_FF00L;
        packet.seq(base + random.nextInt(random.nextBoolean() ? 3_000 : Integer.MAX_VALUE));
        if (random.nextInt(3) > 0) {
            packet.ack(base + random.nextInt(3_000));
        }
        int flags = random.nextInt(16);
        if ((flags & 1) != 0 && random.nextInt(4) == 0) {
            packet.syn();
        }
        if ((flags & 2) != 0 && random.nextInt(4) == 0) {
            packet.fin();
        }
        if ((flags & 4) != 0 && random.nextInt(8) == 0) {
            packet.rst();
        }
        if (random.nextInt(4) > 0) {
            byte[] payload = new byte[random.nextInt(random.nextBoolean() ? 50 : 3_000)];
            random.nextBytes(payload);
            packet.data(payload);
        }
        if (random.nextInt(10) == 0) {
            packet.missing(random.nextInt(2_000));
        }
        wire.now += random.nextInt(7) == 0 ? -random.nextInt(1_000_000_000) : random.nextInt(50_000_000);
        packet.send();
    }
}
