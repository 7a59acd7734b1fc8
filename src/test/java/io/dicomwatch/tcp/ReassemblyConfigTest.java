package io.dicomwatch.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReassemblyConfigTest {
    private static final ReassemblyConfig D = ReassemblyConfig.DEFAULTS;

    @Test
    void defaultsAreValid() {
        assertThat(new ReassemblyConfig(D.maxConnections(), D.maxBufferedBytes(), D.windowBytes(),
                D.maxBufferedSegments(), D.idleTimeoutNanos(), D.tombstoneNanos(), D.holeTimeoutNanos()))
                .isEqualTo(D);
    }

    @Test
    void zeroConnectionsRejected() {
        assertThatThrownBy(() -> new ReassemblyConfig(0, D.maxBufferedBytes(), D.windowBytes(),
                D.maxBufferedSegments(), D.idleTimeoutNanos(), D.tombstoneNanos(), D.holeTimeoutNanos()))
                .hasMessageContaining("maxConnections");
    }

    @Test
    void smallWindowRejected() {
        assertThatThrownBy(() -> new ReassemblyConfig(D.maxConnections(), D.maxBufferedBytes(), 1_000,
                D.maxBufferedSegments(), D.idleTimeoutNanos(), D.tombstoneNanos(), D.holeTimeoutNanos()))
                .hasMessageContaining("windowBytes: 1000");
    }

    @Test
    void hugeWindowRejected() {
        assertThatThrownBy(() -> new ReassemblyConfig(D.maxConnections(), D.maxBufferedBytes(), Integer.MAX_VALUE,
                D.maxBufferedSegments(), D.idleTimeoutNanos(), D.tombstoneNanos(), D.holeTimeoutNanos()))
                .hasMessageContaining("windowBytes");
    }

    @Test
    void negativeTombstoneRejected() {
        assertThatThrownBy(() -> new ReassemblyConfig(D.maxConnections(), D.maxBufferedBytes(), D.windowBytes(),
                D.maxBufferedSegments(), D.idleTimeoutNanos(), -1, D.holeTimeoutNanos()))
                .hasMessageContaining("tombstoneNanos");
    }

    @Test
    void zeroIdleTimeoutRejected() {
        assertThatThrownBy(() -> new ReassemblyConfig(D.maxConnections(), D.maxBufferedBytes(), D.windowBytes(),
                D.maxBufferedSegments(), 0, D.tombstoneNanos(), D.holeTimeoutNanos()))
                .hasMessageContaining("idleTimeoutNanos");
    }
}
