package io.dicomwatch.capture;

/**
 * Conversion of pcapng timestamps to nanoseconds since the epoch, for one interface.
 *
 * <p>A pcapng timestamp is an unsigned 64-bit count of units whose length the interface's
 * {@code if_tsresol} option sets: with the high bit clear, the low 7 bits are a negative power of
 * 10 of a second, and with it set, a negative power of 2 (default 6, microseconds). The
 * {@code if_tsoffset} option adds signed whole seconds. Results beyond the range of a long, which
 * only absurd resolutions or offsets produce, saturate at {@link Long#MAX_VALUE} or
 * {@link Long#MIN_VALUE}. Source: the pcapng IETF draft (draft-ietf-opsawg-pcapng), section
 * "Interface Description Block" options.
 */
final class TimestampScale {
    /** Resolution when the interface has no {@code if_tsresol} option: 10^-6 seconds. */
    static final int DEFAULT_RESOLUTION = 6;
    static final TimestampScale MICROSECONDS = of(DEFAULT_RESOLUTION, 0);

    private static final int POWER_OF_TWO_FLAG = 0x80;
    private static final int EXPONENT_MASK = 0x7F;
    private static final int NANOSECOND_EXPONENT = 9;
    /** 10^19 is the largest power of 10 below 2^64; any larger divisor makes every result 0. */
    private static final int MAX_DIVISOR_EXPONENT = 19;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    /** Fraction bits kept for the binary case so that fraction times 10^9 fits in 63 bits. */
    private static final int MAX_FRACTION_BITS = 33;

    private enum Mode { MULTIPLY, DIVIDE, SHIFT, ZERO }

    private final Mode mode;
    /** Multiplier, unsigned divisor or shift count, by mode. */
    private final long factor;
    private final long offsetNanos;

    private TimestampScale(Mode mode, long factor, long offsetNanos) {
        this.mode = mode;
        this.factor = factor;
        this.offsetNanos = offsetNanos;
    }

    /**
     * Builds the scale for an {@code if_tsresol} byte and an {@code if_tsoffset} in seconds.
     */
    static TimestampScale of(int resolution, long offsetSeconds) {
        long offsetNanos = saturatedMultiply(offsetSeconds, NANOS_PER_SECOND);
        int exponent = resolution & EXPONENT_MASK;
        if ((resolution & POWER_OF_TWO_FLAG) != 0) {
            return new TimestampScale(Mode.SHIFT, exponent, offsetNanos);
        }
        if (exponent <= NANOSECOND_EXPONENT) {
            return new TimestampScale(Mode.MULTIPLY, powerOfTen(NANOSECOND_EXPONENT - exponent), offsetNanos);
        }
        int divisorExponent = exponent - NANOSECOND_EXPONENT;
        if (divisorExponent > MAX_DIVISOR_EXPONENT) {
            return new TimestampScale(Mode.ZERO, 0, offsetNanos);
        }
        return new TimestampScale(Mode.DIVIDE, powerOfTen(divisorExponent), offsetNanos);
    }

    /** Converts a timestamp, an unsigned 64-bit count of units, to nanoseconds since the epoch. */
    long toNanos(long units) {
        long nanos = switch (mode) {
            case MULTIPLY -> units < 0 || units > Long.MAX_VALUE / factor ? Long.MAX_VALUE : units * factor;
            case DIVIDE -> Long.divideUnsigned(units, factor);
            case SHIFT -> shiftToNanos(units, (int) factor);
            case ZERO -> 0;
        };
        return saturatedAdd(nanos, offsetNanos);
    }

    /** Converts units of 2^-shift seconds. */
    private static long shiftToNanos(long units, int shift) {
        long seconds = shift >= Long.SIZE ? 0 : units >>> shift;
        if (seconds < 0 || seconds > MAX_SECONDS) {
            return Long.MAX_VALUE;
        }
        long fraction = shift >= Long.SIZE ? units : units & ((1L << shift) - 1);
        int fractionBits = shift;
        if (fractionBits > MAX_FRACTION_BITS) {
            int dropped = fractionBits - MAX_FRACTION_BITS;
            fraction = dropped >= Long.SIZE ? 0 : fraction >>> dropped;
            fractionBits = MAX_FRACTION_BITS;
        }
        long fractionNanos = (fraction * NANOS_PER_SECOND) >>> fractionBits;
        return saturatedAdd(seconds * NANOS_PER_SECOND, fractionNanos);
    }

    /** Returns 10^exponent as an unsigned 64-bit value; exponent is at most 19. */
    private static long powerOfTen(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private static long saturatedMultiply(long value, long multiplier) {
        long high = Math.multiplyHigh(value, multiplier);
        long low = value * multiplier;
        if (high == 0 && low >= 0 || high == -1 && low < 0) {
            return low;
        }
        return value < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long left, long right) {
        long sum = left + right;
        if (((left ^ sum) & (right ^ sum)) < 0) {
            return left < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
