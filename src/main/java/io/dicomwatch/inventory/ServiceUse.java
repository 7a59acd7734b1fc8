package io.dicomwatch.inventory;

import java.util.Comparator;

/**
 * A DICOM service an application entity took part in and the DIMSE role it played there. That
 * role can differ from its association role, because the C-STORE sub-operations of a C-GET run
 * from the acceptor to the requestor, and role selection (PS3.7 D.3.3.4) can swap roles.
 *
 * @param service a {@link ServiceClass} name such as "storage-image"
 * @param role "SCU" or "SCP"
 */
public record ServiceUse(String service, String role) implements Comparable<ServiceUse> {
    private static final Comparator<ServiceUse> ORDER =
            Comparator.comparing(ServiceUse::service).thenComparing(ServiceUse::role);

    @Override
    public int compareTo(ServiceUse other) {
        return ORDER.compare(this, other);
    }
}
