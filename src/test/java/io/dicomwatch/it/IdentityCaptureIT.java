package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures real dcmtk peers on loopback with samples-pcap/identity.sh (storescu sends one CT
 * full of sentinel patient values per transfer syntax to storescp, tcpdump records it), replays
 * the capture with the packaged jar at DEBUG log level, and checks that the equipment of every
 * transfer syntax is read while no sentinel appears in the inventory, the state files, standard
 * output or the log. Skips unless run as root with dcmtk, tcpdump, ss and python3-pydicom.
 */
class IdentityCaptureIT {
    private static final Path SCRIPT = Path.of("samples-pcap", "identity.sh").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;
    private static final String SENTINEL = "DWSENT";
    private static final String STUDY_UID_SUFFIX = "8675309";
    private static final List<String> NAMES = List.of("IMPLICIT", "EXPLICIT", "BIG", "DEFLATED", "RLE", "JPEG");

    @TempDir
    static Path directory;

    private static Path capture;
    private static String stdout;
    private static String stderr;
    private static JsonNode inventory;

    @BeforeAll
    static void captureAndReplay() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for tcpdump");
        for (String tool : List.of("storescu", "storescp", "dcmconv", "dcmcrle", "dcmcjpeg", "tcpdump", "ss")) {
            assumeTrue(onPath(tool), tool + " not installed");
        }
        assumeTrue(run(List.of("/usr/bin/python3", "-c", "import pydicom"), directory) == 0, "needs python3-pydicom");
        capture = directory.resolve("identity-it.pcap");
        ProcessBuilder script = new ProcessBuilder(SCRIPT.toString(), capture.toString());
        script.environment().put("PORT", Integer.toString(freePort()));
        assertThat(run(script, directory)).as("identity.sh exit code").isZero();

        Path output = directory.resolve("out");
        Files.createDirectories(output);
        ProcessBuilder replay = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JarRunner.jar().toAbsolutePath().toString(), "replay", "-o",
                output.resolve("inventory.json").toString(), capture.toString());
        replay.environment().put("DICOMWATCH_LOG_LEVEL", "DEBUG");
        Path out = directory.resolve("replay.out");
        Path err = directory.resolve("replay.err");
        replay.redirectOutput(out.toFile()).redirectError(err.toFile());
        assertThat(run(replay, directory)).as("replay exit code").isZero();
        stdout = Files.readString(out, StandardCharsets.UTF_8);
        stderr = Files.readString(err, StandardCharsets.UTF_8);
        inventory = JSON.readTree(output.resolve("inventory.json").toFile());
    }

    private static boolean onPath(String tool) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", "command -v " + tool), directory) == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int run(List<String> command, Path workingDirectory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return run(builder, workingDirectory);
    }

    private static int run(ProcessBuilder builder, Path workingDirectory) throws IOException, InterruptedException {
        Process process = builder.directory(workingDirectory.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", builder.command()) + " did not finish in " + TIMEOUT_SECONDS
                    + " s");
        }
        return process.exitValue();
    }

    @Test
    void captureIsNotEmpty() throws IOException {
        assertThat(Files.size(capture)).isGreaterThan(10_000);
    }

    @Test
    void everyTransferSyntaxGivesItsStation() {
        TreeMap<String, String> stations = new TreeMap<>();
        for (JsonNode entity : inventory.get("assets").get(0).get("applicationEntities")) {
            for (JsonNode equipment : entity.get("equipment")) {
                stations.put(entity.get("aeTitle").asText(), equipment.get("stationName").asText());
            }
        }
        TreeMap<String, String> expected = new TreeMap<>();
        for (String name : NAMES) {
            expected.put("DWID_" + name, "DWID-" + name);
        }
        assertThat(stations).isEqualTo(expected);
    }

    @Test
    void inventoryAndStateHaveNoSentinel() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory.resolve("out"))) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).hasSize(3);
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(SENTINEL);
            assertThat(content).as(file.toString()).doesNotContain(STUDY_UID_SUFFIX);
        }
    }

    @Test
    void outputAndLogHaveNoSentinel() {
        assertThat(stderr).as("log").contains("DEBUG");
        assertThat(stdout).doesNotContain(SENTINEL);
        assertThat(stderr).doesNotContain(SENTINEL);
        assertThat(stdout + stderr).doesNotContain(STUDY_UID_SUFFIX);
    }
}
