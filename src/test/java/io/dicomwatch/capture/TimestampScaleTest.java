package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampScaleTest {

    @ParameterizedTest
    @CsvSource({
        "6, 1500000, 1500000000",
        "9, 1500000000, 1500000000",
        "0, 2, 2000000000",
        "3, 1500, 1500000000",
        "12, 1500000000000, 1500000000",
        "128, 3, 3000000000",
        "129, 3, 1500000000",
        "158, 1610612736, 1500000000",
    })
    void convertsUnits(int resolution, long units, long nanos) {
        assertThat(TimestampScale.of(resolution, 0).toNanos(units)).isEqualTo(nanos);
    }

    @Test
    void offsetAddsSeconds() {
        assertThat(TimestampScale.of(6, -10).toNanos(11_000_000)).isEqualTo(1_000_000_000L);
    }

    @Test
    void unsignedUnitsSaturate() {
        assertThat(TimestampScale.of(9, 0).toNanos(-1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void secondsOverflowSaturates() {
        assertThat(TimestampScale.of(0, 0).toNanos(Long.MAX_VALUE / 10)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void hugeDecimalExponentGivesZero() {
        assertThat(TimestampScale.of(127, 0).toNanos(-1)).isZero();
    }

    @Test
    void exponent19DividesUnsigned() {
        // 10^-28 seconds per unit: 2^64 - 1 units are about 1.8 nanoseconds.
        assertThat(TimestampScale.of(28, 0).toNanos(-1)).isEqualTo(1);
    }

    @Test
    void hugeBinaryExponent() {
        // 2^-127 seconds per unit: every 64-bit count is far below a nanosecond.
        assertThat(TimestampScale.of(0xFF, 0).toNanos(-1)).isZero();
    }

    @Test
    void binary64ShiftUsesWholeFraction() {
        // 2^-64 seconds per unit: 2^63 units are half a second.
        assertThat(TimestampScale.of(0x80 | 64, 0).toNanos(Long.MIN_VALUE)).isEqualTo(500_000_000L);
    }

    @Test
    void hugeOffsetSaturates() {
        assertThat(TimestampScale.of(6, Long.MAX_VALUE).toNanos(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(TimestampScale.of(6, Long.MIN_VALUE).toNanos(0)).isEqualTo(Long.MIN_VALUE);
    }
}
