package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path directory;

    @Test
    void writeReplacesContent() throws IOException {
        Path target = directory.resolve("inventory.json");
        Files.writeString(target, "old");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void failedWriteKeepsOldFileAndNoTemporary() throws IOException {
        Path target = directory.resolve("inventory.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void writeFollowsSymbolicLink() throws IOException {
        Path real = directory.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(directory.resolve("link.json"), real);
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void writeToNamedPipeKeepsPipe() throws Exception {
        Path pipe = directory.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");
        java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(pipe);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFiles.write(pipe, out -> out.write("streamed".getBytes(StandardCharsets.UTF_8)));
        assertThat(reader.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("streamed");
        assertThat(Files.isRegularFile(pipe)).isFalse();
        assertThat(Files.exists(pipe)).isTrue();
    }
}
