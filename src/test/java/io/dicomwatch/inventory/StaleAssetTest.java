package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import org.junit.jupiter.api.Test;

class StaleAssetTest {
    private static final long DAY = 86_400_000_000_000L;

    private static Inventory inventory(long staleAfter) {
        Inventory inventory = new Inventory(InventoryLimits.DEFAULTS);
        inventory.setStaleAfter(staleAfter);
        return inventory;
    }

    private static Asset assetSeenAt(Inventory inventory, String ip, long time) {
        Asset asset = inventory.asset(IpAddress.parse(ip));
        asset.seen.touch(time);
        inventory.touchCapture(time);
        return asset;
    }

    @Test
    void assetPastStaleAfterIsStale() {
        Inventory inventory = inventory(7 * DAY);
        Asset old = assetSeenAt(inventory, "192.0.2.1", 0);
        assetSeenAt(inventory, "192.0.2.2", 8 * DAY);
        assertThat(inventory.isStale(old)).isTrue();
    }

    @Test
    void recentAssetIsNotStale() {
        Inventory inventory = inventory(7 * DAY);
        Asset recent = assetSeenAt(inventory, "192.0.2.1", 2 * DAY);
        assetSeenAt(inventory, "192.0.2.2", 8 * DAY);
        assertThat(inventory.isStale(recent)).isFalse();
    }

    @Test
    void zeroStaleAfterMarksNothing() {
        Inventory inventory = inventory(0);
        Asset old = assetSeenAt(inventory, "192.0.2.1", 0);
        assetSeenAt(inventory, "192.0.2.2", 800 * DAY);
        assertThat(inventory.isStale(old)).isFalse();
    }

    @Test
    void writerExportsStaleFlag() throws java.io.IOException {
        Inventory inventory = inventory(DAY);
        assetSeenAt(inventory, "192.0.2.1", 0);
        assetSeenAt(inventory, "192.0.2.2", 2 * DAY);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new InventoryJsonWriter("test").write(inventory, out);
        String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"stale\" : true");
        assertThat(json).contains("\"stale\" : false");
    }

    @Test
    void readerAcceptsFileWithoutStale() throws java.io.IOException {
        String json = "{\"schemaVersion\": 1, \"assets\": [{\"ip\": \"192.0.2.1\", \"firstSeen\": null,"
                + " \"lastSeen\": null}]}";
        Inventory loaded = new InventoryJsonReader(InventoryLimits.DEFAULTS)
                .read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "x");
        assertThat(loaded.assets()).hasSize(1);
    }
}
