package io.dicomwatch.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import org.junit.jupiter.api.Test;

class PolicyParsingTest {
    @Test
    void cidrContainsAddressesInPrefix() {
        Cidr network = Cidr.parse("100.64.0.0/10");
        assertThat(network.contains(IpAddress.parse("100.127.255.255"))).isTrue();
        assertThat(network.contains(IpAddress.parse("100.128.0.0"))).isFalse();
    }

    @Test
    void cidrIpv6AndHost() {
        assertThat(Cidr.parse("fc00::/7").contains(IpAddress.parse("fd12::1"))).isTrue();
        assertThat(Cidr.parse("fc00::/7").contains(IpAddress.parse("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("192.0.2.7").prefixLength()).isEqualTo(32);
    }

    @Test
    void cidrRejectsHostBitsAndBadPrefix() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8")).hasMessageContaining("10.0.0.1/8");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Cidr.parse("intranet")).hasMessageContaining("not an IP address");
    }

    @Test
    void defaultPolicyTreatsDocumentationRangesAsOutside() {
        NetworkPolicy policy = NetworkPolicy.DEFAULTS;
        assertThat(policy.isOutside(IpAddress.parse("203.0.113.5"))).isTrue();
        assertThat(policy.isOutside(IpAddress.parse("2001:db8::1"))).isTrue();
        assertThat(policy.isInternal(IpAddress.parse("172.31.0.1"))).isTrue();
        assertThat(policy.isInternal(IpAddress.parse("::1"))).isTrue();
        assertThat(policy.isInternal(IpAddress.parse("fe80::1"))).isTrue();
    }

    @Test
    void allowListByEndpoint() {
        AllowList list = AllowList.parse("192.0.2.20:104 = 203.0.113.0/24 ae:TELERAD1");
        IpAddress pacs = IpAddress.parse("192.0.2.20");
        assertThat(list.covers(pacs, 104, null)).isTrue();
        assertThat(list.covers(pacs, 11112, null)).isFalse();
        assertThat(list.approves(IpAddress.parse("203.0.113.9"), new AeTitle("TELERAD1", false))).isTrue();
        assertThat(list.approves(IpAddress.parse("203.0.113.9"), new AeTitle("OTHER", false))).isFalse();
        assertThat(list.approves(IpAddress.parse("198.51.100.9"), new AeTitle("TELERAD1", false))).isFalse();
    }

    @Test
    void allowListByTitleAndIpv6() {
        AllowList byTitle = AllowList.parse("ae:ARCHIVE = 10.20.0.0/16");
        assertThat(byTitle.covers(IpAddress.parse("10.1.1.1"), 4242, new AeTitle("ARCHIVE", false))).isTrue();
        AllowList ipv6 = AllowList.parse("[2001:db8::20]:11112 = 2001:db8::/32");
        assertThat(ipv6.covers(IpAddress.parse("2001:db8::20"), 11112, null)).isTrue();
    }

    @Test
    void allowListRejectsMistakes() {
        assertThatThrownBy(() -> AllowList.parse("192.0.2.20:104")).hasMessageContaining("SERVICE = PEER");
        assertThatThrownBy(() -> AllowList.parse("192.0.2.20 = 10.0.0.0/8")).hasMessageContaining("IP:PORT");
        assertThatThrownBy(() -> AllowList.parse("192.0.2.20:104 = 10.0.0.1/8")).hasMessageContaining("10.0.0.1/8");
        assertThatThrownBy(() -> AllowList.parse("192.0.2.20:104 = ")).hasMessageContaining("no approved peer");
    }

    @Test
    void idsAreStableAndWellFormed() {
        IpAddress asset = IpAddress.parse("192.0.2.20");
        String id = FindingIds.of("exposure.inbound-from-outside", asset, null, 104);
        assertThat(id).isEqualTo(FindingIds.of("exposure.inbound-from-outside", asset, null, 104));
        assertThat(id).isNotEqualTo(FindingIds.of("exposure.inbound-from-outside", asset, null, 11112));
        assertThat(id).isNotEqualTo(FindingIds.of("exposure.inbound-from-outside", asset, new AeTitle("", false),
                104));
        assertThat(FindingIds.isWellFormed(id)).isTrue();
        assertThat(FindingIds.isWellFormed("XYZ")).isFalse();
    }
}
