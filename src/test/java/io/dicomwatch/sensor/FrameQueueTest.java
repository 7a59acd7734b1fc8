package io.dicomwatch.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dicomwatch.capture.Frame;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
    private static Frame frame(int length, int marker) {
        Frame frame = new Frame();
        frame.data = new byte[length + 3];
        frame.offset = 3;
        frame.capturedLength = length;
        frame.originalLength = length;
        frame.linkType = 1;
        frame.timestampNanos = marker;
        frame.data[3] = (byte) marker;
        return frame;
    }

    @Test
    void pollReturnsFramesInOrder() throws InterruptedException {
        FrameQueue queue = new FrameQueue(4, 1 << 20);
        queue.offer(0, frame(60, 1));
        queue.offer(1, frame(60, 2));
        Frame first = queue.poll(1, TimeUnit.SECONDS);
        assertThat(first.timestampNanos).isEqualTo(1);
        assertThat(first.data[first.offset]).isEqualTo((byte) 1);
        assertThat(queue.sourceOfPolled()).isZero();
        queue.release();
        Frame second = queue.poll(1, TimeUnit.SECONDS);
        assertThat(second.timestampNanos).isEqualTo(2);
        assertThat(queue.sourceOfPolled()).isEqualTo(1);
    }

    @Test
    void offerCopiesTheFrame() throws InterruptedException {
        FrameQueue queue = new FrameQueue(2, 1 << 20);
        Frame original = frame(60, 7);
        queue.offer(0, original);
        original.data[3] = 99;
        Frame queued = queue.poll(1, TimeUnit.SECONDS);
        assertThat(queued.data[queued.offset]).isEqualTo((byte) 7);
        assertThat(queued.capturedLength).isEqualTo(60);
    }

    @Test
    void offerDropsWhenFull() {
        FrameQueue queue = new FrameQueue(2, 1 << 20);
        assertThat(queue.offer(0, frame(60, 1))).isTrue();
        assertThat(queue.offer(0, frame(60, 2))).isTrue();
        assertThat(queue.offer(0, frame(60, 3))).isFalse();
        FrameQueue.Counters counters = queue.counters();
        assertThat(counters.framesDropped()).isEqualTo(1);
        assertThat(counters.bytesDropped()).isEqualTo(60);
        assertThat(counters.framesQueued()).isEqualTo(2);
        assertThat(counters.peakDepth()).isEqualTo(2);
    }

    @Test
    void offerDropsOverByteBudget() {
        FrameQueue queue = new FrameQueue(8, 100);
        assertThat(queue.offer(0, frame(60, 1))).isTrue();
        assertThat(queue.offer(0, frame(60, 2))).isFalse();
    }

    @Test
    void polledSlotIsNotOverwritten() throws InterruptedException {
        FrameQueue queue = new FrameQueue(1, 1 << 20);
        queue.offer(0, frame(60, 1));
        Frame held = queue.poll(1, TimeUnit.SECONDS);
        assertThat(queue.offer(0, frame(60, 2))).isFalse();
        assertThat(held.timestampNanos).isEqualTo(1);
        queue.release();
        assertThat(queue.offer(0, frame(60, 3))).isTrue();
    }

    @Test
    void pollTimesOutWhenEmpty() throws InterruptedException {
        FrameQueue queue = new FrameQueue(2, 1 << 20);
        assertThat(queue.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void largeFrameBufferIsReplacedOnRelease() throws InterruptedException {
        FrameQueue queue = new FrameQueue(1, 1 << 20);
        queue.offer(0, frame(200_000, 1));
        Frame large = queue.poll(1, TimeUnit.SECONDS);
        assertThat(large.data.length).isGreaterThanOrEqualTo(200_000);
        queue.release();
        queue.offer(0, frame(60, 2));
        Frame small = queue.poll(1, TimeUnit.SECONDS);
        assertThat(small.data.length).isEqualTo(FrameQueue.INITIAL_BUFFER_BYTES);
    }

    @Test
    void grownBuffersStayWithinRetainedCap() throws InterruptedException {
        // Each 64 KB frame lands in the next slot of the ring, as on loopback or behind GRO.
        int capacity = 4096;
        FrameQueue queue = new FrameQueue(capacity, 1 << 30);
        Frame large = frame(64_000, 1);
        for (int i = 0; i < capacity; i++) {
            assertThat(queue.offer(0, large)).isTrue();
            Frame polled = queue.poll(1, TimeUnit.SECONDS);
            assertThat(polled.capturedLength).isEqualTo(64_000);
            queue.release();
        }
        long baseline = (long) capacity * FrameQueue.INITIAL_BUFFER_BYTES;
        assertThat(queue.allocatedBytes()).isLessThanOrEqualTo(baseline + FrameQueue.MAX_RETAINED_GROWN_BYTES);
    }

    @Test
    void pollTwiceWithoutReleaseIsRejected() throws InterruptedException {
        FrameQueue queue = new FrameQueue(2, 1 << 20);
        queue.offer(0, frame(60, 1));
        queue.poll(1, TimeUnit.SECONDS);
        assertThatThrownBy(() -> queue.poll(1, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void producerWakesWaitingConsumer() throws InterruptedException {
        FrameQueue queue = new FrameQueue(2, 1 << 20);
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            queue.offer(0, frame(60, 5));
        });
        producer.start();
        Frame frame = queue.poll(10, TimeUnit.SECONDS);
        producer.join();
        assertThat(frame).isNotNull();
    }
}
