package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FragmentReassemblyConfigTest {
    private static final FragmentReassemblyConfig D = FragmentReassemblyConfig.DEFAULTS;

    @Test
    void defaultsAreValid() {
        assertThat(new FragmentReassemblyConfig(D.maxDatagrams(), D.maxBufferedBytes(), D.ipv4TimeoutNanos(),
                D.ipv6TimeoutNanos())).isEqualTo(D);
    }

    @Test
    void zeroDatagramsRejected() {
        assertThatThrownBy(() -> new FragmentReassemblyConfig(0, D.maxBufferedBytes(), D.ipv4TimeoutNanos(),
                D.ipv6TimeoutNanos()))
                .hasMessageContaining("maxDatagrams: 0");
    }

    @Test
    void byteBoundBelowOneDatagramRejected() {
        assertThatThrownBy(() -> new FragmentReassemblyConfig(D.maxDatagrams(), 65_535, D.ipv4TimeoutNanos(),
                D.ipv6TimeoutNanos()))
                .hasMessageContaining("maxBufferedBytes: 65535");
    }

    @Test
    void zeroTimeoutRejected() {
        assertThatThrownBy(() -> new FragmentReassemblyConfig(D.maxDatagrams(), D.maxBufferedBytes(), 0,
                D.ipv6TimeoutNanos()))
                .hasMessageContaining("ipv4TimeoutNanos: 0");
    }
}
