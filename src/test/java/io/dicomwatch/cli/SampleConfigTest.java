package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config/dicomwatch.yaml sets every key, and every value in it is valid. */
class SampleConfigTest {
    private static final Path SAMPLE = Path.of("config/dicomwatch.yaml");

    @Test
    void sampleSetsEveryKey() throws IOException {
        String text = Files.readString(SAMPLE);
        for (Setting setting : Setting.values()) {
            assertThat(text).as(setting.key()).containsPattern("(?m)^" + setting.key() + ":");
        }
    }

    @Test
    void sampleResolves() {
        Settings settings = Settings.resolve(Map.of(), SAMPLE);
        assertThat(settings.list(Setting.INTERFACE)).containsExactly("eth1");
    }
}
