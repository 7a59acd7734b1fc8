package io.dicomwatch.capture;

/** PLACEHOLDER: counters of decoded frames, by outcome. */
public final class PacketStats {
    public long frames;
    public long bytes;
}
