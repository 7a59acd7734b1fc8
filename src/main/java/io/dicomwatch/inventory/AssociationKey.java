package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.Comparator;

/**
 * The aggregation key of association rows: requestor IP, calling AE title, acceptor IP and port,
 * called AE title. Titles are null for associations joined mid-stream.
 */
public record AssociationKey(IpAddress clientIp, AeTitle callingAeTitle, IpAddress serverIp, int serverPort,
        AeTitle calledAeTitle) implements Comparable<AssociationKey> {

    private static final Comparator<AssociationKey> ORDER = Comparator
            .comparing(AssociationKey::clientIp)
            .thenComparing(AssociationKey::callingAeTitle, EntityKey.titleOrder())
            .thenComparing(AssociationKey::serverIp)
            .thenComparingInt(AssociationKey::serverPort)
            .thenComparing(AssociationKey::calledAeTitle, EntityKey.titleOrder());

    @Override
    public int compareTo(AssociationKey other) {
        return ORDER.compare(this, other);
    }
}
