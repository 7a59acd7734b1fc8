package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a user would, with a time limit so a hang fails the test instead of the build. */
final class JarRunner {
    /** Output of one run of the jar. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static final long TIMEOUT_SECONDS = 300;

    private JarRunner() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("dicomwatch.jar", "target/dicomwatch.jar"));
        assertThat(jar).as("packaged jar (run 'mvn verify', which packages first)").exists();
        return jar;
    }

    static Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        return runWithInput(workingDirectory, null, arguments);
    }

    /** Runs the jar with {@code input} as its standard input, or none when null. */
    static Result runWithInput(Path workingDirectory, Path input, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile("dicomwatch-it", ".out");
        Path stderr = Files.createTempFile("dicomwatch-it", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            Process process = builder
                    .directory(workingDirectory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dicomwatch " + String.join(" ", arguments) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
