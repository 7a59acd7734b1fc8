package io.dicomwatch.findings;

import java.util.List;
import java.util.Set;

/**
 * Settings of the findings rules; docs/findings.md explains each threshold.
 *
 * @param policy internal networks, VPN ranges and allow-lists
 * @param learningNanos capture time from the first packet during which rules that judge against the
 *     baseline stay silent while it is learned; 0 relies on the loaded inventory alone
 * @param aeGuessMinTitles distinct called or calling AE titles one source must have rejected as
 *     unrecognised before it counts as guessing titles
 * @param acceptAnyMinTitles distinct calling titles outside its baseline that an SCP must accept
 *     before it counts as accepting any title; one generic scanner title is enough on its own
 * @param sweepMinHosts distinct hosts one source must try on DICOM ports without DICOM to count as a sweep
 * @param probeMinSources distinct sources that must try one DICOM service without DICOM to count as probing
 * @param dicomPorts well-known DICOM ports, watched for connection attempts and TLS
 * @param tlsPorts ports where a TLS handshake is taken as DICOM-TLS even before DICOM is seen on the port
 * @param scannerAeTitles generic AE titles that scanners and default tool settings send
 * @param acknowledgedIds ids of findings that are known and accepted
 */
public record FindingsConfig(NetworkPolicy policy, long learningNanos, int aeGuessMinTitles, int acceptAnyMinTitles,
        int sweepMinHosts, int probeMinSources, Set<Integer> dicomPorts, Set<Integer> tlsPorts,
        Set<String> scannerAeTitles, Set<String> acknowledgedIds) {
    /** Ports of DICOM (104), its IANA ports for ISCL and TLS (2761, 2762), and the common 4242 and 11112. */
    public static final List<Integer> DEFAULT_DICOM_PORTS = List.of(104, 2761, 2762, 4242, 11112);
    public static final List<Integer> DEFAULT_TLS_PORTS = List.of(2762);
    /**
     * Titles that dcmtk tools (ECHOSCU, STORESCU, FINDSCU, MOVESCU, GETSCU calling ANY-SCP), pynetdicom
     * (PYNETDICOM) and nmap's dicom-ping (ECHOSCU to ANY-SCP) send when nobody set one.
     */
    public static final List<String> DEFAULT_SCANNER_AE_TITLES = List.of("ANY-SCP", "ANY", "ECHOSCU", "STORESCU",
            "FINDSCU", "MOVESCU", "GETSCU", "PYNETDICOM", "DCMECHO", "NMAP");

    public static final FindingsConfig DEFAULTS = new FindingsConfig(NetworkPolicy.DEFAULTS, 0, 5, 3, 10, 10,
            Set.copyOf(DEFAULT_DICOM_PORTS), Set.copyOf(DEFAULT_TLS_PORTS), Set.copyOf(DEFAULT_SCANNER_AE_TITLES),
            Set.of());

    public FindingsConfig {
        if (learningNanos < 0) {
            throw new IllegalArgumentException("learning period must not be negative, got " + learningNanos);
        }
        requirePositive("ae-guess-min-titles", aeGuessMinTitles);
        requirePositive("accept-any-min-titles", acceptAnyMinTitles);
        requirePositive("sweep-min-hosts", sweepMinHosts);
        requirePositive("probe-min-sources", probeMinSources);
        dicomPorts = Set.copyOf(dicomPorts);
        tlsPorts = Set.copyOf(tlsPorts);
        scannerAeTitles = Set.copyOf(scannerAeTitles);
        acknowledgedIds = Set.copyOf(acknowledgedIds);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** Returns a copy with another policy. */
    public FindingsConfig withPolicy(NetworkPolicy newPolicy) {
        return new FindingsConfig(newPolicy, learningNanos, aeGuessMinTitles, acceptAnyMinTitles, sweepMinHosts,
                probeMinSources, dicomPorts, tlsPorts, scannerAeTitles, acknowledgedIds);
    }
}
