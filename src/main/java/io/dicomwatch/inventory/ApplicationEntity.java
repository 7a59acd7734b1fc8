package io.dicomwatch.inventory;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** An application entity of an asset, with what it announced and negotiated. */
public final class ApplicationEntity {
    private final EntityKey key;
    final SeenInterval seen = new SeenInterval();
    final TreeMap<Implementation, SeenInterval> implementations = new TreeMap<>();
    final BoundedSet<String> sopClasses = new BoundedSet<>();
    final BoundedSet<String> transferSyntaxes = new BoundedSet<>();
    /** Associations requested (SCU) or accepted (SCP) by this entity. */
    long associations;
    /** Equipment, services and utilisation; see {@link IdentityRecorder}. */
    final EntityIdentity identity = new EntityIdentity();

    ApplicationEntity(EntityKey key) {
        this.key = key;
    }

    public EntityKey key() {
        return key;
    }

    void addImplementation(Implementation implementation, long timestampNanos, int cap, Overflow overflow) {
        if (implementation.isEmpty()) {
            return;
        }
        SeenInterval interval = implementations.get(implementation);
        if (interval == null) {
            if (implementations.size() >= cap) {
                overflow.listValuesDropped++;
                return;
            }
            interval = new SeenInterval();
            implementations.put(implementation, interval);
        }
        interval.touch(timestampNanos);
    }

    public SortedMap<Implementation, SeenInterval> implementations() {
        return Collections.unmodifiableSortedMap(implementations);
    }

    public long associations() {
        return associations;
    }
}
