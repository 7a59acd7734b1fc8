package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::ffff:c000:201, ::ffff:192.0.2.1",
        "::fffe:c000:201, ::fffe:c000:201",
    })
    void formatsRfc5952(String input, String expected) {
        assertThat(IpAddress.parse(input).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.2.3", "1.2.3.256", "1:2:3", "1::2::3", "12345::", "a.b.c.d"})
    void parseRejectsInvalidText(String input) {
        assertThatThrownBy(() -> IpAddress.parse(input)).hasMessageContaining(input);
    }

    @org.junit.jupiter.api.Test
    void compareOrdersIpv4BeforeIpv6() {
        assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
        assertThat(IpAddress.parse("10.0.0.2")).isGreaterThan(IpAddress.parse("10.0.0.1"));
        assertThat(IpAddress.parse("10.0.0.128")).isGreaterThan(IpAddress.parse("10.0.0.127"));
    }
}
