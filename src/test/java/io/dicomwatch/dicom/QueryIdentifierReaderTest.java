package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.ascii;
import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryIdentifierReaderTest {
    /** An implicit VR little endian element. */
    private static byte[] element(int group, int element, byte[] value) {
        return concat(bytes(group, group >>> 8, element, element >>> 8), bytes(value.length, value.length >>> 8, 0, 0),
                value);
    }

    private static List<QueryShape> read(byte[] identifier) {
        QueryShapeSource.Reader reader = QueryIdentifierReader.SOURCE.open(QueryIdentifierReader.IMPLICIT_VR_LITTLE_ENDIAN);
        reader.feed(identifier, 0, identifier.length);
        return reader.finish();
    }

    @Test
    void emptyKeysAreNotConstraining() {
        List<QueryShape> keys = read(concat(element(0x0008, 0x0052, ascii("STUDY ")), element(0x0010, 0x0010,
                new byte[0]), element(0x0010, 0x0020, ascii("* "))));
        assertThat(keys).hasSize(3);
        assertThat(keys.get(1).empty()).isTrue();
        assertThat(keys.get(2).wildcardOnly()).isTrue();
        assertThat(keys.get(0).constrains()).isTrue();
    }

    @Test
    void valueKeyConstrains() {
        List<QueryShape> keys = read(element(0x0010, 0x0020, ascii("DW0001")));
        assertThat(keys.get(0).constrains()).isTrue();
    }

    @Test
    void undefinedLengthSequenceIsRead() {
        byte[] item = concat(bytes(0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF),
                element(0x0040, 0x0002, ascii("20240102")), bytes(0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0));
        byte[] sequence = concat(bytes(0x40, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF), item,
                bytes(0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0));
        List<QueryShape> keys = read(sequence);
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).constrains()).isTrue();
    }

    @Test
    void overrunGivesNoKeys() {
        byte[] broken = concat(bytes(0x10, 0x00, 0x10, 0x00, 0x40, 0x00, 0x00, 0x00), ascii("AB"));
        assertThat(read(broken)).isEmpty();
    }

    @Test
    void deflatedIsNotRead() {
        assertThat(QueryIdentifierReader.SOURCE.open("1.2.840.10008.1.2.1.99")).isNull();
    }

    @Test
    void encapsulatedSyntaxReadAsExplicitLittle() {
        // Patient ID (0010,0020) LO "DW0001": tag, VR, 16-bit length, value.
        byte[] identifier = concat(bytes(0x10, 0x00, 0x20, 0x00), ascii("LO"), bytes(6, 0), ascii("DW0001"));
        QueryShapeSource.Reader reader = QueryIdentifierReader.SOURCE.open("1.2.840.10008.1.2.4.70");
        assertThat(reader).isNotNull();
        reader.feed(identifier, 0, identifier.length);
        List<QueryShape> keys = reader.finish();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).constrains()).isTrue();
    }

    @Test
    void privateSyntaxIsNotRead() {
        assertThat(QueryIdentifierReader.SOURCE.open("1.2.826.0.1.3680043.2.1")).isNull();
        assertThat(QueryIdentifierReader.SOURCE.open(null)).isNull();
    }
}
