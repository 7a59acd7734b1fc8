package io.dicomwatch.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds data set bytes element by element for {@link DataSetReaderTest}, in one of the three
 * encodings of PS3.5 section 7.1. Each method appends one header or element; the builder never
 * pads, so tests can write odd lengths on purpose.
 */
final class DataSetBytes {
    static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;
    private final boolean bigEndian;

    private DataSetBytes(boolean explicit, boolean bigEndian) {
        this.explicit = explicit;
        this.bigEndian = bigEndian;
    }

    static DataSetBytes implicitLittle() {
        return new DataSetBytes(false, false);
    }

    static DataSetBytes explicitLittle() {
        return new DataSetBytes(true, false);
    }

    static DataSetBytes explicitBig() {
        return new DataSetBytes(true, true);
    }

    /** Appends a text element, value as given (no padding added). */
    DataSetBytes text(int tag, String vr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return element(tag, vr, bytes.length, bytes);
    }

    /** Appends an element header with {@code length} and then {@code value}, which may differ in size. */
    DataSetBytes element(int tag, String vr, long length, byte[] value) {
        header(tag, vr, length);
        out.writeBytes(value);
        return this;
    }

    /** Appends an element header only: tag, then VR and length as the encoding says. */
    DataSetBytes header(int tag, String vr, long length) {
        tag(tag);
        if (!explicit) {
            uint32(length);
            return this;
        }
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        if ("OB OD OF OL OV OW SQ SV UC UN UR UT UV".contains(vr)) {
            uint16(0);
            uint32(length);
        } else {
            uint16((int) length);
        }
        return this;
    }

    /** Appends an item, item delimitation or sequence delimitation header: tag and 32-bit length. */
    DataSetBytes item(int tag, long length) {
        tag(tag);
        uint32(length);
        return this;
    }

    DataSetBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void tag(int tag) {
        uint16(tag >>> 16);
        uint16(tag & 0xFFFF);
    }

    private void uint16(int value) {
        if (bigEndian) {
            out.write(value >>> 8);
            out.write(value);
        } else {
            out.write(value);
            out.write(value >>> 8);
        }
    }

    private void uint32(long value) {
        if (bigEndian) {
            uint16((int) (value >>> 16));
            uint16((int) value);
        } else {
            uint16((int) value);
            uint16((int) (value >>> 16));
        }
    }
}
