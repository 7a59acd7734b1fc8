package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

class ConsoleLoggingTest {

    @Test
    void levelDefaultsToWarn() {
        assertThat(ConsoleLogging.level(null)).isEqualTo(Level.WARN);
    }

    @Test
    void levelIsReadWithoutRegardToCase() {
        assertThat(ConsoleLogging.level("info")).isEqualTo(Level.INFO);
        assertThat(ConsoleLogging.level(" DEBUG ")).isEqualTo(Level.DEBUG);
    }

    @Test
    void unknownLevelKeepsWarnings() {
        assertThat(ConsoleLogging.level("loud")).isEqualTo(Level.WARN);
    }
}
