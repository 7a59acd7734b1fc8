package io.dicomwatch.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:30:45Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private InventoryStore store() {
        return new InventoryStore(directory.resolve("inventory.json"), InventoryLimits.DEFAULTS, CLOCK);
    }

    private static byte[] json(Inventory inventory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new InventoryJsonWriter("test").write(inventory, bytes);
        return bytes.toByteArray();
    }

    @Test
    void secondLockOnOutputFails() throws IOException {
        InventoryStore first = store();
        InventoryStore second = store();
        assertThat(first.lock()).isTrue();
        assertThat(second.lock()).isFalse();
        assertThat(first.lockFile()).exists();
    }

    @Test
    void olderSnapshotDoesNotReplaceNewer() throws IOException {
        InventoryStore store = store();
        assertThat(store.write("{\"snapshot\":2}".getBytes(StandardCharsets.UTF_8), 2)).isTrue();
        assertThat(store.write("{\"snapshot\":1}".getBytes(StandardCharsets.UTF_8), 1)).isTrue();
        assertThat(Files.readString(directory.resolve("inventory.json"))).isEqualTo("{\"snapshot\":2}");
        assertThat(store.writes()).isEqualTo(1);
    }

    @Test
    void loadWithoutFileIsEmpty() throws IOException {
        assertThat(store().load().assets()).isEmpty();
    }

    @Test
    void loadReadsWrittenInventory() throws IOException {
        Inventory inventory = new Inventory(InventoryLimits.DEFAULTS);
        inventory.touchCapture(1_000_000_000L);
        assertThat(store().write(json(inventory))).isTrue();
        Inventory loaded = store().load();
        assertThat(new String(json(loaded), StandardCharsets.UTF_8)).contains("1970-01-01T00:00:01.000000000Z");
    }

    @Test
    void unreadableFileIsMovedAside() throws IOException {
        Path output = directory.resolve("inventory.json");
        Files.writeString(output, "{ not json");
        assertThat(store().load().assets()).isEmpty();
        Path aside = directory.resolve("inventory.json.unreadable-20260301T123045Z");
        assertThat(Files.readString(aside)).isEqualTo("{ not json");
        assertThat(output).doesNotExist();
    }

    @Test
    void newerSchemaIsMovedAside() throws IOException {
        Path output = directory.resolve("inventory.json");
        Files.writeString(output, "{\"schemaVersion\": 99}");
        store().load();
        assertThat(directory.resolve("inventory.json.unreadable-20260301T123045Z")).exists();
    }

    @Test
    void loadDeletesLeftoverTemporaryFiles() throws IOException {
        Path leftover = directory.resolve(".inventory.json.12345.tmp");
        Files.writeString(leftover, "{");
        store().load();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void failedWriteReturnsFalse() throws IOException {
        Files.createDirectory(directory.resolve("inventory.json"));
        assertThat(store().write(new byte[] {'{', '}'})).isFalse();
    }
}
