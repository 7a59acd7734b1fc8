package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written equals, hashCode and order of the inventory's map keys. */
class InventoryKeysTest {
    private static final IpAddress CLIENT = IpAddress.parse("192.0.2.1");
    private static final IpAddress SERVER = IpAddress.parse("192.0.2.2");

    private static AeTitle title(String value) {
        return new AeTitle(value, false);
    }

    @Test
    void equalKeysHaveEqualHashes() {
        AssociationKey a = new AssociationKey(CLIENT, title("SCU"), SERVER, 104, title("PACS"));
        AssociationKey b = new AssociationKey(IpAddress.parse("192.0.2.1"), title("SCU"),
                IpAddress.parse("192.0.2.2"), 104, title("PACS"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new AssociationKey(CLIENT, title("SCU"), SERVER, 11112, title("PACS")));
        assertThat(a).isNotEqualTo(new AssociationKey(CLIENT, null, SERVER, 104, title("PACS")));
        assertThat(new AssociationKey(CLIENT, null, SERVER, 104, null))
                .isEqualTo(new AssociationKey(CLIENT, null, SERVER, 104, null));

        EntityKey scp = new EntityKey(title("PACS"), Role.SCP, 104);
        assertThat(scp).isEqualTo(new EntityKey(title("PACS"), Role.SCP, 104))
                .hasSameHashCodeAs(new EntityKey(title("PACS"), Role.SCP, 104));
        assertThat(scp).isNotEqualTo(new EntityKey(title("PACS"), Role.SCU, null));
        assertThat(title("PACS")).isNotEqualTo(new AeTitle("PACS", true));
    }

    @Test
    void collidingScpEndpointsCompare() {
        // One more in the address's last byte adds 31 to the hash, which 31 less in the port
        // takes back: crafted endpoints can share one hash map bin.
        Inventory.ScpEndpoint first = new Inventory.ScpEndpoint(IpAddress.parse("10.0.0.1"), 2000);
        Inventory.ScpEndpoint second = new Inventory.ScpEndpoint(IpAddress.parse("10.0.0.2"), 1969);

        assertThat(first.hashCode()).isEqualTo(second.hashCode());
        assertThat(first).isNotEqualTo(second);
        assertThat(first.compareTo(second)).isNegative();
        assertThat(second.compareTo(first)).isPositive();
        assertThat(first.compareTo(new Inventory.ScpEndpoint(IpAddress.parse("10.0.0.1"), 2000))).isZero();
    }

    @Test
    void entitiesSortByRolePortTitle() {
        List<EntityKey> keys = new ArrayList<>(List.of(
                new EntityKey(title("B"), Role.SCP, 104),
                new EntityKey(title("A"), Role.SCP, 11112),
                new EntityKey(null, Role.SCP, 104),
                new EntityKey(title("A"), Role.SCP, null),
                new EntityKey(new AeTitle("A", true), Role.SCU, null),
                new EntityKey(title("A"), Role.SCU, null)));
        Collections.shuffle(keys);
        Collections.sort(keys);
        assertThat(keys).containsExactly(
                new EntityKey(title("A"), Role.SCU, null),
                new EntityKey(new AeTitle("A", true), Role.SCU, null),
                new EntityKey(title("A"), Role.SCP, null),
                new EntityKey(null, Role.SCP, 104),
                new EntityKey(title("B"), Role.SCP, 104),
                new EntityKey(title("A"), Role.SCP, 11112));
    }

    @Test
    void associationsSortByKeyFields() {
        IpAddress otherClient = IpAddress.parse("192.0.2.10");
        List<AssociationKey> keys = new ArrayList<>(List.of(
                new AssociationKey(otherClient, title("A"), SERVER, 104, title("PACS")),
                new AssociationKey(CLIENT, title("B"), SERVER, 104, title("PACS")),
                new AssociationKey(CLIENT, title("A"), SERVER, 11112, title("PACS")),
                new AssociationKey(CLIENT, title("A"), SERVER, 104, title("PACS")),
                new AssociationKey(CLIENT, title("A"), SERVER, 104, null),
                new AssociationKey(CLIENT, null, SERVER, 104, null)));
        Collections.shuffle(keys);
        Collections.sort(keys);
        assertThat(keys).containsExactly(
                new AssociationKey(CLIENT, null, SERVER, 104, null),
                new AssociationKey(CLIENT, title("A"), SERVER, 104, null),
                new AssociationKey(CLIENT, title("A"), SERVER, 104, title("PACS")),
                new AssociationKey(CLIENT, title("A"), SERVER, 11112, title("PACS")),
                new AssociationKey(CLIENT, title("B"), SERVER, 104, title("PACS")),
                new AssociationKey(otherClient, title("A"), SERVER, 104, title("PACS")));
    }

    @Test
    void servicesSortByServiceThenRole() {
        List<ServiceUse> uses = new ArrayList<>(List.of(new ServiceUse("verification", "SCU"),
                new ServiceUse("storage-image", "SCU"), new ServiceUse("storage-image", "SCP")));
        Collections.sort(uses);
        assertThat(uses).containsExactly(new ServiceUse("storage-image", "SCP"), new ServiceUse("storage-image", "SCU"),
                new ServiceUse("verification", "SCU"));
        assertThat(new ServiceUse("verification", "SCU")).hasSameHashCodeAs(new ServiceUse("verification", "SCU"));
    }
}
