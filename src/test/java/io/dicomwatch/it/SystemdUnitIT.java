package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/dicomwatch.service passes systemd-analyze verify with ExecStart pointing at the built launcher. */
class SystemdUnitIT {
    @TempDir
    Path directory;

    @Test
    void unitVerifies() throws Exception {
        SensorProcess.assumeTool("systemd-analyze");
        Path launcher = Path.of("bin/dicomwatch").toAbsolutePath();
        String unit = Files.readString(Path.of("config/dicomwatch.service"), StandardCharsets.UTF_8)
                .replace("/opt/dicomwatch/bin/dicomwatch", launcher.toString());
        assertThat(unit).contains("ExecStart=" + launcher);
        Path copy = directory.resolve("dicomwatch.service");
        Files.writeString(copy, unit);
        Process verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as("systemd-analyze verify:\n" + output).isZero();
        assertThat(output).as("warnings about our unit").doesNotContain(copy.getFileName().toString());
    }
}
