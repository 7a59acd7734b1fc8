package io.dicomwatch.tcp;

/** PLACEHOLDER: reassembly bounds. */
public record ReassemblyConfig(int maxConnections, long maxBufferedBytes, int windowBytes, long idleTimeoutNanos) {
    public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(1 << 20, 256L << 20, 1 << 20, 300_000_000_000L);
}
