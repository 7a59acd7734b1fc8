package io.dicomwatch.tcp;

import io.dicomwatch.capture.TcpSegment;

/** Decides which endpoint of a new connection is the client, from its first segment. */
final class RoleGuess {
    /** Ports below this are well known (RFC 6335 system ports) and mark a server. */
    private static final int SYSTEM_PORT_LIMIT = 1024;
    /**
     * Start of the default Linux ephemeral port range (32768-60999), which contains the RFC 6335
     * dynamic range (49152-65535) that other systems use for client ports.
     */
    private static final int EPHEMERAL_PORT_START = 32768;

    private RoleGuess() {
    }

    /**
     * Returns whether the source of {@code segment} is the client. A SYN without ACK comes from the
     * client and a SYN+ACK from the server. Without a SYN the server is the side with a system
     * port while the other has none, else the side with a non-ephemeral port while the other has an
     * ephemeral one, else the destination.
     */
    static boolean clientIsSource(TcpSegment segment) {
        if (segment.hasFlag(TcpSegment.SYN)) {
            return !segment.hasFlag(TcpSegment.ACK);
        }
        boolean sourceSystem = segment.sourcePort < SYSTEM_PORT_LIMIT;
        boolean destinationSystem = segment.destinationPort < SYSTEM_PORT_LIMIT;
        if (sourceSystem != destinationSystem) {
            return destinationSystem;
        }
        boolean sourceEphemeral = segment.sourcePort >= EPHEMERAL_PORT_START;
        boolean destinationEphemeral = segment.destinationPort >= EPHEMERAL_PORT_START;
        if (sourceEphemeral != destinationEphemeral) {
            return sourceEphemeral;
        }
        return true;
    }
}
