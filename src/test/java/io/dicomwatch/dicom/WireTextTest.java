package io.dicomwatch.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireTextTest {

    private static String uid(String wire) {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        return WireText.uid(bytes, 0, bytes.length);
    }

    @Test
    void uidLosesItsNulAndSpacePadding() {
        assertThat(uid("1.2.840.10008.1.1\0")).isEqualTo("1.2.840.10008.1.1");
        assertThat(uid("1.2.3 ")).isEqualTo("1.2.3");
    }

    @Test
    void repeatedUidIsTheSameString() {
        assertThat(uid("1.2.840.10008.1.2.1")).isSameAs(uid("1.2.840.10008.1.2.1"));
    }

    @Test
    void uidsSharingTableSlotsStayDistinct() {
        // Far more UIDs than the table has slots, so many share one; each must still decode to itself.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5000; i++) {
                assertThat(uid("1.2.826.0.1.3680043." + i)).isEqualTo("1.2.826.0.1.3680043." + i);
            }
        }
    }

    @Test
    void uidInsideALongerBufferUsesOnlyItsBytes() {
        byte[] bytes = "xx1.2.3yy".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(WireText.uid(bytes, 2, 5)).isEqualTo("1.2.3");
    }

    @Test
    void bytesOutsideTextAreEscapedNotCached() {
        assertThat(uid("1.2\u00e9.3")).isEqualTo("1.2\\xE9.3");
        assertThat(uid("1.2\\3")).isEqualTo("1.2\\x5C3");
        assertThat(uid("1.2\u00e9.3")).isEqualTo("1.2\\xE9.3");
    }

    @Test
    void overlongValueIsCut() {
        String value = "1.".repeat(100);
        assertThat(uid(value)).hasSize(WireText.MAX_UID_BYTES + 3).endsWith("...");
    }
}
