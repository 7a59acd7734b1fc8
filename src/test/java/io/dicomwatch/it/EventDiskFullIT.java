package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event file on a full disk: events that do not fit are lost and counted, but every line
 * that stays in the file, before and after the disk fills, must be whole JSON for the SIEM.
 */
class EventDiskFullIT {
    private static final long EVENT_TIMEOUT_SECONDS = 30;

    @TempDir
    Path directory;

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
    }

    /** Writes zeros to {@code filler} until the file system is full. */
    private static void fill(Path filler) {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(page);
                out.flush();
            }
        } catch (IOException full) {
            // No space left on device: the file system is full, as intended.
        }
    }

    private static void awaitLine(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_TIMEOUT_SECONDS);
        while (!Files.exists(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no event line in " + file + " within " + EVENT_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitLog(SensorProcess sensor, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_TIMEOUT_SECONDS);
        while (!sensor.log().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sensor did not log '" + text + "':\n" + sensor.log());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void fullDiskLeavesOnlyWholeLines() throws Exception {
        SensorProcess.assumeRoot();
        SensorProcess.assumeTool("mount");
        Path disk = Files.createDirectory(directory.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "dicomwatch-it", disk.toString())
                .inheritIO().start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs");
        try {
            int port = SensorProcess.freePort();
            Path events = disk.resolve("events.jsonl");
            try (SensorProcess sensor = SensorProcess.start(directory, List.of(), "--interface", "lo",
                    "--filter", "tcp port " + port, "--dicom-ports", Integer.toString(port), "--sweep-min-hosts",
                    "3", "--events", events.toString(), "--output", directory.resolve("inventory.json").toString())) {
                sensor.awaitLog("Sensor started");
                SensorProcess.sweep(1, port);
                awaitLine(events);
                Path filler = disk.resolve("filler");
                fill(filler);
                // Ten lines of about 700 bytes fill the rest of the event file's last page and more.
                for (int source = 2; source <= 11; source++) {
                    SensorProcess.sweep(source, port);
                }
                awaitLog(sensor, "Cannot write finding event");
                Files.delete(filler);
                SensorProcess.sweep(12, port);
                Thread.sleep(1000);
                assertThat(sensor.terminate()).isZero();
            }
            List<String> lines = Files.readAllLines(events);
            assertThat(lines).as("events before the disk filled and after it was freed").hasSizeGreaterThan(2);
            assertThat(lines.get(lines.size() - 1)).contains("127.0.12.1");
            ObjectMapper json = new ObjectMapper();
            for (String line : lines) {
                assertThatCode(() -> json.readTree(line)).as("event line %s", line).doesNotThrowAnyException();
            }
        } finally {
            run("umount", disk.toString());
        }
    }
}
