package io.dicomwatch.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every setting of dicomwatch. Each is a long option of the commands and a key of the YAML
 * configuration file with the same name. An option on the command line replaces the file's value.
 */
public enum Setting {
    OUTPUT("output", Kind.PATH, "inventory.json", Commands.ALL,
            "Inventory file to write. It is replaced atomically, never left half written."),
    MERGE("merge", Kind.BOOLEAN, "false", Commands.REPLAY,
            "Add to the existing output file instead of replacing it."),
    KEEP_USERNAMES("keep-usernames", Kind.BOOLEAN, "false", Commands.ALL,
            "Export usernames of user identity negotiation. Passcodes, tickets and tokens are never kept."),
    PROGRESS_INTERVAL("progress-interval", Kind.DURATION, "2s", Commands.REPLAY, 100_000_000L, Nanos.DAY,
            "Time between two progress lines on standard error during a long replay."),
    STALE_AFTER("stale-after", Kind.DURATION, "30d", Commands.ALL,
            "Capture time without DICOM traffic after which an asset is marked stale in the export (0s: never)."),
    INTERNAL_NETWORKS("internal-networks", Kind.NETWORK_LIST, FindingSettings.DEFAULT_INTERNAL_NETWORKS,
            Commands.ALL,
            "CIDRs of the internal networks, such as 10.0.0.0/8 or 2001:db8::/32; other addresses, outside the VPN "
                    + "ranges, are outside."),
    INTERFACE("interface", Kind.LIST, "", Commands.CAPTURE,
            "Network interface to capture on, such as eth1. Required, on the command line or in the configuration."),
    FILTER("filter", Kind.TEXT, "", Commands.CAPTURE,
            "BPF filter applied in the kernel, in tcpdump syntax. Empty: every frame, so VLAN-tagged and QinQ "
                    + "traffic is never lost."),
    SNAP_LENGTH("snap-length", Kind.SIZE, "262144", Commands.CAPTURE, 68, 262_144,
            "Bytes of each frame captured, 68 to 262144. Keep the default: NICs with GRO or LRO hand up frames "
                    + "far larger than the MTU."),
    BUFFER_SIZE("buffer-size", Kind.SIZE, "32MiB", Commands.CAPTURE, 65_536, Integer.MAX_VALUE,
            "Kernel capture buffer of each interface; a larger one rides out longer bursts."),
    QUEUE_CAPACITY("queue-capacity", Kind.COUNT, "65536", Commands.CAPTURE, 16, 16_777_216,
            "Frames waiting between the capture threads and the decoder; more are dropped and counted."),
    DUPLICATE_WINDOW("duplicate-window", Kind.DURATION, "20ms", Commands.CAPTURE,
            "Time within which a second copy of the same packet, such as the same frame mirrored on two "
                    + "interfaces, is dropped and counted (0s: keep duplicates)."),
    FLUSH_INTERVAL("flush-interval", Kind.DURATION, "60s", Commands.CAPTURE, 1_000_000L, Long.MAX_VALUE,
            "Time between two atomic writes of the inventory; it is also written at shutdown."),
    STATS_INTERVAL("stats-interval", Kind.DURATION, "60s", Commands.CAPTURE, 1_000_000_000L, Long.MAX_VALUE,
            "Time between two statistics lines in the log."),
    SILENT_INTERFACE_WARNING("silent-interface-warning", Kind.DURATION, "5m", Commands.CAPTURE,
            1_000_000_000L, Long.MAX_VALUE,
            "Time without a packet on an interface after which a warning is logged."),
    MAX_ASSETS("max-assets", Kind.COUNT, "25000", Commands.ALL,
            "Maximum number of assets (IP addresses) in the inventory; more are counted as overflow."),
    MAX_ASSOCIATIONS("max-associations", Kind.COUNT, "50000", Commands.ALL,
            "Maximum number of aggregated association rows, and of application entities of all assets"
                    + " together; more are counted as overflow."),
    MAX_APPLICATION_ENTITIES_PER_ASSET("max-application-entities-per-asset", Kind.COUNT, "256", Commands.ALL,
            "Maximum number of application entities of one asset."),
    MAX_VALUES_PER_LIST("max-values-per-list", Kind.COUNT, "1024", Commands.ALL,
            "Maximum number of entries in each list of an asset, entity or association row."),
    ROUTER_MAC_THRESHOLD("router-mac-threshold", Kind.COUNT, "3", Commands.ALL,
            "Number of IP addresses behind one MAC address from which the MAC is flagged as a router's."),
    MAX_CONNECTIONS("max-connections", Kind.COUNT, "32768", Commands.ALL,
            "Maximum number of TCP connections followed at once; the least recently active is evicted."),
    MAX_BUFFERED_BYTES("max-buffered-bytes", Kind.SIZE, "64MiB", Commands.ALL, 64L << 10, 1L << 40,
            "Maximum out-of-order bytes buffered over all connections."),
    REASSEMBLY_WINDOW("reassembly-window", Kind.SIZE, "1MiB", Commands.ALL, 64L << 10, 1L << 30,
            "Bytes ahead of the next expected byte that a direction of a connection buffers."),
    MAX_BUFFERED_SEGMENTS("max-buffered-segments", Kind.COUNT, "4096", Commands.ALL,
            "Maximum out-of-order segments buffered per direction of a connection."),
    IDLE_TIMEOUT("idle-timeout", Kind.DURATION, "10m", Commands.ALL, Nanos.SECOND, 30 * Nanos.DAY,
            "Capture time without a segment after which a connection is evicted."),
    TOMBSTONE_TIME("tombstone-time", Kind.DURATION, "5s", Commands.ALL,
            "Capture time a closed connection is remembered, so late retransmissions start nothing new."),
    HOLE_TIMEOUT("hole-timeout", Kind.DURATION, "5s", Commands.ALL,
            "Capture time a hole in a stream may stay open before it is reported as lost."),
    MAX_FRAGMENTED_DATAGRAMS("max-fragmented-datagrams", Kind.COUNT, "4096", Commands.ALL, 1, 1 << 20,
            "Maximum number of IP datagrams in reassembly from fragments at once; beyond it the oldest is evicted."),
    MAX_FRAGMENT_BYTES("max-fragment-bytes", Kind.SIZE, "16MiB", Commands.ALL, 64L << 10, 1L << 40,
            "Maximum bytes held for IP datagrams in reassembly; beyond it the oldest datagrams are evicted."),
    IPV4_FRAGMENT_TIMEOUT("ipv4-fragment-timeout", Kind.DURATION, "30s", Commands.ALL, Nanos.SECOND, Nanos.DAY,
            "Capture time from the first fragment of an IPv4 datagram after which it is discarded incomplete."),
    IPV6_FRAGMENT_TIMEOUT("ipv6-fragment-timeout", Kind.DURATION, "60s", Commands.ALL, Nanos.SECOND, Nanos.DAY,
            "Capture time from the first fragment of an IPv6 datagram after which it is discarded incomplete."),
    MID_STREAM_SCAN_BYTES("mid-stream-scan-bytes", Kind.SIZE, "4MiB", Commands.ALL, 0, 1L << 40,
            "Bytes of a connection joined part way that are scanned for proof of DICOM before it is ignored "
                    + "(0B: follow only connections whose start was captured)."),
    MAX_ASSOCIATE_PDU_LENGTH("max-associate-pdu-length", Kind.SIZE, "1MiB", Commands.ALL, 1L << 10, 64L << 20,
            "Longest A-ASSOCIATE-RQ or -AC decoded whole; of a longer one only this many bytes are decoded, and it "
                    + "is counted."),
    MAX_BUFFERED_PDU_BYTES("max-buffered-pdu-bytes", Kind.SIZE, "32MiB", Commands.ALL, 64L << 10, 1L << 40,
            "Maximum bytes of A-ASSOCIATE PDUs, command sets and query identifiers buffered over all connections, "
                    + "beyond 256 per buffer; past it a request is decoded as cut and counted."),
    MAX_COMMAND_SET_LENGTH("max-command-set-length", Kind.SIZE, "64KiB", Commands.ALL, 256, 16L << 20,
            "Longest DIMSE command set that is decoded; longer ones are skipped and counted."),
    MAX_PENDING_REQUESTS("max-pending-requests", Kind.COUNT, "1024", Commands.ALL,
            "Outstanding DIMSE requests kept per association to pair responses by Message ID."),
    VPN_NETWORKS("vpn-networks", Kind.NETWORK_LIST, "", Commands.ALL,
            "CIDRs of VPN address ranges, whose peers count neither as outside nor as cleartext exposure."),
    ALLOWED_PEERS("allowed-peers", Kind.LIST, "", Commands.ALL,
            "Allow-lists 'SERVICE = PEER...': SERVICE is IP:PORT or ae:TITLE, PEER a CIDR or ae:TITLE."),
    ACKNOWLEDGED_FINDINGS("acknowledged-findings", Kind.LIST, "", Commands.ALL,
            "Ids of known, accepted findings: they stay listed, marked acknowledged, and write no events."),
    EVENTS("events", Kind.OPTIONAL_PATH, "", Commands.ALL,
            "JSON Lines file that each new finding is appended to as it is raised, for a SIEM to tail."),
    LEARNING_PERIOD("learning-period", Kind.DURATION, "0s", Commands.ALL,
            "Capture time from the first packet during which baseline rules only learn and raise nothing."),
    AE_GUESS_MIN_TITLES("ae-guess-min-titles", Kind.COUNT, "5", Commands.ALL,
            "Distinct AE titles one source must have rejected as unrecognised to be flagged as guessing."),
    ACCEPT_ANY_MIN_TITLES("accept-any-min-titles", Kind.COUNT, "3", Commands.ALL,
            "Calling AE titles outside its baseline an SCP must accept to be flagged as accepting any title."),
    SWEEP_MIN_HOSTS("sweep-min-hosts", Kind.COUNT, "10", Commands.ALL,
            "Hosts one source must try on DICOM ports without DICOM to be flagged as sweeping."),
    PROBE_MIN_SOURCES("probe-min-sources", Kind.COUNT, "10", Commands.ALL,
            "Sources that must try one DICOM service without DICOM for it to be flagged as probed."),
    DICOM_PORTS("dicom-ports", Kind.LIST, "104;2761;2762;4242;11112", Commands.ALL,
            "Well-known DICOM ports, watched for connection attempts; ports where DICOM was seen count too."),
    TLS_PORTS("tls-ports", Kind.LIST, "2762", Commands.ALL,
            "Ports where a TLS handshake marks a DICOM TLS service before DICOM is seen there."),
    SCANNER_AE_TITLES("scanner-ae-titles", Kind.LIST, FindingSettings.DEFAULT_SCANNER_AE_TITLES, Commands.ALL,
            "Generic AE titles that scanners and tools with default settings send."),
    FINGERPRINTS("fingerprints", Kind.OPTIONAL_PATH, "", Commands.ALL,
            "Implementation fingerprint file (see docs/fingerprints.md), tried before the bundled table."),
    STATE_DIRECTORY("state-directory", Kind.OPTIONAL_PATH, "", Commands.ALL,
            "Directory of the study hash key and study sketches, never exported. Default: the output's directory."),
    DATA_SET_PREFIX_BYTES("data-set-prefix-bytes", Kind.SIZE, "64KiB", Commands.ALL,
            "Bytes at the start of each C-STORE or C-FIND request data set read for equipment attributes."),
    HOURLY_RETENTION("hourly-retention", Kind.DURATION, "168h", Commands.ALL,
            "Capture time before the last packet after which hourly utilisation rows roll up into days.");

    /** The commands that offer a setting as an option; a configuration file may set keys of every command. */
    public enum Command {
        REPLAY, CAPTURE
    }

    /** Durations in nanoseconds for the bounds above; a nested class, as enum constants cannot read the enum's own. */
    private static final class Nanos {
        static final long SECOND = 1_000_000_000L;
        static final long DAY = 86_400 * SECOND;
    }

    /** Sets of commands, to keep the table above readable. */
    private static final class Commands {
        static final Set<Command> ALL = EnumSet.allOf(Command.class);
        static final Set<Command> REPLAY = EnumSet.of(Command.REPLAY);
        static final Set<Command> CAPTURE = EnumSet.of(Command.CAPTURE);
    }

    /** Value type of a setting, which selects its parser. */
    public enum Kind {
        BOOLEAN, COUNT, SIZE, DURATION, PATH,
        /** Free text, possibly empty. */
        TEXT,
        /** Names separated by commas, or a YAML list; parsed into a {@code List<String>}. */
        LIST,
        /** CIDR networks separated by commas, or a YAML list; parsed into a {@code List<String>}. */
        NETWORK_LIST,
        /** A path that may be empty, meaning none. */
        OPTIONAL_PATH
    }

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final Set<Command> commands;
    private final long minimum;
    private final long maximum;
    private final String description;

    Setting(String key, Kind kind, String defaultValue, Set<Command> commands, String description) {
        this(key, kind, defaultValue, commands, Long.MIN_VALUE, Long.MAX_VALUE, description);
    }

    /** A count, size or duration limited to {@code minimum..maximum} (durations in nanoseconds). */
    Setting(String key, Kind kind, String defaultValue, Set<Command> commands, long minimum, long maximum,
            String description) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.commands = commands;
        this.minimum = minimum;
        this.maximum = maximum;
        this.description = description;
    }

    /** Returns whether {@code command} offers this setting as an option. */
    public boolean appliesTo(Command command) {
        return commands.contains(command);
    }

    public boolean isList() {
        return kind == Kind.LIST || kind == Kind.NETWORK_LIST;
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
     * @return a Boolean, a Long (counts and sizes in bytes, durations in nanoseconds), a String (paths and
     *     text) or a {@code List<String>} (lists)
     * @throws IllegalArgumentException with the reason, when the text is not a valid value
     */
    public Object parse(String text) {
        return switch (kind) {
            case BOOLEAN -> parseBoolean(text);
            case COUNT -> checkRange(text, parseCount(text));
            case SIZE -> checkRange(text, Units.parseSize(text));
            case DURATION -> checkRange(text, Units.parseDurationNanos(text));
            case PATH -> {
                if (text.isBlank()) {
                    throw new IllegalArgumentException("a path must not be empty");
                }
                yield text;
            }
            case TEXT, OPTIONAL_PATH -> text.trim();
            case LIST, NETWORK_LIST -> FindingSettings.parseList(this, text);
        };
    }

    private Long checkRange(String text, long value) {
        if (value < minimum || value > maximum) {
            String expected = maximum == Long.MAX_VALUE ? "at least " + describe(minimum)
                    : describe(minimum) + " to " + describe(maximum);
            throw new IllegalArgumentException("value '" + text + "' is out of range: expected " + expected);
        }
        return value;
    }

    private String describe(long bound) {
        if (kind == Kind.DURATION) {
            if (bound % Nanos.DAY == 0 && bound > 0) {
                return bound / Nanos.DAY + "d";
            }
            return bound % Nanos.SECOND == 0 ? bound / Nanos.SECOND + "s" : bound / 1_000_000L + "ms";
        }
        if (kind == Kind.SIZE && bound > 0) {
            String[] units = {"GiB", "MiB", "KiB"};
            int[] shifts = {30, 20, 10};
            for (int i = 0; i < units.length; i++) {
                if (bound % (1L << shifts[i]) == 0) {
                    return (bound >> shifts[i]) + units[i];
                }
            }
            return bound + "B";
        }
        return String.valueOf(bound);
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
