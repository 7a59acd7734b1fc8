package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.dicom.AbortPdu;
import org.junit.jupiter.api.Test;

/** Checks the abortReasons keys against the A-ABORT source and reason values of PS3.8 section 9.3.8. */
class AbortReasonNameTest {

    @Test
    void providerReasonsNamed() {
        String[] names = {"reason-not-specified", "unrecognized-PDU", "unexpected-PDU", "reason-3",
                "unrecognized-PDU-parameter", "unexpected-PDU-parameter", "invalid-PDU-parameter-value", "reason-7"};
        for (int reason = 0; reason < names.length; reason++) {
            assertThat(InventoryBuilder.abortReasonName(new AbortPdu(2, reason)))
                    .isEqualTo("service-provider/" + names[reason]);
        }
    }

    @Test
    void serviceUserReasonNotSignificant() {
        assertThat(InventoryBuilder.abortReasonName(new AbortPdu(0, 0))).isEqualTo("service-user");
        assertThat(InventoryBuilder.abortReasonName(new AbortPdu(0, 5))).isEqualTo("service-user");
    }

    @Test
    void reservedSourceKeepsReasonNumber() {
        assertThat(InventoryBuilder.abortReasonName(new AbortPdu(1, 0))).isEqualTo("source-1/reason-0");
        assertThat(InventoryBuilder.abortReasonName(new AbortPdu(1, 2))).isEqualTo("source-1/reason-2");
        assertThat(InventoryBuilder.abortReasonName(new AbortPdu(3, 6))).isEqualTo("source-3/reason-6");
    }
}
