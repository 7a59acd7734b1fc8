package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitySetupTest {
    private static final String SAMPLE = "samples-pcap/echo.pcap";

    @TempDir
    Path directory;

    private int replay(String... options) {
        String[] arguments = new String[options.length + 5];
        arguments[0] = "replay";
        arguments[1] = "-q";
        arguments[2] = "-o";
        arguments[3] = directory.resolve("inventory.json").toString();
        System.arraycopy(options, 0, arguments, 4, options.length);
        arguments[arguments.length - 1] = SAMPLE;
        return Main.run(arguments);
    }

    @Test
    void missingFingerprintFileIsUsageError() {
        assertThat(replay("--fingerprints", directory.resolve("absent.tsv").toString()))
                .isEqualTo(ExitCodes.USAGE_ERROR);
    }

    @Test
    void malformedFingerprintFileIsUsageError() throws IOException {
        Path file = directory.resolve("fingerprints.tsv");
        Files.writeString(file, "uid-prefix\t1.2.3\n");
        assertThat(replay("--fingerprints", file.toString())).isEqualTo(ExitCodes.USAGE_ERROR);
    }

    @Test
    void userFingerprintRowWins() throws IOException {
        Path file = directory.resolve("fingerprints.tsv");
        Files.writeString(file, "name-regex\tOFFIS_.*\ttoolkit\tLocal build\tHospital IT\t-\n");
        assertThat(replay("--fingerprints", file.toString())).isEqualTo(ExitCodes.SUCCESS);
        assertThat(Files.readString(directory.resolve("inventory.json"))).contains("\"product\" : \"Local build\"");
    }

    @Test
    void corruptKeyIsUsageError() throws IOException {
        Files.write(directory.resolve("dicomwatch-study-key"), new byte[5]);
        assertThat(replay()).isEqualTo(ExitCodes.USAGE_ERROR);
    }

    @Test
    void retentionBelowOneHourIsUsageError() {
        assertThat(replay("--hourly-retention", "30m")).isEqualTo(ExitCodes.USAGE_ERROR);
    }
}
