package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import org.junit.jupiter.api.Test;

class EntityCapTest {
    private static final int MAX_ASSOCIATIONS = 10;
    private static final int PER_ASSET = 4;

    private final Inventory inventory = new Inventory(new InventoryLimits(100, MAX_ASSOCIATIONS, PER_ASSET, 16, 3));

    private static EntityKey scp(int title) {
        return new EntityKey(new AeTitle("T" + title, false), Role.SCP, 104);
    }

    @Test
    void perAssetCapHolds() {
        Asset asset = inventory.asset(IpAddress.parse("192.0.2.1"));
        for (int i = 0; i < PER_ASSET; i++) {
            assertThat(inventory.entity(asset, scp(i))).isNotNull();
        }

        assertThat(inventory.entity(asset, scp(PER_ASSET))).isNull();
        assertThat(inventory.entity(asset, scp(0))).isNotNull();
        assertThat(inventory.overflow().applicationEntitiesDropped).isEqualTo(1);
    }

    @Test
    void totalStopsAtMaxAssociations() {
        int created = 0;
        for (int host = 1; host <= 5; host++) {
            Asset asset = inventory.asset(IpAddress.parse("192.0.2." + host));
            for (int i = 0; i < PER_ASSET; i++) {
                if (inventory.entity(asset, scp(i)) != null) {
                    created++;
                }
            }
        }

        assertThat(created).isEqualTo(MAX_ASSOCIATIONS);
        assertThat(inventory.overflow().applicationEntitiesDropped).isEqualTo(5L * PER_ASSET - MAX_ASSOCIATIONS);
        // An entity already held is still returned when the total is reached.
        Asset first = inventory.asset(IpAddress.parse("192.0.2.1"));
        assertThat(inventory.entity(first, scp(0))).isNotNull();
    }
}
