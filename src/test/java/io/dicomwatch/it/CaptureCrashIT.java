package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while the sensor flushes every 5 ms under traffic, 20 times: the inventory on disk must
 * always parse, because every write is a temporary file, fsync and rename.
 */
class CaptureCrashIT {
    private static final int KILLS = 20;

    @TempDir
    Path directory;

    @Test
    void killDuringFlushLeavesValidFile() throws Exception {
        SensorProcess.assumeRoot();
        SensorProcess.assumeTool("storescp");
        SensorProcess.assumeTool("echoscu");
        SensorProcess.assumeTool("ss");
        int port = SensorProcess.freePort();
        Path output = directory.resolve("inventory.json");
        AtomicBoolean trafficRunning = new AtomicBoolean(true);
        try (DcmtkPeers peers = new DcmtkPeers(directory, port)) {
            peers.startStorescp("CRASHSCP");
            Thread traffic = new Thread(() -> {
                while (trafficRunning.get()) {
                    try {
                        peers.echo("CRASHSCU", "CRASHSCP");
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            traffic.start();
            try {
                for (int i = 0; i < KILLS; i++) {
                    try (SensorProcess sensor = SensorProcess.start(directory, List.of(), "--interface", "lo",
                            "--filter", "tcp port " + port, "--flush-interval", "5ms", "--output", output.toString())) {
                        sensor.awaitLog("Sensor started");
                        Thread.sleep(ThreadLocalRandom.current().nextInt(50, 400));
                        sensor.kill();
                    }
                    assertThat(output).as("inventory after kill %d", i + 1).exists();
                    assertThatCode(() -> new ObjectMapper().readTree(output.toFile()))
                            .as("inventory parses after kill %d", i + 1).doesNotThrowAnyException();
                }
            } finally {
                trafficRunning.set(false);
                traffic.join(60_000);
            }
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no inventory moved aside").noneMatch(name -> name.contains("unreadable"));
        }
    }
}
