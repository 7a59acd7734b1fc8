package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureSettingsTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private Path config(String yaml) throws IOException {
        Path file = directory.resolve("dicomwatch.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Settings resolve(String yaml) throws IOException {
        return Settings.resolve(Map.of(), config(yaml));
    }

    @Test
    void queueLargerThanHeapIsRejected() {
        long heap = 256L << 20;
        assertThatThrownBy(() -> CaptureCommand.checkQueueFitsHeap(1_000_000, heap))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--queue-capacity: 1000000")
                .hasMessageContaining("1953 MiB")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void defaultQueueFitsSmallHeap() {
        // With -Xmx256m, OpenJDK 17.0.15 reports a maximum heap of 245.5 MiB under the parallel collector.
        CaptureCommand.checkQueueFitsHeap(65_536, 245L << 20);
    }

    @Test
    void captureDefaults() {
        Settings settings = Settings.resolve(Map.of(), null);
        assertThat(settings.list(Setting.INTERFACE)).isEmpty();
        assertThat(settings.text(Setting.FILTER)).isEmpty();
        assertThat(settings.intValue(Setting.SNAP_LENGTH)).isEqualTo(262_144);
        assertThat(settings.longValue(Setting.FLUSH_INTERVAL)).isEqualTo(60 * SECOND);
        assertThat(settings.list(Setting.INTERNAL_NETWORKS)).contains("10.0.0.0/8", "fc00::/7");
    }

    @Test
    void interfaceAcceptsYamlList() throws IOException {
        assertThat(resolve("interface: [eth1, eth2]\n").list(Setting.INTERFACE)).containsExactly("eth1", "eth2");
    }

    @Test
    void interfaceAcceptsSingleString() throws IOException {
        assertThat(resolve("interface: eth1\n").list(Setting.INTERFACE)).containsExactly("eth1");
    }

    @Test
    void interfaceOptionReplacesFile() throws IOException {
        Settings settings = Settings.resolve(Map.of(Setting.INTERFACE, "eth3"), config("interface: [eth1, eth2]\n"));
        assertThat(settings.list(Setting.INTERFACE)).containsExactly("eth3");
    }

    @Test
    void everyCaptureKeyIsRead() throws IOException {
        Settings settings = resolve("""
                interface:
                  - eth1
                filter: "tcp or vlan"
                snap-length: 65535
                buffer-size: 64MiB
                flush-interval: 30s
                stats-interval: 5m
                stale-after: 7d
                silent-interface-warning: 10m
                queue-capacity: 1000
                duplicate-window: 5ms
                internal-networks: [10.0.0.0/8, "2001:db8::/32"]
                """);
        assertThat(settings.list(Setting.INTERFACE)).containsExactly("eth1");
        assertThat(settings.text(Setting.FILTER)).isEqualTo("tcp or vlan");
        assertThat(settings.intValue(Setting.SNAP_LENGTH)).isEqualTo(65_535);
        assertThat(settings.intValue(Setting.BUFFER_SIZE)).isEqualTo(64 << 20);
        assertThat(settings.longValue(Setting.FLUSH_INTERVAL)).isEqualTo(30 * SECOND);
        assertThat(settings.longValue(Setting.STATS_INTERVAL)).isEqualTo(300 * SECOND);
        assertThat(settings.longValue(Setting.STALE_AFTER)).isEqualTo(7 * 86_400 * SECOND);
        assertThat(settings.longValue(Setting.SILENT_INTERFACE_WARNING)).isEqualTo(600 * SECOND);
        assertThat(settings.intValue(Setting.QUEUE_CAPACITY)).isEqualTo(1000);
        assertThat(settings.longValue(Setting.DUPLICATE_WINDOW)).isEqualTo(5_000_000L);
        assertThat(settings.list(Setting.INTERNAL_NETWORKS)).containsExactly("10.0.0.0/8", "2001:db8::/32");
    }

    @Test
    void badValuesNameKeyAndValue() throws IOException {
        Map<String, String> cases = Map.of(
                "snap-length: 10", "out of range",
                "snap-length: 300000", "out of range",
                "buffer-size: big", "invalid size",
                "flush-interval: 0s", "out of range",
                "flush-interval: soon", "invalid duration",
                "queue-capacity: 0", "expected 1 to",
                "duplicate-window: 1x", "invalid duration",
                "internal-networks: [10.0.0.1/8]", "bits beyond the /8 prefix",
                "internal-networks: 10.0.0.0/33", "prefix length",
                "interface: {name: eth1}", "must have a single value or a list");
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            String key = entry.getKey().substring(0, entry.getKey().indexOf(':'));
            Path file = config(entry.getKey() + "\n");
            assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                    .as(entry.getKey())
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("'" + key + "'")
                    .hasMessageContaining(entry.getValue());
        }
    }

    @Test
    void unknownKeyNamesValue() throws IOException {
        Path file = config("interfaces: eth1\n");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'interfaces'")
                .hasMessageContaining("\"eth1\"");
    }

    @Test
    void sharedFileAcceptsReplayKeys() throws IOException {
        Settings settings = resolve("interface: eth1\nmerge: true\nprogress-interval: 5s\n");
        assertThat(settings.flag(Setting.MERGE)).isTrue();
    }

    @Test
    void settingsApplyToTheirCommands() {
        assertThat(Setting.INTERFACE.appliesTo(Setting.Command.REPLAY)).isFalse();
        assertThat(Setting.PROGRESS_INTERVAL.appliesTo(Setting.Command.CAPTURE)).isFalse();
        assertThat(Setting.MERGE.appliesTo(Setting.Command.CAPTURE)).isFalse();
        assertThat(Setting.STALE_AFTER.appliesTo(Setting.Command.REPLAY)).isTrue();
        assertThat(Setting.OUTPUT.appliesTo(Setting.Command.CAPTURE)).isTrue();
    }

    @Test
    void captureRequiresInterface() {
        Settings settings = Settings.resolve(Map.of(), null);
        assertThatThrownBy(() -> CaptureCommand.sensorConfig(settings))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--interface");
    }

    @Test
    void duplicateInterfaceIsRejected() {
        Settings settings = Settings.resolve(Map.of(Setting.INTERFACE, "eth1,eth1"), null);
        assertThatThrownBy(() -> CaptureCommand.sensorConfig(settings))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("eth1");
    }

    @Test
    void invalidFilterIsRejected() {
        Settings settings = Settings.resolve(Map.of(Setting.INTERFACE, "eth1", Setting.FILTER, "tcp portt 104"),
                null);
        assertThatThrownBy(() -> CaptureCommand.sensorConfig(settings))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("tcp portt 104");
    }

    @Test
    void validFilterIsAccepted() {
        Settings settings = Settings.resolve(Map.of(Setting.INTERFACE, "eth1", Setting.FILTER,
                "tcp or (vlan and tcp)"), null);
        assertThat(CaptureCommand.sensorConfig(settings).interfaces()).isEqualTo(List.of("eth1"));
    }

    @Test
    void replayHelpOmitsCaptureOptions() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine commandLine = Main.commandLine("replay");
        commandLine.getSubcommands().get("replay").usage(new java.io.PrintWriter(out));
        assertThat(out.toString()).doesNotContain("--interface");
        assertThat(out.toString()).contains("--stale-after");
    }

    @Test
    void captureHelpOmitsReplayOptions() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine commandLine = Main.commandLine("capture");
        commandLine.getSubcommands().get("capture").usage(new java.io.PrintWriter(out));
        assertThat(out.toString()).doesNotContain("--progress-interval");
        assertThat(out.toString()).doesNotContain("--merge");
        assertThat(out.toString()).contains("--interface");
    }
}
