package io.dicomwatch.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Records every connection a reassembler opens and every callback of its stream. */
final class Recorder implements ConnectionListener {
    final List<Stream> streams = new ArrayList<>();
    /** Runs on each new connection before any byte, for example to ignore it. */
    Consumer<TcpConnection> onOpen = connection -> { };

    @Override
    public StreamListener onConnectionOpened(TcpConnection connection, long timestampNanos) {
        Stream stream = new Stream(connection);
        streams.add(stream);
        onOpen.accept(connection);
        return stream;
    }

    Stream only() {
        if (streams.size() != 1) {
            throw new AssertionError("expected exactly one connection, got " + streams.size());
        }
        return streams.get(0);
    }

    Stream get(int index) {
        return streams.get(index);
    }

    /** Callbacks of one connection, as readable events: "C hello", "S gap 3", "close FIN". */
    static final class Stream implements StreamListener {
        static final byte GAP_FILLER = '?';
        /** Largest gap written into the image, so that huge random gaps do not fill the heap. */
        static final long MAX_IMAGE_GAP = 1 << 20;
        final TcpConnection connection;
        final List<String> events = new ArrayList<>();
        final List<Long> gapSizes = new ArrayList<>();
        /** Half-closes reported by {@link #onFin}, as "C fin" or "S fin", apart from {@link #events}. */
        final List<String> fins = new ArrayList<>();
        private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream serverBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream clientImage = new ByteArrayOutputStream();
        private final ByteArrayOutputStream serverImage = new ByteArrayOutputStream();
        /** Runs after each onData, for example to ignore the connection from inside a callback. */
        Runnable afterData = () -> { };
        CloseReason closeReason;
        int closeCount;
        long closeTimestamp;

        Stream(TcpConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onData(Direction direction, byte[] data, int offset, int length, long timestampNanos) {
            if (closeCount > 0) {
                throw new AssertionError("onData after onClose");
            }
            bytes(direction).write(data, offset, length);
            imageOf(direction).write(data, offset, length);
            events.add(tag(direction) + " " + new String(data, offset, length, StandardCharsets.ISO_8859_1));
            afterData.run();
        }

        @Override
        public void onGap(Direction direction, long lostBytes, long timestampNanos) {
            if (closeCount > 0) {
                throw new AssertionError("onGap after onClose");
            }
            gapSizes.add(lostBytes);
            if (lostBytes <= MAX_IMAGE_GAP) {
                byte[] filler = new byte[(int) lostBytes];
                Arrays.fill(filler, GAP_FILLER);
                imageOf(direction).write(filler, 0, filler.length);
            }
            events.add(tag(direction) + " gap " + lostBytes);
        }

        @Override
        public void onFin(Direction direction, long timestampNanos) {
            if (closeCount > 0) {
                throw new AssertionError("onFin after onClose");
            }
            fins.add(tag(direction) + " fin");
        }

        @Override
        public void onClose(CloseReason reason, long timestampNanos) {
            closeReason = reason;
            closeCount++;
            closeTimestamp = timestampNanos;
            events.add("close " + reason);
        }

        /**
         * Returns the delivered bytes with {@link #GAP_FILLER} in place of each byte reported lost.
         * Gaps larger than {@link #MAX_IMAGE_GAP} are left out.
         */
        byte[] withGaps(Direction direction) {
            return imageOf(direction).toByteArray();
        }

        byte[] received(Direction direction) {
            return bytes(direction).toByteArray();
        }

        String text(Direction direction) {
            return bytes(direction).toString(StandardCharsets.ISO_8859_1);
        }

        String clientText() {
            return text(Direction.CLIENT_TO_SERVER);
        }

        String serverText() {
            return text(Direction.SERVER_TO_CLIENT);
        }

        private ByteArrayOutputStream bytes(Direction direction) {
            return direction == Direction.CLIENT_TO_SERVER ? clientBytes : serverBytes;
        }

        private ByteArrayOutputStream imageOf(Direction direction) {
            return direction == Direction.CLIENT_TO_SERVER ? clientImage : serverImage;
        }

        private static String tag(Direction direction) {
            return direction == Direction.CLIENT_TO_SERVER ? "C" : "S";
        }
    }
}
