package io.dicomwatch.it;


import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A running {@code dicomwatch capture} of the packaged jar, and helpers for tests of the live sensor. */
final class SensorProcess implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path stderr;

    private SensorProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts {@code dicomwatch capture ARGUMENTS}, behind an optional command prefix such as setpriv. */
    static SensorProcess start(Path directory, List<String> prefix, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(JarRunner.jar().toAbsolutePath().toString());
        command.add("capture");
        command.addAll(List.of(arguments));
        Path stderr = Files.createTempFile(directory, "sensor", ".err");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        return new SensorProcess(process, stderr);
    }

    /** Waits until the log shows {@code text}; fails when the process exits first or the time runs out. */
    void awaitLog(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("sensor exited with " + process.exitValue() + " before logging '" + text
                        + "':\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sensor did not log '" + text + "' within " + START_TIMEOUT_SECONDS + " s:\n"
                        + log());
            }
            Thread.sleep(50);
        }
    }

    String log() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Sends SIGTERM and returns the exit status. */
    int terminate() throws InterruptedException, IOException {
        process.destroy();
        return awaitExit();
    }

    /** Sends SIGHUP, as a closed terminal or logrotate's postrotate step does. */
    void hangUp() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -HUP " + process.pid() + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGKILL and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sensor did not exit within " + STOP_TIMEOUT_SECONDS + " s:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void assumeRoot() {
        Assumptions.assumeTrue(isRoot(), "live capture needs root");
    }

    static void assumeTool(String tool) {
        boolean found = false;
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            found |= Files.isExecutable(Path.of(directory, tool));
        }
        Assumptions.assumeTrue(found, tool + " not installed");
    }

    /**
     * Connects from 127.0.SOURCE.1 to 127.0.9.2, .3 and .4 on a closed port: a port sweep that
     * raises scan.dicom-port-sweep with --sweep-min-hosts 3 and the port among --dicom-ports.
     */
    static void sweep(int source, int port) throws IOException {
        for (int host = 2; host <= 4; host++) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress("127.0." + source + ".1", 0));
                socket.connect(new InetSocketAddress("127.0.9." + host, port), 1000);
            } catch (IOException refused) {
                // Nothing listens there; the SYN and the RST are all the sensor needs to see.
            }
        }
    }

    /** Returns a TCP port free on loopback now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
