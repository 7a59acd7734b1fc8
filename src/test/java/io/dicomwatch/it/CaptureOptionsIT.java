package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options and configuration of {@code dicomwatch capture} through the packaged jar. */
class CaptureOptionsIT {
    @TempDir
    Path directory;

    @Test
    void helpListsCaptureOptionsOnly() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "capture", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("--interface", "--flush-interval", "--filter", "--stale-after");
        assertThat(result.stdout()).doesNotContain("--progress-interval");
    }

    @Test
    void replayHelpOmitsCaptureOptions() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "--help");
        assertThat(result.stdout()).doesNotContain("--interface", "--flush-interval");
    }

    @Test
    void missingInterfaceIsUsageError() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "capture");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("no interface given");
    }

    @Test
    void badDurationNamesOption() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "capture", "--interface", "lo", "--flush-interval", "often");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--flush-interval", "'often'");
    }

    @Test
    void badFilterIsUsageError() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "capture", "--interface", "lo", "--filter", "tcp portt 1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("tcp portt 1");
    }

    @Test
    void outputLockedByOtherSensorIsUsageError() throws Exception {
        Path output = directory.resolve("inventory.json");
        Files.writeString(output, "{}");
        Path lockFile = directory.resolve(".inventory.json.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock otherSensorLock = channel.lock()) {
            JarRunner.Result result = JarRunner.run(directory, "capture", "--interface", "lo", "--output",
                    output.toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).contains("in use by another dicomwatch capture", output.toString());
        }
        assertThat(Files.readString(output)).as("the locked output is left alone").isEqualTo("{}");
    }

    @Test
    void configFileWithBadKeyIsUsageError() throws Exception {
        Path config = directory.resolve("dicomwatch.yaml");
        Files.writeString(config, "interface: [lo]\nsnap-length: 1\n");
        JarRunner.Result result = JarRunner.run(directory, "capture", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("'snap-length'", "out of range");
    }

    @Test
    void sampleConfigIsValid() throws Exception {
        Path sample = Path.of("config/dicomwatch.yaml").toAbsolutePath();
        Path copy = directory.resolve("sample.yaml");
        Files.writeString(copy, Files.readString(sample).replace("/var/lib/dicomwatch/", directory + "/"));
        JarRunner.Result capture = JarRunner.run(directory, "capture", "--config", copy.toString(), "--filter",
                "tcp portt 1");
        assertThat(capture.exitCode()).isEqualTo(2);
        assertThat(capture.stderr()).as("the sample's keys are accepted, so only the bad filter is reported")
                .contains("tcp portt 1");
    }
}
