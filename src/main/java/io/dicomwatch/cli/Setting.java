package io.dicomwatch.cli;

import java.util.Locale;

/**
 * Every setting of dicomwatch. Each is a long option of the commands and a key of the YAML
 * configuration file with the same name; an option on the command line replaces the file's value.
 */
public enum Setting {
    OUTPUT("output", Kind.PATH, "inventory.json",
            "Inventory file to write. It is replaced atomically, never left half written."),
    MERGE("merge", Kind.BOOLEAN, "false",
            "Add to the existing output file instead of replacing it."),
    KEEP_USERNAMES("keep-usernames", Kind.BOOLEAN, "false",
            "Export usernames of user identity negotiation. Passcodes, tickets and tokens are never kept."),
    PROGRESS_INTERVAL("progress-interval", Kind.DURATION, "2s",
            "Time between two progress lines on standard error during a long replay."),
    MAX_ASSETS("max-assets", Kind.COUNT, "100000",
            "Maximum number of assets (IP addresses) in the inventory; more are counted as overflow."),
    MAX_ASSOCIATIONS("max-associations", Kind.COUNT, "500000",
            "Maximum number of aggregated association rows; more are counted as overflow."),
    MAX_APPLICATION_ENTITIES_PER_ASSET("max-application-entities-per-asset", Kind.COUNT, "256",
            "Maximum number of application entities of one asset."),
    MAX_VALUES_PER_LIST("max-values-per-list", Kind.COUNT, "1024",
            "Maximum number of entries in each list of an asset, entity or association row."),
    ROUTER_MAC_THRESHOLD("router-mac-threshold", Kind.COUNT, "3",
            "Number of IP addresses behind one MAC address from which the MAC is flagged as a router's."),
    MAX_CONNECTIONS("max-connections", Kind.COUNT, "131072",
            "Maximum number of TCP connections followed at once; the least recently active is evicted."),
    MAX_BUFFERED_BYTES("max-buffered-bytes", Kind.SIZE, "64MiB",
            "Maximum out-of-order bytes buffered over all connections."),
    REASSEMBLY_WINDOW("reassembly-window", Kind.SIZE, "1MiB",
            "Bytes ahead of the next expected byte that a direction of a connection buffers (64KiB to 1GiB)."),
    MAX_BUFFERED_SEGMENTS("max-buffered-segments", Kind.COUNT, "4096",
            "Maximum out-of-order segments buffered per direction of a connection."),
    IDLE_TIMEOUT("idle-timeout", Kind.DURATION, "10m",
            "Capture time without a segment after which a connection is evicted."),
    TOMBSTONE_TIME("tombstone-time", Kind.DURATION, "5s",
            "Capture time a closed connection is remembered, so late retransmissions start nothing new."),
    HOLE_TIMEOUT("hole-timeout", Kind.DURATION, "5s",
            "Capture time a hole in a stream may stay open before it is reported as lost."),
    MID_STREAM_SCAN_BYTES("mid-stream-scan-bytes", Kind.SIZE, "4MiB",
            "Bytes of a connection joined part way that are scanned for proof of DICOM before it is ignored."),
    MAX_ASSOCIATE_PDU_LENGTH("max-associate-pdu-length", Kind.SIZE, "1MiB",
            "Longest A-ASSOCIATE-RQ or -AC that is decoded; longer ones are skipped and counted."),
    MAX_COMMAND_SET_LENGTH("max-command-set-length", Kind.SIZE, "64KiB",
            "Longest DIMSE command set that is decoded; longer ones are skipped and counted."),
    MAX_PENDING_REQUESTS("max-pending-requests", Kind.COUNT, "1024",
            "Outstanding DIMSE requests kept per association to pair responses by Message ID."),
    FINGERPRINTS("fingerprints", Kind.OPTIONAL_PATH, "",
            "Implementation fingerprint file (see docs/fingerprints.md), tried before the bundled table."),
    STATE_DIRECTORY("state-directory", Kind.OPTIONAL_PATH, "",
            "Directory of the study hash key and study sketches, never exported. Default: the output's directory."),
    DATA_SET_PREFIX_BYTES("data-set-prefix-bytes", Kind.SIZE, "64KiB",
            "Bytes at the start of each C-STORE or C-FIND request data set read for equipment attributes."),
    HOURLY_RETENTION("hourly-retention", Kind.DURATION, "168h",
            "Capture time before the last packet after which hourly utilisation rows roll up into days.");

    /** How a setting's text is parsed. */
    public enum Kind {
        BOOLEAN, COUNT, SIZE, DURATION, PATH,
        /** A path that may be empty, meaning none or a documented default. */
        OPTIONAL_PATH
    }

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String description;

    Setting(String key, Kind kind, String defaultValue, String description) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The configuration key, also the long option without its leading dashes. */
    public String key() {
        return key;
    }

    public String option() {
        return "--" + key;
    }

    public Kind kind() {
        return kind;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Returns the setting with configuration key {@code key}, or null. */
    public static Setting forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }

    /**
     * Parses a value of this setting.
     *
     * @return a Boolean, a Long (counts and sizes in bytes, durations in nanoseconds) or a String path
     * @throws IllegalArgumentException with the reason, when the text is not a valid value
     */
    public Object parse(String text) {
        return switch (kind) {
            case BOOLEAN -> parseBoolean(text);
            case COUNT -> parseCount(text);
            case SIZE -> Units.parseSize(text);
            case DURATION -> Units.parseDurationNanos(text);
            case PATH -> {
                if (text.isBlank()) {
                    throw new IllegalArgumentException("a path must not be empty");
                }
                yield text;
            }
            case OPTIONAL_PATH -> text.trim();
        };
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("invalid boolean '" + text + "': expected true or false");
        };
    }

    private static Long parseCount(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < 1 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("invalid count '" + text + "': expected 1 to " + Integer.MAX_VALUE);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid count '" + text + "': expected a whole number", e);
        }
    }
}
