package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture as an unprivileged user (setpriv to nobody): without CAP_NET_RAW the start fails with
 * exit code 2 and a message naming the interface and the fix; with CAP_NET_RAW alone, promiscuous
 * capture opens, which shows the systemd unit needs no CAP_NET_ADMIN.
 */
class CapturePermissionIT {
    private static final List<String> NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    @TempDir
    Path directory;

    @BeforeEach
    void requireRoot() throws Exception {
        SensorProcess.assumeRoot();
        SensorProcess.assumeTool("setpriv");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void withoutCapabilityExitsTwo() throws Exception {
        try (SensorProcess sensor = SensorProcess.start(directory, NOBODY, "--interface", "lo", "--output",
                directory.resolve("inventory.json").toString())) {
            assertThat(sensor.awaitExit()).isEqualTo(2);
            assertThat(sensor.log()).contains("cannot open lo");
            assertThat(sensor.log()).contains("CAP_NET_RAW");
        }
    }

    @Test
    void netRawAloneIsEnough() throws Exception {
        List<String> prefix = new java.util.ArrayList<>(NOBODY);
        prefix.addAll(List.of("--inh-caps=+net_raw", "--ambient-caps=+net_raw"));
        try (SensorProcess sensor = SensorProcess.start(directory, prefix, "--interface", "lo", "--output",
                directory.resolve("inventory.json").toString())) {
            sensor.awaitLog("Capture opened on lo");
            assertThat(sensor.terminate()).isZero();
        }
    }
}
