package io.dicomwatch.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delayDoublesUpToMaximum() {
        Backoff backoff = new Backoff(1, 5);
        assertThat(backoff.nextDelayNanos()).isEqualTo(1);
        assertThat(backoff.nextDelayNanos()).isEqualTo(2);
        assertThat(backoff.nextDelayNanos()).isEqualTo(4);
        assertThat(backoff.nextDelayNanos()).isEqualTo(5);
        assertThat(backoff.nextDelayNanos()).isEqualTo(5);
        assertThat(backoff.failures()).isEqualTo(5);
    }

    @Test
    void resetStartsAgain() {
        Backoff backoff = new Backoff(1, 60);
        backoff.nextDelayNanos();
        backoff.nextDelayNanos();
        backoff.reset();
        assertThat(backoff.nextDelayNanos()).isEqualTo(1);
        assertThat(backoff.failures()).isEqualTo(1);
    }

    @Test
    void hugeMaximumDoesNotOverflow() {
        Backoff backoff = new Backoff(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE);
        backoff.nextDelayNanos();
        assertThat(backoff.nextDelayNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void invalidBoundsAreRejected() {
        assertThatThrownBy(() -> new Backoff(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
