package io.dicomwatch.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log level adjustments for commands whose log lines are their main output. */
final class LogLevels {
    private LogLevels() {
    }

    /**
     * Shows INFO lines of dicomwatch (start, stop, statistics) when neither DICOMWATCH_LOG_LEVEL nor a
     * logback configuration file was given: the bundled configuration shows warnings only, which
     * suits replay but hides what a sensor is doing.
     */
    static void showInfoUnlessConfigured() {
        if (System.getenv(ConsoleLogging.LEVEL_VARIABLE) != null || System.getProperty("logback.configurationFile") != null) {
            return;
        }
        Logger logger = LoggerFactory.getLogger("io.dicomwatch");
        if (logger instanceof ch.qos.logback.classic.Logger logbackLogger) {
            logbackLogger.setLevel(Level.INFO);
        }
    }
}
