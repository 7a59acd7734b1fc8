package io.dicomwatch.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random streams cut into random segments, sent reordered, duplicated and resegmented, with
 * seeded generators. Every failure message names the seed that reproduces it.
 */
class ReassemblyPropertyTest {
    private static final int SEEDS = 300;

    /** One segment of a generated stream: its offset and length within the stream. */
    private record Cut(Direction direction, int offset, int length) {
    }

    @Test
    void reorderedStreamIsIdentical() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Trial trial = new Trial(random);
            List<Cut> cuts = trial.cuts(random);
            duplicate(cuts, random);
            shuffleNearby(cuts, random, 1 + random.nextInt(20));
            trial.send(cuts);
            trial.wire.reassembler.closeAll(trial.wire.now);

            Recorder.Stream stream = trial.wire.recorder.only();
            String context = "seed " + seed;
            assertThat(stream.received(Direction.CLIENT_TO_SERVER)).as(context).isEqualTo(trial.client);
            assertThat(stream.received(Direction.SERVER_TO_CLIENT)).as(context).isEqualTo(trial.server);
            assertThat(stream.gapSizes).as(context).isEmpty();
            assertThat(trial.wire.reassembler.stats().conflicts).as(context).isZero();
        }
    }

    @Test
    void lossyStreamKeepsPositions() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Trial trial = new Trial(random);
            List<Cut> cuts = trial.cuts(random);
            cuts.removeIf(cut -> random.nextInt(10) == 0);
            shuffleNearby(cuts, random, 1 + random.nextInt(20));
            trial.send(cuts);
            trial.wire.reassembler.closeAll(trial.wire.now);

            Recorder.Stream stream = trial.wire.recorder.only();
            String context = "seed " + seed;
            byte[] clientImage = stream.withGaps(Direction.CLIENT_TO_SERVER);
            byte[] serverImage = stream.withGaps(Direction.SERVER_TO_CLIENT);
            assertThat(clientImage).as(context).isEqualTo(mask(trial.client, clientImage));
            assertThat(serverImage).as(context).isEqualTo(mask(trial.server, serverImage));
            assertThat(stream.closeCount).as(context).isEqualTo(1);
        }
    }

    /** Copies a few cuts, some as overlapping resegmented ranges, to appear as retransmissions. */
    private static void duplicate(List<Cut> cuts, Random random) {
        int count = random.nextInt(1 + cuts.size() / 3);
        for (int i = 0; i < count; i++) {
            Cut original = cuts.get(random.nextInt(cuts.size()));
            int shift = random.nextInt(original.length());
            int length = 1 + random.nextInt(original.length() + 100);
            Cut resegmented = new Cut(original.direction(), original.offset() + shift, length);
            cuts.add(random.nextInt(cuts.size() + 1), random.nextBoolean() ? original : resegmented);
        }
    }

    /** Moves each cut by up to {@code distance} places, so reordering stays local as on a real path. */
    private static void shuffleNearby(List<Cut> cuts, Random random, int distance) {
        for (int i = 0; i < cuts.size(); i++) {
            int j = Math.min(cuts.size() - 1, i + random.nextInt(distance + 1));
            Cut swapped = cuts.get(i);
            cuts.set(i, cuts.get(j));
            cuts.set(j, swapped);
        }
    }

    /**
     * Returns the prefix of {@code expected} as long as {@code image}, with the gap filler where
     * {@code image} has it. Bytes lost at the very end produce no gap, so the image may be shorter.
     */
    private static byte[] mask(byte[] expected, byte[] image) {
        byte[] masked = Arrays.copyOf(expected, Math.min(expected.length, image.length));
        for (int i = 0; i < masked.length; i++) {
            if (image[i] == Recorder.Stream.GAP_FILLER) {
                masked[i] = Recorder.Stream.GAP_FILLER;
            }
        }
        return masked;
    }

    /** One generated connection: the two streams, their sequence numbers and the wire. */
    private static final class Trial {
        final Wire wire = new Wire();
        final byte[] client;
        final byte[] server;
        final long clientIsn;
        final long serverIsn;
        private final int maxSegment;

        Trial(Random random) {
            client = randomBytes(random, random.nextInt(20_000));
            server = randomBytes(random, random.nextInt(20_000));
            clientIsn = random.nextBoolean() ? random.nextInt() & 0xFFFF_FFFFL : 0xFFFF_FFFFL - random.nextInt(5_000);
            serverIsn = random.nextInt() & 0xFFFF_FFFFL;
            maxSegment = random.nextBoolean() ? 1_460 : 1 + random.nextInt(40);
        }

        List<Cut> cuts(Random random) {
            List<Cut> cuts = new ArrayList<>();
            cut(cuts, Direction.CLIENT_TO_SERVER, client.length, random);
            cut(cuts, Direction.SERVER_TO_CLIENT, server.length, random);
            return cuts;
        }

        void send(List<Cut> cuts) {
            wire.client().syn().seq(clientIsn).send();
            wire.server().syn().seq(serverIsn).ack(clientIsn + 1).send();
            for (Cut cut : cuts) {
                boolean fromClient = cut.direction() == Direction.CLIENT_TO_SERVER;
                byte[] stream = fromClient ? client : server;
                int end = Math.min(stream.length, cut.offset() + cut.length());
                if (cut.offset() >= end) {
                    continue;
                }
                byte[] payload = Arrays.copyOfRange(stream, cut.offset(), end);
                Wire.Packet packet = fromClient ? wire.client() : wire.server();
                long isn = fromClient ? clientIsn : serverIsn;
                packet.seq(isn + 1 + cut.offset()).data(payload).send();
            }
        }

        private void cut(List<Cut> cuts, Direction direction, int length, Random random) {
            for (int offset = 0; offset < length; ) {
                int size = Math.min(length - offset, 1 + random.nextInt(maxSegment));
                cuts.add(new Cut(direction, offset, size));
                offset += size;
            }
        }

        private static byte[] randomBytes(Random random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            for (int i = 0; i < length; i++) {
                if (bytes[i] == Recorder.Stream.GAP_FILLER) {
                    bytes[i] = '!';
                }
            }
            return bytes;
        }
    }
}
