package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.Objects;

/**
 * The aggregation key of association rows: requestor IP, calling AE title, acceptor IP and port,
 * called AE title. Titles are null for associations joined mid-stream.
 */
public record AssociationKey(IpAddress clientIp, AeTitle callingAeTitle, IpAddress serverIp, int serverPort,
        AeTitle calledAeTitle) implements Comparable<AssociationKey> {

    /** Orders by client IP, calling title, server IP, port and called title. */
    @Override
    public int compareTo(AssociationKey other) {
        int order = clientIp.compareTo(other.clientIp);
        if (order == 0) {
            order = EntityKey.compareTitles(callingAeTitle, other.callingAeTitle);
        }
        if (order == 0) {
            order = serverIp.compareTo(other.serverIp);
        }
        if (order == 0) {
            order = Integer.compare(serverPort, other.serverPort);
        }
        return order != 0 ? order : EntityKey.compareTitles(calledAeTitle, other.calledAeTitle);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssociationKey key && serverPort == key.serverPort
                && Objects.equals(callingAeTitle, key.callingAeTitle) && Objects.equals(calledAeTitle, key.calledAeTitle)
                && clientIp.equals(key.clientIp) && serverIp.equals(key.serverIp);
    }

    @Override
    public int hashCode() {
        int hash = clientIp.hashCode();
        hash = 31 * hash + Objects.hashCode(callingAeTitle);
        hash = 31 * hash + serverIp.hashCode();
        hash = 31 * hash + serverPort;
        return 31 * hash + Objects.hashCode(calledAeTitle);
    }
}
