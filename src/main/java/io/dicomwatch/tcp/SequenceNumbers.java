package io.dicomwatch.tcp;

/**
 * Comparison of 32-bit TCP sequence numbers modulo 2^32 (RFC 9293, section 3.4): {@code a} is
 * after {@code b} when the signed difference {@code a - b} is positive. The result is meaningful
 * only for numbers less than 2^31 apart.
 */
final class SequenceNumbers {
    private SequenceNumbers() {
    }

    static boolean isAfter(int a, int b) {
        return a - b > 0;
    }

    static boolean isAtOrAfter(int a, int b) {
        return a - b >= 0;
    }
}
