package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dicomwatch.capture.FragmentReassemblyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path directory;

    private Path config(String yaml) throws IOException {
        Path file = directory.resolve("dicomwatch.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void resolveUsesDefaults() {
        Settings settings = Settings.resolve(Map.of(), null);
        assertThat(settings.text(Setting.OUTPUT)).isEqualTo("inventory.json");
        assertThat(settings.flag(Setting.MERGE)).isFalse();
        assertThat(settings.longValue(Setting.MAX_BUFFERED_BYTES)).isEqualTo(64L << 20);
        assertThat(settings.longValue(Setting.IDLE_TIMEOUT)).isEqualTo(600_000_000_000L);
    }

    @Test
    void fragmentSettingsReachPipeline() throws IOException {
        Path file = config("max-fragmented-datagrams: 10\nmax-fragment-bytes: 1MiB\n"
                + "ipv4-fragment-timeout: 5s\nipv6-fragment-timeout: 2m\n");

        FragmentReassemblyConfig fragments = ReplayCommand.pipelineConfig(Settings.resolve(Map.of(), file))
                .fragments();

        assertThat(fragments.maxDatagrams()).isEqualTo(10);
        assertThat(fragments.maxBufferedBytes()).isEqualTo(1L << 20);
        assertThat(fragments.ipv4TimeoutNanos()).isEqualTo(5_000_000_000L);
        assertThat(fragments.ipv6TimeoutNanos()).isEqualTo(120_000_000_000L);
    }

    @Test
    void fragmentByteBoundBelowOneDatagramRejected() throws IOException {
        Path file = config("max-fragment-bytes: 32KiB\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("max-fragment-bytes");
    }

    @Test
    void resolveEveryDefaultParses() {
        for (Setting setting : Setting.values()) {
            assertThat(setting.parse(setting.defaultValue())).as(setting.key()).isNotNull();
        }
    }

    @Test
    void optionOverridesConfigFile() throws IOException {
        Path file = config("max-assets: 10\noutput: from-file.json\n");
        Settings settings = Settings.resolve(Map.of(Setting.MAX_ASSETS, "20"), file);
        assertThat(settings.intValue(Setting.MAX_ASSETS)).isEqualTo(20);
        assertThat(settings.text(Setting.OUTPUT)).isEqualTo("from-file.json");
    }

    @Test
    void configFileAcceptsYamlTypes() throws IOException {
        Path file = config("keep-usernames: true\nmax-associations: 5\nidle-timeout: 10m\n");
        Settings settings = Settings.resolve(Map.of(), file);
        assertThat(settings.flag(Setting.KEEP_USERNAMES)).isTrue();
        assertThat(settings.intValue(Setting.MAX_ASSOCIATIONS)).isEqualTo(5);
        assertThat(settings.longValue(Setting.IDLE_TIMEOUT)).isEqualTo(600_000_000_000L);
    }

    @Test
    void configFileNotUtf8Rejected() throws IOException {
        Path file = directory.resolve("latin1.yaml");
        Files.write(file, "output: caf\u00e9.json\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not UTF-8 text")
                .hasMessageContaining(file.toString());
    }

    @Test
    void configFileByteOrderMarkIgnored() throws IOException {
        Path file = config("\uFEFFoutput: marked.json\n");

        Settings settings = Settings.resolve(Map.of(), file);

        assertThat(settings.text(Setting.OUTPUT)).isEqualTo("marked.json");
    }

    @Test
    void configFileRejectsUnknownKey() throws IOException {
        Path file = config("max-asets: 10\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown configuration key 'max-asets'")
                .hasMessageContaining("max-assets");
    }

    @Test
    void configFileRejectsBadValueWithKey() throws IOException {
        Path file = config("max-buffered-bytes: lots\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("max-buffered-bytes")
                .hasMessageContaining("'lots'");
    }

    @Test
    void configFileRejectsNestedValue() throws IOException {
        Path file = config("output:\n  path: x.json\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must have a single value");
    }

    @Test
    void configFileRejectsInvalidYaml() throws IOException {
        Path file = config("output: [unclosed\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void missingConfigFileNamesPath() {
        Path missing = directory.resolve("absent.yaml");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), missing))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("configuration file not found: " + missing);
    }

    @Test
    void emptyConfigFileMeansDefaults() throws IOException {
        Path file = config("# nothing set\n");
        assertThat(Settings.resolve(Map.of(), file).intValue(Setting.MAX_ASSETS)).isEqualTo(25_000);
    }

    @Test
    void optionRejectsZeroCount() {
        assertThatThrownBy(() -> Settings.resolve(Map.of(Setting.MAX_ASSETS, "0"), null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("option --max-assets")
                .hasMessageContaining("'0'");
    }

    @Test
    void optionOutsideRangeNamesOptionAndRange() {
        assertThatThrownBy(() -> Settings.resolve(Map.of(Setting.REASSEMBLY_WINDOW, "2GiB"), null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("option --reassembly-window")
                .hasMessageContaining("64KiB to 1GiB");
    }

    @Test
    void configFileRejectsDuplicateKey() throws IOException {
        Path file = config("max-assets: 10\nmax-assets: 20\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("max-assets");
    }

    @Test
    void binaryConfigFileIsNamedNotUtf8() throws IOException {
        Path file = directory.resolve("binary.yaml");
        Files.write(file, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01});
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(file.toString());
    }
}
