package io.dicomwatch.capture;

/** PLACEHOLDER: decodes link, IP and TCP headers of a frame into a {@link TcpSegment}. */
public final class PacketDecoder {
    private final PacketStats stats = new PacketStats();

    /** Decodes {@code frame}; returns true and fills {@code segment} when it carries TCP. */
    public boolean decode(Frame frame, TcpSegment segment) {
        return false;
    }

    public PacketStats stats() {
        return stats;
    }
}
