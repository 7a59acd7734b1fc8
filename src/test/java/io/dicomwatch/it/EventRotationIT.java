package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log rotation of the event file while the sensor runs: logrotate renames the file, then sends
 * SIGHUP. The sensor must keep running, write later events to a new file under the old name, and
 * still write its inventory at SIGTERM.
 */
class EventRotationIT {
    private static final long EVENT_TIMEOUT_SECONDS = 30;

    @TempDir
    Path directory;

    private static List<String> awaitLines(Path file, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_TIMEOUT_SECONDS);
        while (!Files.exists(file) || Files.readAllLines(file).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " event line(s) in " + file + " within "
                        + EVENT_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(50);
        }
        return Files.readAllLines(file);
    }

    @Test
    void rotatedEventFileGetsNewEvents() throws Exception {
        SensorProcess.assumeRoot();
        int port = SensorProcess.freePort();
        Path output = directory.resolve("inventory.json");
        Path events = directory.resolve("events.jsonl");
        Path rotated = directory.resolve("events.jsonl.1");
        try (SensorProcess sensor = SensorProcess.start(directory, List.of(), "--interface", "lo",
                "--filter", "tcp port " + port, "--dicom-ports", Integer.toString(port), "--sweep-min-hosts", "3",
                "--events", events.toString(), "--output", output.toString())) {
            sensor.awaitLog("Sensor started");
            SensorProcess.sweep(1, port);
            assertThat(awaitLines(events, 1).get(0)).contains("127.0.1.1").contains("scan.dicom-port-sweep");

            Files.move(events, rotated);
            sensor.hangUp();
            sensor.awaitLog("SIGHUP");
            SensorProcess.sweep(2, port);
            List<String> after = awaitLines(events, 1);

            assertThat(sensor.isAlive()).as("sensor alive after SIGHUP").isTrue();
            assertThat(after).hasSize(1);
            assertThat(after.get(0)).contains("127.0.2.1");
            assertThat(Files.readAllLines(rotated)).hasSize(1);
            assertThat(sensor.terminate()).as("exit status after SIGTERM").isZero();
            assertThat(sensor.log()).contains("Reopened the event file");
        }
        assertThat(Files.readString(output)).contains("127.0.2.1");
    }
}
