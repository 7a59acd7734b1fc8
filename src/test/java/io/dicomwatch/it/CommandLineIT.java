package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, version, exit codes and error messages. */
class CommandLineIT {
    private static final Path SAMPLES = Path.of("samples-pcap").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void versionPrintsProjectVersion() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("dicomwatch ").doesNotContain("unknown");
    }

    @Test
    void replayHelpListsOptionsWithDefaults() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("--output", "--merge", "--config", "Default: 64MiB");
    }

    @Test
    void replaySummaryGoesToStdout() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("1 association row ", "Wrote inventory.json");
        assertThat(directory.resolve("inventory.json")).exists();
    }

    @Test
    void missingInputExitsWithUsageError() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "absent.pcap");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("input file not found: absent.pcap");
        assertThat(directory.resolve("inventory.json")).doesNotExist();
    }

    @Test
    void unknownOptionExitsWithUsageError() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "--colour", "x.pcap");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--colour", "--help");
    }

    @Test
    void badConfigValueNamesKey() throws Exception {
        Path config = directory.resolve("dicomwatch.yaml");
        Files.writeString(config, "idle-timeout: soon\n");
        JarRunner.Result result = JarRunner.run(directory, "replay", "-c", config.toString(),
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("idle-timeout", "'soon'");
    }

    @Test
    void missingOutputDirectoryExitsWithUsageError() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "-o", "no/such/dir/inventory.json",
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("output directory not found");
    }

    @Test
    void unwritableOutputDirectoryExitsBeforeReplay() throws Exception {
        // /proc takes no new regular file, even from root, which bypasses permission bits.
        JarRunner.Result result = JarRunner.run(directory, "replay", "-o", "/proc/inventory.json",
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("cannot create files in the output directory /proc");
        assertThat(result.stderr()).doesNotContain("Exception");
    }

    @Test
    void truncatedCaptureExitsThreeWithInventory() throws Exception {
        byte[] whole = Files.readAllBytes(SAMPLES.resolve("store.pcap"));
        Path truncated = directory.resolve("truncated.pcap");
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 700));
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", truncated.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("truncated.pcap", "frame");
        JsonNode inventory = JSON.readTree(directory.resolve("inventory.json").toFile());
        assertThat(inventory.get("associations")).hasSize(1);
    }

    @Test
    void garbageFileExitsThree() throws Exception {
        Path garbage = directory.resolve("notes.pcap");
        Files.writeString(garbage, "this is not a capture file\n");
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", garbage.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("notes.pcap");
    }

    @Test
    void mergeAddsToExistingInventory() throws Exception {
        String echo = SAMPLES.resolve("echo.pcap").toString();
        assertThat(JarRunner.run(directory, "replay", "-q", echo).exitCode()).isZero();
        assertThat(JarRunner.run(directory, "replay", "-q", "--merge", echo).exitCode()).isZero();
        JsonNode association = JSON.readTree(directory.resolve("inventory.json").toFile()).get("associations").get(0);
        assertThat(association.get("requested").asLong()).isEqualTo(2);
        assertThat(association.get("operations").get("C-ECHO-RQ").asLong()).isEqualTo(2);
    }

    @Test
    void mergeIntoNewerSchemaIsRejected() throws Exception {
        Files.writeString(directory.resolve("inventory.json"), "{\"schemaVersion\": 99}");
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", "--merge",
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("schemaVersion 99");
        assertThat(Files.readString(directory.resolve("inventory.json"))).isEqualTo("{\"schemaVersion\": 99}");
    }

    @Test
    void rotatedFilesAreOneCapture() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q",
                SAMPLES.resolve("echo.pcap").toString(), SAMPLES.resolve("store.pcap").toString());
        assertThat(result.exitCode()).isZero();
        JsonNode inventory = JSON.readTree(directory.resolve("inventory.json").toFile());
        assertThat(inventory.get("associations")).hasSize(2);
    }

    @Test
    void outputNamingAnInputIsRejected() throws Exception {
        Path capture = directory.resolve("capture.pcap");
        Files.copy(SAMPLES.resolve("echo.pcap"), capture);
        byte[] before = Files.readAllBytes(capture);
        JarRunner.Result result = JarRunner.run(directory, "replay", "-o", "capture.pcap", "capture.pcap");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("is also an input");
        assertThat(Files.readAllBytes(capture)).isEqualTo(before);
    }

    @Test
    void sameInputTwiceIsRejected() throws Exception {
        String echo = SAMPLES.resolve("echo.pcap").toString();
        JarRunner.Result result = JarRunner.run(directory, "replay", echo, echo);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("input given twice");
    }

    @Test
    void unreadableInputLeavesExistingInventory() throws Exception {
        Path inventory = directory.resolve("inventory.json");
        assertThat(JarRunner.run(directory, "replay", "-q", SAMPLES.resolve("echo.pcap").toString()).exitCode())
                .isZero();
        byte[] good = Files.readAllBytes(inventory);
        Path garbage = directory.resolve("garbage.pcap");
        Files.writeString(garbage, "not a capture\n");
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", garbage.toString());
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("left unchanged");
        assertThat(Files.readAllBytes(inventory)).isEqualTo(good);
    }

    @Test
    void standardInputIsReadWithDash() throws Exception {
        Path capture = SAMPLES.resolve("echo.pcap");
        JarRunner.Result result = JarRunner.runWithInput(directory, capture, "replay", "-q", "-");
        assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
        JsonNode inventory = JSON.readTree(directory.resolve("inventory.json").toFile());
        assertThat(inventory.get("associations")).hasSize(1);
    }

    @Test
    void mergeRejectsNegativeCount() throws Exception {
        String echo = SAMPLES.resolve("echo.pcap").toString();
        assertThat(JarRunner.run(directory, "replay", "-q", echo).exitCode()).isZero();
        Path inventory = directory.resolve("inventory.json");
        Files.writeString(inventory, Files.readString(inventory).replace("\"requested\" : 1", "\"requested\" : -5"));
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", "--merge", echo);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("'requested' is -5");
    }

    @Test
    void replayWritesToStdoutPipe() throws Exception {
        java.util.List<String> command = java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRunner.jar().toAbsolutePath().toString(), "replay", "-q", "-o", "/dev/stdout",
                SAMPLES.resolve("echo.pcap").toString());
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(JSON.readTree(output).get("associations")).hasSize(1);
        assertThat(directory.resolve("dicomwatch-study-key")).exists();
    }

    @Test
    void stdoutRedirectedToFileHoldsOnlyJson() throws Exception {
        // JarRunner sends standard output to a regular file, as 'dicomwatch replay -o /dev/stdout > x' does.
        JarRunner.Result result = JarRunner.run(directory, "replay", "-o", "/dev/stdout",
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
        assertThat(JSON.readTree(result.stdout()).get("associations")).hasSize(1);
        assertThat(result.stdout()).doesNotContain("Wrote");
        assertThat(result.stderr()).contains("Wrote /dev/stdout");
        assertThat(directory.resolve("dicomwatch-study-key")).exists();
    }

    @Test
    void stdoutPipeWithoutQuietHoldsOnlyJson() throws Exception {
        java.util.List<String> command = java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRunner.jar().toAbsolutePath().toString(), "replay", "-o", "/dev/stdout",
                SAMPLES.resolve("echo.pcap").toString());
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(JSON.readTree(output).get("associations")).hasSize(1);
        assertThat(new String(output, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Read 20 packets");
    }

    @Test
    void unprivilegedReplayWritesToStdoutPipe() throws Exception {
        SensorProcess.assumeRoot();
        SensorProcess.assumeTool("setpriv");
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        // The shell runs as nobody, so the pipe to cat belongs to nobody as it would for a real user.
        String replay = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarRunner.jar().toAbsolutePath().toString(), "replay", "-q", "-o", "/dev/stdout",
                SAMPLES.resolve("echo.pcap").toString());
        java.util.List<String> command = java.util.List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "bash", "-c", "set -o pipefail; " + replay + " | cat");
        Path stderr = directory.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(stderr.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("stderr: %s", Files.readString(stderr)).isZero();
        assertThat(JSON.readTree(output).get("associations")).hasSize(1);
    }

    @Test
    void reportRejectsOutputThatIsItsInput() throws Exception {
        assertThat(JarRunner.run(directory, "replay", "-q", SAMPLES.resolve("echo.pcap").toString()).exitCode())
                .isZero();
        byte[] before = Files.readAllBytes(directory.resolve("inventory.json"));
        JarRunner.Result result = JarRunner.run(directory, "report", "inventory.json", "-o", "inventory.json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("is also an input");
        assertThat(Files.readAllBytes(directory.resolve("inventory.json"))).isEqualTo(before);
    }

    @Test
    void reportRejectsNewerSchema() throws Exception {
        Files.writeString(directory.resolve("future.json"), "{\"schemaVersion\": 99, \"assets\": [], "
                + "\"associations\": []}");
        JarRunner.Result result = JarRunner.run(directory, "report", "future.json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("schemaVersion 99");
    }

    @Test
    void reportOfDirectoryIsUsageError() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "report", directory.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("is a directory").doesNotContain("Exception");
    }

    @Test
    void emptyInternalNetworksIsRejected() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", "--internal-networks=",
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("internal-networks is empty");
    }
}
