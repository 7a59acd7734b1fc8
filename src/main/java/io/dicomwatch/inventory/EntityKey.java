package io.dicomwatch.inventory;

import io.dicomwatch.dicom.AeTitle;
import java.util.Comparator;

/**
 * Identity of an application entity within an asset: its AE title, role and, for an SCP, the
 * port it accepts associations on. An SCU's port is null because requestors use ephemeral ports.
 * The title is null when only mid-stream traffic was seen.
 */
public record EntityKey(AeTitle aeTitle, Role role, Integer port) implements Comparable<EntityKey> {
    private static final Comparator<AeTitle> TITLE_ORDER = Comparator.nullsFirst(
            Comparator.comparing(AeTitle::value).thenComparing(AeTitle::nonText));
    private static final Comparator<EntityKey> ORDER = Comparator
            .comparing(EntityKey::role)
            .thenComparing(EntityKey::port, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(EntityKey::aeTitle, TITLE_ORDER);

    static Comparator<AeTitle> titleOrder() {
        return TITLE_ORDER;
    }

    @Override
    public int compareTo(EntityKey other) {
        return ORDER.compare(this, other);
    }
}
