package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void formatHasFixedWidth() {
        assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00.000000000Z");
        assertThat(Timestamps.format(1_780_000_000_123_000_000L)).isEqualTo("2026-05-28T20:26:40.123000000Z");
    }

    @Test
    void formatHandlesTimesBeforeEpoch() {
        assertThat(Timestamps.format(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    }

    @Test
    void parseReversesFormat() {
        long nanos = 1_780_000_000_123_456_789L;
        assertThat(Timestamps.parse(Timestamps.format(nanos))).isEqualTo(nanos);
    }

    @Test
    void parseRejectsInvalidText() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("invalid timestamp 'yesterday'");
    }

    @Test
    void formatMatchesIsoFormatterOverManyInstants() {
        java.util.Random random = new java.util.Random(42);
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong() % 4_000_000_000_000_000_000L;
            java.time.Instant instant = java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                    Math.floorMod(nanos, 1_000_000_000L));
            assertThat(Timestamps.format(nanos)).as("nanos %d", nanos).isEqualTo(iso.format(instant));
        }
    }
}
