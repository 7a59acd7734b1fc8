package io.dicomwatch.findings;

/**
 * The catalogue of rules: each has a stable id, a title and a recommendation in plain words.
 * docs/findings.md describes when each one is raised and at which severity.
 */
public enum FindingRule {
    INBOUND_FROM_OUTSIDE("exposure.inbound-from-outside",
            "DICOM service reached from outside the internal networks",
            "Close the port at the perimeter firewall, or allow only the partners that need it through a VPN."),
    OUTBOUND_TO_OUTSIDE("exposure.outbound-to-outside",
            "Internal node talks DICOM to an outside peer",
            "Check that the outside peer is an approved partner such as a teleradiology service; if not, block it "
                    + "and look for data leaving the network. Carry approved traffic over a VPN."),
    CLEARTEXT_ACROSS_BOUNDARY("boundary.cleartext-dicom",
            "Cleartext DICOM crosses the network boundary",
            "Carry DICOM across the boundary only inside a VPN or with DICOM TLS (port 2762)."),
    PEER_OUTSIDE_VPN("boundary.peer-outside-vpn",
            "Outside peer reaches DICOM without a VPN",
            "Require this peer to connect through the VPN, and allow its direct address at the firewall only if "
                    + "that is not possible."),
    PEER_NOT_ALLOWED("policy.peer-not-allowed",
            "Peer not in the service's allow-list",
            "Confirm who this peer is. Add it to the service's allow-list if it is approved; otherwise block it and "
                    + "configure the service to reject unknown peers."),
    CLEARTEXT_USER_IDENTITY("credentials.cleartext-user-identity",
            "User identity sent in cleartext",
            "Treat the sent credentials as disclosed and change them. Use DICOM TLS for associations that carry "
                    + "user identity."),
    MULTIPLE_DICOM_PORTS("service.multiple-dicom-ports",
            "Host answers DICOM on several ports",
            "Check whether every port is needed (104 beside 11112, say) and close the ones nobody uses."),
    DICOM_TLS_SERVICE("service.dicom-tls",
            "DICOM TLS service",
            "None: the service encrypts. Keep its certificates current and close any cleartext port it no longer "
                    + "needs."),
    AE_TITLE_GUESSING("scan.ae-title-guessing",
            "Source tries many AE titles",
            "Find the source host; if nobody runs an authorised test from it, isolate it. AE titles are not "
                    + "passwords: restrict the services to approved peer addresses."),
    VERIFICATION_PROBE("scan.verification-probe",
            "Verification-only association from a host that is not an established node",
            "Find out who runs C-ECHO from this host; an unknown host probing DICOM services is often a scanner."),
    SCANNER_SIGNATURE("scan.scanner-request-shape",
            "Association request shaped like a scanner's",
            "Find the source host: generic AE titles with a Verification-only request are what nmap's dicom-ping and "
                    + "default tool settings send."),
    PORT_SWEEP("scan.dicom-port-sweep",
            "Source tries DICOM ports on many hosts",
            "Find the source host; if nobody runs an authorised scan from it, isolate it."),
    SERVICE_PROBED("scan.service-probed-by-many",
            "DICOM service receives connections without DICOM from many sources",
            "Check the firewall in front of this service and find out why so many hosts connect without DICOM."),
    ACCEPTS_ANY_CALLING_AE("scp.accepts-any-calling-ae",
            "SCP accepts calling AE titles outside its baseline",
            "Configure the SCP to accept only the calling AE titles and addresses of its known peers."),
    BROAD_QUERY("query.broad-c-find",
            "Very broad C-FIND query",
            "Check that the querying node is authorised to list everything; a query with only empty or wildcard "
                    + "keys returns every patient or study at its level."),
    NEW_MOVE_DESTINATION("move.new-destination",
            "C-MOVE to a destination AE title never seen before",
            "Confirm that the destination is an approved node; C-MOVE makes the PACS send images to it.");

    private final String id;
    private final String title;
    private final String recommendation;

    FindingRule(String id, String title, String recommendation) {
        this.id = id;
        this.title = title;
        this.recommendation = recommendation;
    }

    public String id() {
        return id;
    }

    /** Returns the rule with {@code ruleId}, or null for an id this version does not know. */
    public static FindingRule fromId(String ruleId) {
        for (FindingRule rule : values()) {
            if (rule.id.equals(ruleId)) {
                return rule;
            }
        }
        return null;
    }

    public String title() {
        return title;
    }

    public String recommendation() {
        return recommendation;
    }
}
