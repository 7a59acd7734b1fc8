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

    /** Returns the entity with {@code key}, creating it; null when the asset's entity cap is reached. */
    ApplicationEntity entity(EntityKey key, int cap, Overflow overflow) {
        ApplicationEntity entity = entities.get(key);
        if (entity == null) {
            if (entities.size() >= cap) {
                overflow.applicationEntitiesDropped++;
                return null;
            }
            entity = new ApplicationEntity(key);
            entities.put(key, entity);
        }
        return entity;
    }

    public SortedMap<EntityKey, ApplicationEntity> applicationEntities() {
        return Collections.unmodifiableSortedMap(entities);
    }
}
