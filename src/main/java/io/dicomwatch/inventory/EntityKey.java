package io.dicomwatch.inventory;

import io.dicomwatch.dicom.AeTitle;
import java.util.Objects;

/**
 * Identity of an application entity within an asset: its AE title, role and, for an SCP, the
 * port it accepts associations on. An SCU's port is null because requestors use ephemeral ports.
 * The title is null when only mid-stream traffic was seen.
 */
public record EntityKey(AeTitle aeTitle, Role role, Integer port) implements Comparable<EntityKey> {
    /** Orders titles by value, then plain before escaped, with null (unknown) first. */
    static int compareTitles(AeTitle a, AeTitle b) {
        if (a == null) {
            return b == null ? 0 : -1;
        }
        if (b == null) {
            return 1;
        }
        int order = a.value().compareTo(b.value());
        return order != 0 ? order : Boolean.compare(a.nonText(), b.nonText());
    }

    /** Orders by role, then port with null first, then title. */
    @Override
    public int compareTo(EntityKey other) {
        int order = role.compareTo(other.role);
        if (order != 0) {
            return order;
        }
        if (!Objects.equals(port, other.port)) {
            if (port == null) {
                return -1;
            }
            if (other.port == null) {
                return 1;
            }
            return Integer.compare(port, other.port);
        }
        return compareTitles(aeTitle, other.aeTitle);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntityKey key && role == key.role && Objects.equals(port, key.port)
                && Objects.equals(aeTitle, key.aeTitle);
    }

    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(aeTitle) + Objects.hashCode(role)) * 31 + Objects.hashCode(port);
    }
}
