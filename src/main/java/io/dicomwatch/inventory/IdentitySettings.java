package io.dicomwatch.inventory;

/**
 * Per-inventory settings and tools of device identification.
 *
 * @param fingerprints the implementation fingerprint table
 * @param studyHasher keyed hash of Study Instance UIDs, or null to count no studies
 * @param hourlyRetentionNanos capture time after which hourly utilisation rows roll up into days,
 *     measured back from the last packet of the capture
 * @param maxDays daily rows kept per entity; the oldest go first
 */
public record IdentitySettings(Fingerprints fingerprints, StudyHasher studyHasher, long hourlyRetentionNanos,
        int maxDays) {
    /** Default of {@link #hourlyRetentionNanos}: seven days. */
    public static final long DEFAULT_HOURLY_RETENTION_NANOS = 7 * EntityIdentity.DAY_NANOS;
    /** Default of {@link #maxDays}: a little over a year. */
    public static final int DEFAULT_MAX_DAYS = 400;
    public static final IdentitySettings DEFAULTS =
            new IdentitySettings(null, null, DEFAULT_HOURLY_RETENTION_NANOS, DEFAULT_MAX_DAYS);

    public IdentitySettings {
        if (hourlyRetentionNanos < EntityIdentity.HOUR_NANOS) {
            throw new IllegalArgumentException("hourly retention must be at least one hour, got "
                    + hourlyRetentionNanos + " ns");
        }
        if (maxDays < 1) {
            throw new IllegalArgumentException("maxDays must be >= 1, got " + maxDays);
        }
    }

    /** Returns the fingerprint table, the bundled one when none was set. */
    public Fingerprints fingerprintsOrBundled() {
        return fingerprints == null ? Fingerprints.bundled() : fingerprints;
    }
}
