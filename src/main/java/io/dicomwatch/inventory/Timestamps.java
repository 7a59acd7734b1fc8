package io.dicomwatch.inventory;

import java.time.Instant;
import java.time.LocalDateTime;
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

    /**
     * Formats nanoseconds since the epoch, such as "2026-12-04T16:36:06.123456789Z". Written digit
     * by digit, because exports format several timestamps per row and DateTimeFormatter is slow.
     * Years outside 0 to 9999 fall back to DateTimeFormatter.
     */
    public static String format(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return FORMAT.format(Instant.ofEpochSecond(seconds, nanos));
        }
        char[] text = new char[30];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, nanos, 9);
        text[29] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
