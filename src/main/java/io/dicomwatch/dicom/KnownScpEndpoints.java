package io.dicomwatch.dicom;

import io.dicomwatch.capture.IpAddress;

/**
 * Endpoints already known to run a DICOM service, from earlier in this run or from a loaded
 * inventory. A connection to one of them is picked up at a PDU boundary even when the capture
 * missed its A-ASSOCIATE-RQ.
 */
@FunctionalInterface
public interface KnownScpEndpoints {
    KnownScpEndpoints NONE = (address, port) -> false;

    boolean isKnownScp(IpAddress address, int port);
}
