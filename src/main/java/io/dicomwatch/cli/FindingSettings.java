package io.dicomwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.findings.AllowList;
import io.dicomwatch.findings.Cidr;
import io.dicomwatch.findings.FindingIds;
import io.dicomwatch.findings.FindingsConfig;
import io.dicomwatch.findings.NetworkPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** Parses and checks the list settings of the findings rules and builds their {@link FindingsConfig}. */
final class FindingSettings {
    /** Same networks as {@link NetworkPolicy#DEFAULT_INTERNAL_NETWORKS}, as a setting default. */
    static final String DEFAULT_INTERNAL_NETWORKS =
            "10.0.0.0/8;172.16.0.0/12;192.168.0.0/16;100.64.0.0/10;127.0.0.0/8;169.254.0.0/16;fc00::/7;fe80::/10;::1";
    /** Same titles as {@link FindingsConfig#DEFAULT_SCANNER_AE_TITLES}, as a setting default. */
    static final String DEFAULT_SCANNER_AE_TITLES =
            "ANY-SCP;ANY;ECHOSCU;STORESCU;FINDSCU;MOVESCU;GETSCU;PYNETDICOM;DCMECHO;NMAP";

    private FindingSettings() {
    }

    /**
     * Splits a list setting's text on ';', ',' and new lines, trims the values, drops empty ones and
     * checks each against what the setting holds. Allow-lists split on ';' and new lines only,
     * because one allow-list names its peers with commas.
     *
     * @throws IllegalArgumentException naming the invalid value
     */
    static List<String> parseList(Setting setting, String text) {
        List<String> values = new ArrayList<>();
        String separators = setting == Setting.ALLOWED_PEERS ? "[;\\n]" : "[;,\\n]";
        for (String part : text.split(separators)) {
            String value = part.trim();
            if (!value.isEmpty()) {
                check(setting, value);
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private static void check(Setting setting, String value) {
        switch (setting) {
            case INTERNAL_NETWORKS, VPN_NETWORKS -> Cidr.parse(value);
            case ALLOWED_PEERS -> AllowList.parse(value);
            case DICOM_PORTS, TLS_PORTS -> parsePort(value);
            case ACKNOWLEDGED_FINDINGS -> {
                if (!FindingIds.isWellFormed(value)) {
                    throw new IllegalArgumentException("invalid finding id '" + value + "': expected 16 lower-case "
                            + "hex digits as in the inventory's findings");
                }
            }
            case SCANNER_AE_TITLES -> {
                if (value.length() > AeTitle.FIELD_LENGTH) {
                    throw new IllegalArgumentException("invalid AE title '" + value + "': longer than 16 characters");
                }
            }
            default -> {
                // Lists of other settings take any text.
            }
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException("invalid port '" + value + "': expected 1 to 65535");
    }

    /** Joins a YAML sequence of scalars with new lines, the list text that {@link #parseList} reads. */
    static String joinYamlList(String key, JsonNode array, Path file) {
        StringJoiner joined = new StringJoiner("\n");
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                throw new UsageException("configuration key '" + key + "' in " + file
                        + " must list single values, got " + element);
            }
            joined.add(element.asText());
        }
        return joined.toString();
    }

    /** Builds the findings configuration from resolved settings. */
    static FindingsConfig config(Settings settings) {
        if (settings.list(Setting.INTERNAL_NETWORKS).isEmpty()) {
            // An empty value, such as an unset shell variable, would make every peer outside.
            throw new UsageException("internal-networks is empty, so every peer would count as outside; give at "
                    + "least one CIDR, or leave the setting out for the private and local ranges");
        }
        List<Cidr> internal = NetworkPolicy.parseAll(settings.list(Setting.INTERNAL_NETWORKS));
        List<Cidr> vpn = NetworkPolicy.parseAll(settings.list(Setting.VPN_NETWORKS));
        List<AllowList> allowLists = new ArrayList<>();
        for (String text : settings.list(Setting.ALLOWED_PEERS)) {
            allowLists.add(AllowList.parse(text));
        }
        try {
            return new FindingsConfig(new NetworkPolicy(internal, vpn, allowLists),
                    settings.longValue(Setting.LEARNING_PERIOD),
                    settings.intValue(Setting.AE_GUESS_MIN_TITLES),
                    settings.intValue(Setting.ACCEPT_ANY_MIN_TITLES),
                    settings.intValue(Setting.SWEEP_MIN_HOSTS),
                    settings.intValue(Setting.PROBE_MIN_SOURCES),
                    ports(settings.list(Setting.DICOM_PORTS)),
                    ports(settings.list(Setting.TLS_PORTS)),
                    new LinkedHashSet<>(settings.list(Setting.SCANNER_AE_TITLES)),
                    new HashSet<>(settings.list(Setting.ACKNOWLEDGED_FINDINGS)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid setting: " + e.getMessage(), e);
        }
    }

    private static Set<Integer> ports(List<String> values) {
        Set<Integer> ports = new HashSet<>();
        for (String value : values) {
            ports.add(parsePort(value));
        }
        return ports;
    }
}
