package io.dicomwatch.inventory;

import java.util.Objects;


/**
 * A DICOM service an application entity took part in and the DIMSE role it played there. That
 * role can differ from its association role, because the C-STORE sub-operations of a C-GET run
 * from the acceptor to the requestor, and role selection (PS3.7 D.3.3.4) can swap roles.
 *
 * @param service a {@link ServiceClass} name such as "storage-image"
 * @param role "SCU" or "SCP"
 */
public record ServiceUse(String service, String role) implements Comparable<ServiceUse> {
    @Override
    public int compareTo(ServiceUse other) {
        int order = service.compareTo(other.service);
        return order != 0 ? order : role.compareTo(other.role);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceUse use && Objects.equals(service, use.service) && Objects.equals(role, use.role);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(service) + Objects.hashCode(role);
    }
}
