package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The approved peers of one DICOM service, from a setting such as
 * {@code 192.0.2.20:104 = 203.0.113.0/24 ae:TELERAD1}.
 *
 * <p>The service before {@code =} is {@code IP:PORT}, {@code [IPv6]:PORT} or {@code ae:TITLE} (the
 * called AE title, on any host). The peers after it are CIDRs and {@code ae:TITLE} calling titles,
 * separated by spaces or commas. A requestor is approved when its address is in one of the CIDRs
 * (or no CIDR is listed) and its calling title is one of the titles (or no title is listed). AE
 * titles compare exactly, because PS3.5 makes them case sensitive.
 */
public record AllowList(IpAddress serviceAddress, int servicePort, String serviceAeTitle, List<Cidr> peerNetworks,
        List<String> peerAeTitles, String text) {
    private static final String AE_PREFIX = "ae:";

    /**
     * Parses one allow-list entry.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static AllowList parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("invalid allow-list '" + text + "': expected SERVICE = PEER..., such as "
                    + "'192.0.2.20:104 = 203.0.113.0/24 ae:TELERAD1'");
        }
        String service = text.substring(0, equals).trim();
        List<Cidr> networks = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (String peer : text.substring(equals + 1).trim().split("[\\s,]+")) {
            if (peer.isEmpty()) {
                continue;
            }
            if (peer.toLowerCase(Locale.ROOT).startsWith(AE_PREFIX)) {
                titles.add(aeTitle(text, peer));
            } else {
                try {
                    networks.add(Cidr.parse(peer));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid allow-list '" + text + "': " + e.getMessage(), e);
                }
            }
        }
        if (networks.isEmpty() && titles.isEmpty()) {
            throw new IllegalArgumentException("invalid allow-list '" + text + "': no approved peer after '='");
        }
        if (service.toLowerCase(Locale.ROOT).startsWith(AE_PREFIX)) {
            return new AllowList(null, -1, aeTitle(text, service), List.copyOf(networks), List.copyOf(titles), text);
        }
        return parseEndpoint(text, service, networks, titles);
    }

    private static AllowList parseEndpoint(String text, String service, List<Cidr> networks, List<String> titles) {
        int colon = service.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid allow-list '" + text + "': service '" + service
                    + "' must be IP:PORT, [IPv6]:PORT or ae:TITLE");
        }
        String host = service.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(service.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new AllowList(IpAddress.parse(host), port, null, List.copyOf(networks), List.copyOf(titles), text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid allow-list '" + text + "': service '" + service
                    + "' must be IP:PORT with a port of 1 to 65535, [IPv6]:PORT or ae:TITLE", e);
        }
    }

    private static String aeTitle(String text, String token) {
        String title = token.substring(AE_PREFIX.length()).trim();
        if (title.isEmpty() || title.length() > AeTitle.FIELD_LENGTH) {
            throw new IllegalArgumentException("invalid allow-list '" + text + "': AE title in '" + token
                    + "' must be 1 to 16 characters");
        }
        return title;
    }

    /** Returns whether this list governs the service at {@code address}:{@code port} called {@code calledAeTitle}. */
    public boolean covers(IpAddress address, int port, AeTitle calledAeTitle) {
        if (serviceAeTitle != null) {
            return calledAeTitle != null && serviceAeTitle.equals(calledAeTitle.value());
        }
        return serviceAddress.equals(address) && servicePort == port;
    }

    /** Returns whether a requestor is approved; an unknown calling title (mid-stream) passes the title check. */
    public boolean approves(IpAddress requestor, AeTitle callingAeTitle) {
        boolean addressApproved = peerNetworks.isEmpty()
                || peerNetworks.stream().anyMatch(network -> network.contains(requestor));
        boolean titleApproved = peerAeTitles.isEmpty() || callingAeTitle == null
                || peerAeTitles.contains(callingAeTitle.value());
        return addressApproved && titleApproved;
    }
}
