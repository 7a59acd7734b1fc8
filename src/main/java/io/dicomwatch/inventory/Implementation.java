package io.dicomwatch.inventory;

import java.util.Comparator;
import java.util.Objects;

/**
 * An implementation class UID and version name pair that an application entity announced in its
 * user information item. Either may be null when the sub-item was absent.
 */
public record Implementation(String implementationClassUid, String implementationVersionName)
        implements Comparable<Implementation> {

    private static final Comparator<Implementation> ORDER = Comparator
            .comparing(Implementation::implementationClassUid, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Implementation::implementationVersionName,
                    Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(Implementation other) {
        return ORDER.compare(this, other);
    }

    public boolean isEmpty() {
        return Objects.isNull(implementationClassUid) && Objects.isNull(implementationVersionName);
    }
}
