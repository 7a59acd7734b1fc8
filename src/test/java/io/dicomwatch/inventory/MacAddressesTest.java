package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacAddressesTest {

    @Test
    void formatWritesLowerCaseOctets() {
        assertThat(MacAddresses.format(0x0011_22AA_BBCCL)).isEqualTo("00:11:22:aa:bb:cc");
    }

    @Test
    void parseReversesFormat() {
        assertThat(MacAddresses.parse("00:11:22:AA:bb:cc")).isEqualTo(0x0011_22AA_BBCCL);
    }

    @Test
    void parseRejectsShortAddress() {
        assertThatThrownBy(() -> MacAddresses.parse("00:11:22")).hasMessageContaining("invalid MAC address");
    }
}
