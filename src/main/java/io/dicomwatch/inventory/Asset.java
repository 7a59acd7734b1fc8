package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** One IP address that took part in DICOM, with its link-layer identity and application entities. */
public final class Asset {
    private final IpAddress ip;
    final SeenInterval seen = new SeenInterval();
    final BoundedSet<Long> macAddresses = new BoundedSet<>();
    final BoundedSet<Integer> vlanIds = new BoundedSet<>();
    final TreeMap<EntityKey, ApplicationEntity> entities = new TreeMap<>();

    Asset(IpAddress ip) {
        this.ip = ip;
    }

    public IpAddress ip() {
        return ip;
    }

    public SortedMap<EntityKey, ApplicationEntity> applicationEntities() {
        return Collections.unmodifiableSortedMap(entities);
    }
}
