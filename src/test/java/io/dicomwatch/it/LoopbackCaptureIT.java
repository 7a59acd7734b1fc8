package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures real dcmtk peers talking over loopback with tcpdump, then replays the capture with the
 * packaged jar, so the tests also run against whatever dcmtk version the machine has. Needs root,
 * tcpdump and dcmtk; skipped without them.
 */
class LoopbackCaptureIT {
    private static final long WAIT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void requireTools() {
        assumeTrue("root".equals(System.getProperty("user.name")), "capturing needs root");
        for (String tool : List.of("tcpdump", "storescp", "storescu", "echoscu", "dump2dcm")) {
            assumeTrue(onPath(tool), tool + " not installed");
        }
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process start(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("client.log").toFile()).start();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit code, log: %s", command[0],
                Files.readString(directory.resolve("client.log"))).isZero();
    }

    /** Waits until tcpdump says it is listening, so no packet of the exchange is missed. */
    private static void awaitLine(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' not seen in " + log + ": " + Files.readString(log));
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    @Test
    void replayOfFreshDcmtkCaptureFindsBothEntities() throws Exception {
        Path object = directory.resolve("sc.dcm");
        Path dump = Path.of("src/test/resources/it/secondary-capture.dump").toAbsolutePath();
        run("dump2dcm", "+te", dump.toString(), object.toString());

        int port = freePort();
        Path capture = directory.resolve("loopback.pcap");
        Path tcpdumpLog = directory.resolve("tcpdump.log");
        // Without immediate mode, tcpdump on some kernels delivers no packet at all.
        Process tcpdump = start(tcpdumpLog, "tcpdump", "--immediate-mode", "-Z", "root", "-U", "-i", "lo", "-s", "0",
                "-w", capture.toString(), "tcp port " + port);
        awaitLine(tcpdumpLog, "listening on");
        start(directory.resolve("storescp.log"), "storescp", "--ignore", "-aet", "LOOPSCP", String.valueOf(port));
        awaitPort(port);

        run("echoscu", "-aet", "LOOPECHO", "-aec", "LOOPSCP", "127.0.0.1", String.valueOf(port));
        run("storescu", "-aet", "LOOPSTORE", "-aec", "LOOPSCP", "127.0.0.1", String.valueOf(port), object.toString());
        Thread.sleep(500);
        new ProcessBuilder("kill", "-INT", String.valueOf(tcpdump.pid())).start().waitFor();
        assertThat(tcpdump.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("tcpdump stopped").isTrue();

        JarRunner.Result result = JarRunner.run(directory, "replay", "-q", capture.toString());
        assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
        JsonNode inventory = JSON.readTree(directory.resolve("inventory.json").toFile());
        List<String> rows = new ArrayList<>();
        for (JsonNode association : inventory.get("associations")) {
            rows.add(association.get("callingAeTitle").asText() + ">" + association.get("calledAeTitle").asText()
                    + " accepted=" + association.get("accepted").asLong()
                    + " released=" + association.get("released").asLong()
                    + " ops=" + association.get("operations"));
        }
        assertThat(rows).containsExactly(
                "LOOPECHO>LOOPSCP accepted=1 released=1 ops={\"C-ECHO-RQ\":1,\"C-ECHO-RSP\":1}",
                "LOOPSTORE>LOOPSCP accepted=1 released=1 ops={\"C-STORE-RQ\":1,\"C-STORE-RSP\":1}");
        String exported = Files.readString(directory.resolve("inventory.json"));
        assertThat(exported).doesNotContain("DWTEST");
    }
}
