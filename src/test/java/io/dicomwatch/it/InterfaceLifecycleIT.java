package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interface that appears after the start and later disappears, inside a network namespace that
 * the test creates: the sensor keeps running, opens it when it appears, reopens after it is gone,
 * and still stops cleanly.
 */
class InterfaceLifecycleIT {
    @TempDir
    Path directory;

    private String namespace;

    @BeforeEach
    void createNamespace() throws Exception {
        SensorProcess.assumeRoot();
        SensorProcess.assumeTool("ip");
        namespace = "dwit-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        ip("netns", "add", namespace);
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (namespace != null) {
            ip("netns", "del", namespace);
        }
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    @Test
    void lateAndVanishingInterface() throws Exception {
        List<String> inNamespace = List.of("ip", "netns", "exec", namespace);
        try (SensorProcess sensor = SensorProcess.start(directory, inNamespace, "--interface", "dwit0", "--output",
                directory.resolve("inventory.json").toString())) {
            sensor.awaitLog("Interface dwit0 not available yet");
            // A veth pair, because the dummy link type needs a kernel module that may be missing.
            ip("-n", namespace, "link", "add", "dwit0", "type", "veth", "peer", "name", "dwit1");
            ip("-n", namespace, "link", "set", "dwit1", "up");
            ip("-n", namespace, "link", "set", "dwit0", "up");
            sensor.awaitLog("Capture reopened on dwit0");
            ip("-n", namespace, "link", "del", "dwit0");
            sensor.awaitLog("Capture on dwit0 failed");
            assertThat(sensor.terminate()).as("exit status after SIGTERM").isZero();
            assertThat(sensor.log()).contains("Sensor stopped");
        }
    }
}
