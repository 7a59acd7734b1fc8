package io.dicomwatch.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.capture.CaptureOpenException;
import io.dicomwatch.capture.LiveSource;
import io.dicomwatch.capture.LiveSourceFactory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.pipeline.Pipeline;
import io.dicomwatch.pipeline.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private Sensor sensor(LiveSourceFactory factory, long flushNanos, List<String> interfaces) {
        Path output = directory.resolve("inventory.json");
        SensorConfig config = new SensorConfig(interfaces, 262_144, 1 << 20, "", 64, 0, flushNanos, 3600 * SECOND,
                3600 * SECOND);
        InventoryStore store = new InventoryStore(output, InventoryLimits.DEFAULTS, Clock.systemUTC());
        Pipeline pipeline = new Pipeline(new io.dicomwatch.inventory.Inventory(InventoryLimits.DEFAULTS),
                PipelineConfig.DEFAULTS);
        return new Sensor(config, pipeline, store, new InventoryJsonWriter("test"), factory, System::nanoTime);
    }

    private JsonNode output() throws IOException {
        return new ObjectMapper().readTree(directory.resolve("inventory.json").toFile());
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void stopDrainsAndWritesInventory() throws Exception {
        FakeSource source = new FakeSource();
        Sensor sensor = sensor(config -> source, 3600 * SECOND, List.of("fake0"));
        sensor.openInterfaces();
        Future<Boolean> run = executor.submit(sensor::run);
        for (int i = 0; i < 5; i++) {
            source.frames.add(new byte[60]);
        }
        awaitCondition(() -> source.frames.isEmpty());
        sensor.requestStop("SIGTERM");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
        JsonNode statistics = output().path("statistics");
        assertThat(statistics.path("capture").path("framesCaptured").asLong()).isEqualTo(5);
        assertThat(statistics.path("sensorQueue").path("framesQueued").asLong()).isEqualTo(5);
        assertThat(output().path("capture").path("firstPacket").isTextual()).isTrue();
        assertThat(source.closed).isTrue();
    }

    @Test
    void stopWakesSilentInterface() throws Exception {
        FakeSource source = new FakeSource();
        Sensor sensor = sensor(config -> source, 3600 * SECOND, List.of("fake0"));
        sensor.openInterfaces();
        Future<Boolean> run = executor.submit(sensor::run);
        sensor.requestStop("SIGINT");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(directory.resolve("inventory.json"))).isTrue();
    }

    @Test
    void failedInterfaceIsReopened() throws Exception {
        FakeSource first = new FakeSource();
        FakeSource second = new FakeSource();
        Deque<LiveSource> sources = new ArrayDeque<>(List.of(first, second));
        Sensor sensor = sensor(config -> sources.pop(), 3600 * SECOND, List.of("fake0"));
        sensor.openInterfaces();
        Future<Boolean> run = executor.submit(sensor::run);
        first.frames.add(new byte[60]);
        first.frames.add(FakeSource.FAILURE);
        awaitCondition(() -> first.closed);
        second.frames.add(new byte[60]);
        awaitCondition(() -> second.frames.isEmpty());
        sensor.requestStop("SIGTERM");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
        JsonNode capture = output().path("statistics").path("capture");
        assertThat(capture.path("interfaceReopens").asLong()).isEqualTo(1);
        assertThat(capture.path("framesCaptured").asLong()).isEqualTo(2);
        assertThat(capture.path("pcapReceived").asLong()).isEqualTo(14);
    }

    @Test
    void missingInterfaceIsRetried() throws Exception {
        FakeSource source = new FakeSource();
        AtomicInteger attempts = new AtomicInteger();
        LiveSourceFactory factory = config -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CaptureOpenException(CaptureOpenException.Reason.NO_SUCH_DEVICE, "No such device exists",
                        null);
            }
            return source;
        };
        Sensor sensor = sensor(factory, 3600 * SECOND, List.of("fake0"));
        sensor.openInterfaces();
        Future<Boolean> run = executor.submit(sensor::run);
        source.frames.add(new byte[60]);
        awaitCondition(() -> source.frames.isEmpty());
        sensor.requestStop("SIGTERM");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void permissionErrorStopsStart() {
        LiveSourceFactory factory = config -> {
            throw new CaptureOpenException(CaptureOpenException.Reason.PERMISSION, "cannot open eth1: permission",
                    null);
        };
        Sensor sensor = sensor(factory, 3600 * SECOND, List.of("eth1"));
        assertThatThrownBy(sensor::openInterfaces)
                .isInstanceOf(CaptureOpenException.class)
                .hasMessageContaining("eth1");
    }

    @Test
    void permissionErrorClosesOpenedInterfaces() {
        FakeSource first = new FakeSource();
        LiveSourceFactory factory = config -> {
            if (config.interfaceName().equals("eth0")) {
                return first;
            }
            throw new CaptureOpenException(CaptureOpenException.Reason.PERMISSION, "permission", null);
        };
        Sensor sensor = sensor(factory, 3600 * SECOND, List.of("eth0", "eth1"));
        assertThatThrownBy(sensor::openInterfaces).isInstanceOf(CaptureOpenException.class);
        assertThat(first.closed).isTrue();
    }

    @Test
    void periodicFlushWritesWhileRunning() throws Exception {
        FakeSource source = new FakeSource();
        Sensor sensor = sensor(config -> source, SECOND / 20, List.of("fake0"));
        sensor.openInterfaces();
        Future<Boolean> run = executor.submit(sensor::run);
        source.frames.add(new byte[60]);
        awaitCondition(() -> Files.exists(directory.resolve("inventory.json")));
        sensor.requestStop("SIGTERM");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unwritableOutputKeepsRunning() throws Exception {
        FakeSource source = new FakeSource();
        Path blocked = directory.resolve("inventory.json");
        Files.createDirectory(blocked);
        Sensor sensor = sensor(config -> source, SECOND / 20, List.of("fake0"));
        sensor.openInterfaces();
        Future<Boolean> run = executor.submit(sensor::run);
        Thread.sleep(200);
        source.frames.add(new byte[60]);
        awaitCondition(() -> source.frames.isEmpty());
        assertThat(run.isDone()).isFalse();
        Files.delete(blocked);
        sensor.requestStop("SIGTERM");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output().path("statistics").path("capture").path("framesCaptured").asLong()).isEqualTo(1);
    }

    @Test
    void queueOverflowIsCounted() throws Exception {
        FakeSource source = new FakeSource();
        Sensor sensor = sensor(config -> source, 3600 * SECOND, List.of("fake0"));
        sensor.openInterfaces();
        FrameQueue queue = sensor.queue();
        for (int i = 0; i < 64; i++) {
            queue.offer(0, frameOf(60));
        }
        assertThat(queue.offer(0, frameOf(60))).isFalse();
        Future<Boolean> run = executor.submit(sensor::run);
        sensor.requestStop("SIGTERM");
        assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output().path("statistics").path("sensorQueue").path("framesDropped").asLong()).isEqualTo(1);
    }

    private static io.dicomwatch.capture.Frame frameOf(int length) {
        io.dicomwatch.capture.Frame frame = new io.dicomwatch.capture.Frame();
        frame.data = new byte[length];
        frame.capturedLength = length;
        return frame;
    }

}
