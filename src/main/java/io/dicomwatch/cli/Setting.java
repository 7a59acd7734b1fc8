package io.dicomwatch.cli;

import java.util.Locale;

/**
 * Every setting of dicomwatch. Each is a long option of the commands and a key of the YAML
 * configuration file with the same name. An option on the command line replaces the file's value.
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
    INTERNAL_NETWORKS("internal-networks", Kind.LIST, FindingSettings.DEFAULT_INTERNAL_NETWORKS,
            "CIDRs of the internal networks; other addresses, outside the VPN ranges, are outside."),
    VPN_NETWORKS("vpn-networks", Kind.LIST, "",
            "CIDRs of VPN address ranges, whose peers count neither as outside nor as cleartext exposure."),
    ALLOWED_PEERS("allowed-peers", Kind.LIST, "",
            "Allow-lists 'SERVICE = PEER...': SERVICE is IP:PORT or ae:TITLE, PEER a CIDR or ae:TITLE."),
    ACKNOWLEDGED_FINDINGS("acknowledged-findings", Kind.LIST, "",
            "Ids of known, accepted findings: they stay listed, marked acknowledged, and write no events."),
    EVENTS("events", Kind.OPTIONAL_PATH, "",
            "JSON Lines file that each new finding is appended to as it is raised, for a SIEM to tail."),
    LEARNING_PERIOD("learning-period", Kind.DURATION, "0s",
            "Capture time from the first packet during which baseline rules only learn and raise nothing."),
    AE_GUESS_MIN_TITLES("ae-guess-min-titles", Kind.COUNT, "5",
            "Distinct AE titles one source must have rejected as unrecognised to be flagged as guessing."),
    ACCEPT_ANY_MIN_TITLES("accept-any-min-titles", Kind.COUNT, "3",
            "Calling AE titles outside its baseline an SCP must accept to be flagged as accepting any title."),
    SWEEP_MIN_HOSTS("sweep-min-hosts", Kind.COUNT, "10",
            "Hosts one source must try on DICOM ports without DICOM to be flagged as sweeping."),
    PROBE_MIN_SOURCES("probe-min-sources", Kind.COUNT, "10",
            "Sources that must try one DICOM service without DICOM for it to be flagged as probed."),
    DICOM_PORTS("dicom-ports", Kind.LIST, "104;2761;2762;4242;11112",
            "Well-known DICOM ports, watched for connection attempts; ports where DICOM was seen count too."),
    TLS_PORTS("tls-ports", Kind.LIST, "2762",
            "Ports where a TLS handshake marks a DICOM TLS service before DICOM is seen there."),
    SCANNER_AE_TITLES("scanner-ae-titles", Kind.LIST, FindingSettings.DEFAULT_SCANNER_AE_TITLES,
            "Generic AE titles that scanners and tools with default settings send.");

    /** Value type of a setting, which selects its parser. */
    public enum Kind {
        BOOLEAN, COUNT, SIZE, DURATION, PATH,
        /** A path that may be empty, meaning none. */
        OPTIONAL_PATH,
        /** Values separated by ';' or new lines on the command line, or a YAML list. */
        LIST
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

    /** Returns the configuration key, which is also the long option without its leading dashes. */
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
     * @return a Boolean, a Long (counts and sizes in bytes, durations in nanoseconds), a String path
     *     or, for lists, a List of Strings whose every element was checked
     * @throws IllegalArgumentException with the reason, when the text is not a valid value
     */
    public Object parse(String text) {
        Object value = parseKind(text);
        checkRange(text, value);
        return value;
    }

    /**
     * Returns the smallest and largest valid value as text, or null when the kind's own range
     * applies. Bounds exist where a smaller or larger value breaks the stage that uses it.
     */
    String[] range() {
        return switch (this) {
            case REASSEMBLY_WINDOW -> new String[] {"64KiB", "1GiB"};
            case MAX_BUFFERED_BYTES -> new String[] {"64KiB", "1024GiB"};
            case MAX_ASSOCIATE_PDU_LENGTH -> new String[] {"1KiB", "64MiB"};
            case MAX_COMMAND_SET_LENGTH -> new String[] {"256B", "16MiB"};
            case MID_STREAM_SCAN_BYTES -> new String[] {"0B", "1024GiB"};
            case PROGRESS_INTERVAL -> new String[] {"100ms", "1d"};
            case IDLE_TIMEOUT -> new String[] {"1s", "30d"};
            default -> null;
        };
    }

    private void checkRange(String text, Object value) {
        String[] bounds = range();
        if (bounds == null || !(value instanceof Long number)) {
            return;
        }
        long minimum = (Long) parseKind(bounds[0]);
        long maximum = (Long) parseKind(bounds[1]);
        if (number < minimum || number > maximum) {
            throw new IllegalArgumentException("value '" + text + "' is out of range: expected " + bounds[0] + " to "
                    + bounds[1]);
        }
    }

    private Object parseKind(String text) {
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
            case LIST -> FindingSettings.parseList(this, text);
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
