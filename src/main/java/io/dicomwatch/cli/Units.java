package io.dicomwatch.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as 64KiB or 16MB and durations such as 30s, 5m or 1h from options and configuration. */
public final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|kB|KB|MB|GB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Units() {
    }

    /** Parses a byte count; KiB, MiB and GiB are powers of 1024, kB, MB and GB powers of 1000. */
    public static long parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "': expected a whole number of bytes with an "
                    + "optional unit B, KiB, MiB, GiB, kB, MB or GB, such as 64KiB");
        }
        long multiplier = switch (matcher.group(2) == null ? "B" : matcher.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "kB", "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': too large", e);
        }
    }

    /** Parses a duration into nanoseconds: a whole number with ms, s, m, h or d. */
    public static long parseDurationNanos(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected a whole number with a unit "
                    + "ms, s, m, h or d, such as 30s, 5m or 1h");
        }
        long nanosPerUnit = switch (matcher.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), nanosPerUnit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': too large", e);
        }
    }
}
