package io.dicomwatch.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AeTitleTest {

    private static AeTitle decode(byte[] field) {
        return AeTitle.decode(field, 0, field.length);
    }

    private static byte[] padded(String text, byte pad) {
        byte[] field = new byte[AeTitle.FIELD_LENGTH];
        java.util.Arrays.fill(field, pad);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, field, 0, bytes.length);
        return field;
    }

    @Test
    void decodeStripsSpacePadding() {
        AeTitle title = decode(padded("STORESCP", (byte) ' '));
        assertThat(title.value()).isEqualTo("STORESCP");
        assertThat(title.nonText()).isFalse();
    }

    @Test
    void decodeStripsLeadingSpacesAndTrailingNuls() {
        assertThat(decode(padded("  PACS", (byte) 0)).value()).isEqualTo("PACS");
    }

    @Test
    void decodeAllSpacesIsEmptyNotNull() {
        AeTitle title = decode(padded("", (byte) ' '));
        assertThat(title.value()).isEmpty();
        assertThat(title.nonText()).isFalse();
    }

    @Test
    void decodeEscapesNonTextBytes() {
        byte[] field = padded("CT", (byte) ' ');
        field[2] = (byte) 0xE9;
        field[3] = '\\';
        field[4] = 0x01;
        AeTitle title = decode(field);
        assertThat(title.value()).isEqualTo("CT\\xE9\\x5C\\x01");
        assertThat(title.nonText()).isTrue();
    }

    @Test
    void decodeKeepsInnerSpaces() {
        assertThat(decode(padded("MY SCP", (byte) ' ')).value()).isEqualTo("MY SCP");
    }

    @Test
    void repeatedTitleIsTheSameObject() {
        assertThat(decode(padded("WORKLIST", (byte) ' '))).isSameAs(decode(padded("WORKLIST", (byte) 0)));
    }

    @Test
    void titlesSharingCacheSlotsStayDistinct() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3000; i++) {
                assertThat(decode(padded("SCU" + i, (byte) ' ')).value()).isEqualTo("SCU" + i);
            }
        }
    }

    @Test
    void escapedTitleAfterPlainOneKeepsItsFlag() {
        decode(padded("CT1", (byte) ' '));
        AeTitle escaped = decode(padded("CT1\u00e9", (byte) ' '));
        assertThat(escaped.value()).isEqualTo("CT1\\xE9");
        assertThat(escaped.nonText()).isTrue();
    }
}
