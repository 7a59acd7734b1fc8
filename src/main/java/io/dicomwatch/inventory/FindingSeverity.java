package io.dicomwatch.inventory;

import java.util.Locale;

/** Severity of a finding, lowest first; exported in lower case. */
public enum FindingSeverity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an exported key such as "high". */
    public static FindingSeverity parse(String key) {
        for (FindingSeverity severity : values()) {
            if (severity.key().equals(key)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("invalid severity '" + key + "': expected info, low, medium, high or "
                + "critical");
    }
}
