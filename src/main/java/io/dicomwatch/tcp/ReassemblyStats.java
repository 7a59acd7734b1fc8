package io.dicomwatch.tcp;

/** PLACEHOLDER: reassembly counters. */
public final class ReassemblyStats {
    public long connections;
}
