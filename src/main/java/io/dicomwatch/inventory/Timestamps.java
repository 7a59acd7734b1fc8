package io.dicomwatch.inventory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Capture timestamps in the export: UTC, ISO 8601, always nine fraction digits, so every value
 * has the same width and sorts as text.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {
    }

    /** Formats nanoseconds since the epoch, such as "2026-12-04T16:36:06.123456789Z". */
    public static String format(long epochNanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
        return FORMAT.format(instant);
    }

    /** Parses a timestamp written by {@link #format}, or any ISO 8601 instant. */
    public static long parse(String text) {
        try {
            Instant instant = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid timestamp '" + text + "': expected UTC ISO 8601 such as "
                    + "2026-01-31T08:00:00.000000000Z", e);
        }
    }
}
