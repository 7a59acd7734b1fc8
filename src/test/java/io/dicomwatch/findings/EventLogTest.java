package io.dicomwatch.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.inventory.FindingRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path directory;

    private static FindingRecord record(String id) {
        IpAddress asset = IpAddress.of(new byte[] {10, 0, 0, 1}, 0, 4);
        return new FindingRecord(id, "scan.dicom-port-sweep", asset, null, null);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    @Test
    void renamedFileIsOpenedAgain() throws IOException {
        Path file = directory.resolve("events.jsonl");
        Path rotated = directory.resolve("events.jsonl.1");
        try (EventLog events = EventLog.append(file)) {
            events.write("finding-raised", record("a1"), 1);
            Files.move(file, rotated);
            events.write("finding-raised", record("b2"), 2);
        }
        assertThat(lines(rotated)).hasSize(1);
        assertThat(lines(rotated).get(0)).contains("\"a1\"");
        assertThat(lines(file)).hasSize(1);
        assertThat(lines(file).get(0)).contains("\"b2\"");
    }

    @Test
    void deletedFileIsCreatedAgain() throws IOException {
        Path file = directory.resolve("events.jsonl");
        try (EventLog events = EventLog.append(file)) {
            events.write("finding-raised", record("a1"), 1);
            Files.delete(file);
            events.write("finding-raised", record("b2"), 2);
        }
        assertThat(lines(file)).hasSize(1);
        assertThat(lines(file).get(0)).contains("\"b2\"");
    }

    @Test
    void reopenKeepsAppending() throws IOException {
        Path file = directory.resolve("events.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        try (EventLog events = EventLog.append(file)) {
            events.write("finding-raised", record("a1"), 1);
            events.reopen();
            events.write("finding-raised", record("b2"), 2);
        }
        assertThat(lines(file)).hasSize(3);
        assertThat(lines(file).get(0)).isEqualTo("{\"earlier\":true}");
        assertThat(lines(file).get(2)).contains("\"b2\"");
    }

    @Test
    void failedReopenIsRetried() throws IOException {
        Path logs = Files.createDirectory(directory.resolve("logs"));
        Path file = logs.resolve("events.jsonl");
        try (EventLog events = EventLog.append(file)) {
            Files.delete(file);
            Files.delete(logs);
            try {
                events.write("finding-raised", record("lost"), 1);
            } catch (IOException expected) {
                // The directory is gone, so this event cannot be written.
            }
            Files.createDirectory(logs);
            events.write("finding-raised", record("b2"), 2);
        }
        assertThat(lines(file)).hasSize(1);
        assertThat(lines(file).get(0)).contains("\"b2\"");
    }
}
