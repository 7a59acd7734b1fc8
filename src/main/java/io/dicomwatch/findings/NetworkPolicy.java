package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the boundary lies and who may cross it: the internal networks, the VPN address ranges and
 * the allow-lists of approved peers per service.
 *
 * <p>An address is <em>outside</em> when it is in neither the internal networks nor the VPN ranges.
 * Traffic from a VPN range reached the sensor through a tunnel, so it is not cleartext on the
 * Internet and not an exposure, but allow-lists still apply to it.
 */
public record NetworkPolicy(List<Cidr> internalNetworks, List<Cidr> vpnNetworks, List<AllowList> allowLists) {
    /** RFC 1918, CGNAT (RFC 6598), loopback, link-local, unique-local IPv6 (fc00::/7) and IPv6 loopback. */
    public static final List<String> DEFAULT_INTERNAL_NETWORKS = List.of("10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128");

    public static final NetworkPolicy DEFAULTS = new NetworkPolicy(parseAll(DEFAULT_INTERNAL_NETWORKS), List.of(),
            List.of());

    public NetworkPolicy {
        internalNetworks = List.copyOf(internalNetworks);
        vpnNetworks = List.copyOf(vpnNetworks);
        allowLists = List.copyOf(allowLists);
    }

    /** Parses CIDR texts, failing on the first invalid one with its text. */
    public static List<Cidr> parseAll(List<String> texts) {
        List<Cidr> networks = new ArrayList<>();
        for (String text : texts) {
            networks.add(Cidr.parse(text));
        }
        return networks;
    }

    public boolean isInternal(IpAddress address) {
        return matches(internalNetworks, address);
    }

    public boolean isVpn(IpAddress address) {
        return matches(vpnNetworks, address);
    }

    /** Returns whether the address is neither internal nor in a VPN range. */
    public boolean isOutside(IpAddress address) {
        return !isInternal(address) && !isVpn(address);
    }

    /** Returns the allow-lists that govern a service; empty when none does. */
    public List<AllowList> allowListsFor(IpAddress address, int port, AeTitle calledAeTitle) {
        List<AllowList> matching = new ArrayList<>();
        for (AllowList list : allowLists) {
            if (list.covers(address, port, calledAeTitle)) {
                matching.add(list);
            }
        }
        return matching;
    }

    private static boolean matches(List<Cidr> networks, IpAddress address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
