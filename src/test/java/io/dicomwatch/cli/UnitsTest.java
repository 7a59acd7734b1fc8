package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({"1024, 1024", "64KiB, 65536", "1MiB, 1048576", "2GiB, 2147483648", "16MB, 16000000",
        "1kB, 1000", "5 B, 5"})
    void parseSizeAcceptsUnits(String text, long expected) {
        assertThat(Units.parseSize(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5MiB", "12 parsecs", "MiB"})
    void parseSizeRejectsInvalidText(String text) {
        assertThatThrownBy(() -> Units.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid size '" + text + "'");
    }

    @Test
    void parseSizeRejectsOverflow() {
        assertThatThrownBy(() -> Units.parseSize("99999999999999GiB")).hasMessageContaining("too large");
    }

    @ParameterizedTest
    @CsvSource({"250ms, 250000000", "30s, 30000000000", "5m, 300000000000", "1h, 3600000000000",
        "2d, 172800000000000"})
    void parseDurationAcceptsUnits(String text, long expectedNanos) {
        assertThat(Units.parseDurationNanos(text)).isEqualTo(expectedNanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "5 minutes", "-1s", "1.5h"})
    void parseDurationRejectsInvalidText(String text) {
        assertThatThrownBy(() -> Units.parseDurationNanos(text))
                .hasMessageContaining("invalid duration '" + text + "'")
                .hasMessageContaining("30s, 5m or 1h");
    }
}
