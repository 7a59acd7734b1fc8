package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** dcmtk peers on loopback: a storescp that the test starts and stops, and echoscu and storescu runs. */
final class DcmtkPeers implements AutoCloseable {
    private static final long CLIENT_TIMEOUT_SECONDS = 60;

    private final Path directory;
    private final int port;
    private Process storescp;

    DcmtkPeers(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts storescp with AE title {@code aeTitle}; -dhl keeps it from resolving peers through DNS. */
    void startStorescp(String aeTitle) throws IOException, InterruptedException {
        Path received = Files.createDirectories(directory.resolve("received"));
        storescp = new ProcessBuilder("storescp", "-dhl", "-aet", aeTitle, "-od", received.toString(),
                String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("storescp.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!isListening()) {
            assertThat(storescp.isAlive()).as("storescp running").isTrue();
            assertThat(System.nanoTime()).as("storescp listening within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean isListening() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes());
        ss.waitFor();
        return !output.isBlank();
    }

    void echo(String callingAeTitle, String calledAeTitle) throws IOException, InterruptedException {
        run(List.of("echoscu", "-aet", callingAeTitle, "-aec", calledAeTitle, "127.0.0.1", String.valueOf(port)));
    }

    void store(String callingAeTitle, String calledAeTitle, Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", callingAeTitle, "-aec", calledAeTitle,
                "127.0.0.1", String.valueOf(port)));
        for (Path file : files) {
            command.add(file.toString());
        }
        run(command);
    }

    /** Writes a synthetic Secondary Capture object with dump2dcm; no real patient data. */
    Path makeObject(String name, int rows) throws IOException, InterruptedException {
        Path dump = directory.resolve(name + ".dump");
        Files.writeString(dump, String.join("\n",
                "(0008,0016) UI =SecondaryCaptureImageStorage",
                "(0008,0018) UI [1.2.826.0.1.3680043.10.543." + Math.abs(name.hashCode()) + "]",
                "(0008,0060) CS [OT]",
                "(0010,0010) PN [SYNTHETIC^TEST]",
                "(0010,0020) LO [IT-0001]",
                "(0020,000d) UI [1.2.826.0.1.3680043.10.543.1]",
                "(0020,000e) UI [1.2.826.0.1.3680043.10.543.2]",
                "(0028,0002) US 1",
                "(0028,0004) CS [MONOCHROME2]",
                "(0028,0010) US " + rows,
                "(0028,0011) US 64",
                "(0028,0100) US 8",
                "(0028,0101) US 8",
                "(0028,0102) US 7",
                "(0028,0103) US 0",
                "(7fe0,0010) OB " + "00\\".repeat(rows * 64 - 1) + "00",
                ""));
        Path object = directory.resolve(name + ".dcm");
        // +l raises the maximum line length of the dump, which the pixel data line exceeds.
        run(List.of("dump2dcm", "+l", "4000000", "+F", dump.toString(), object.toString()));
        return object;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path log = directory.resolve(command.get(0) + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertThat(process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(command.get(0) + " finished").isTrue();
        assertThat(process.exitValue()).as(command.get(0) + " exit status; see " + log).isZero();
    }

    @Override
    public void close() throws InterruptedException {
        if (storescp != null) {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
            storescp.destroyForcibly();
        }
    }
}
