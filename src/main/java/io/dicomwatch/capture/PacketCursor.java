package io.dicomwatch.capture;

/**
 * Position of the packet decoder within one frame, passed from layer to layer and reused for
 * every frame.
 */
final class PacketCursor {
    byte[] data;
    /** Index of the current layer's header. */
    int offset;
    /** Index just past the bytes of the current layer: the captured end, or the IP packet's end. */
    int end;
    /** Bytes of the packet beyond {@link #end} that were on the wire but cut by the snap length. */
    int missing;
    /** EtherType of the network layer, then IP protocol number of the transport layer. */
    int protocol;
    /** Index of the IP header, which fragment reassembly reads. */
    int networkOffset;

    void reset(Frame frame) {
        data = frame.data;
        offset = frame.offset;
        end = frame.offset + frame.capturedLength;
        missing = Math.max(0, frame.originalLength - frame.capturedLength);
        protocol = 0;
    }

    /** Captured bytes from the current layer's header to {@link #end}. */
    int remaining() {
        return end - offset;
    }

    /**
     * Sets the end of the IP packet from its length field. Bytes captured past it, such as
     * Ethernet padding or a trailing FCS, are dropped. Bytes it announces beyond the capture
     * count as missing, but only as many as the wire had.
     */
    void endPacketAt(int packetEnd) {
        if (packetEnd <= end) {
            end = packetEnd;
            missing = 0;
        } else {
            missing = Math.min(missing, packetEnd - end);
        }
    }

    /**
     * Classifies a header that needs {@code length} bytes from {@link #offset} but finds fewer: the
     * snap length cut it when the missing bytes were on the wire, otherwise the packet is malformed.
     */
    DecodeOutcome shortHeader(int length) {
        return (long) offset + length - end <= missing ? DecodeOutcome.TRUNCATED : DecodeOutcome.MALFORMED;
    }
}
