package io.dicomwatch.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataSetReaderTest {
    private static final int PATIENT_NAME = 0x00100010;
    private static final int PATIENT_ID = 0x00100020;
    private static final int REFERENCED_STUDY_SEQUENCE = 0x00081110;
    private static final int PROCEDURE_CODE_SEQUENCE = 0x00081032;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final long LIMIT = 64 * 1024;

    /** Records what the reader reports; values are decoded here only to compare them. */
    private static final class Recorder implements DataSetReader.Sink {
        final Map<Integer, String> values = new LinkedHashMap<>();

        @Override
        public void onValue(int tag, byte[] value, int offset, int length) {
            values.put(tag, new String(value, offset, length, StandardCharsets.ISO_8859_1));
        }
    }

    private static Recorder read(DataSetEncoding encoding, byte[] bytes) {
        Recorder recorder = new Recorder();
        DataSetReader reader = new DataSetReader(recorder, 1024);
        reader.start(encoding, LIMIT);
        reader.feed(bytes, 0, bytes.length);
        reader.finish();
        return recorder;
    }

    private static DataSetReader.Outcome outcome(DataSetEncoding encoding, byte[] bytes) {
        DataSetReader reader = new DataSetReader(new Recorder(), 1024);
        reader.start(encoding, LIMIT);
        reader.feed(bytes, 0, bytes.length);
        reader.finish();
        return reader.outcome();
    }

    /** A typical header: character set, modality, manufacturer, patient name, station, study UID, series UID. */
    private static DataSetBytes typical(DataSetBytes bytes) {
        return bytes
                .text(TagPolicy.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .text(TagPolicy.MODALITY, "CS", "CT")
                .text(TagPolicy.MANUFACTURER, "LO", "ACME ")
                .text(TagPolicy.STATION_NAME, "SH", "CT01")
                .text(PATIENT_NAME, "PN", "SENTINEL^NAME")
                .text(TagPolicy.STUDY_INSTANCE_UID, "UI", "1.2.3.4\0")
                .text(SERIES_INSTANCE_UID, "UI", "1.2.3.4.5\0");
    }

    @Test
    void explicitLittleReadsAllowedTags() {
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, typical(DataSetBytes.explicitLittle()).bytes());
        assertThat(recorder.values).containsEntry(TagPolicy.MODALITY, "CT");
        assertThat(recorder.values).containsEntry(TagPolicy.MANUFACTURER, "ACME ");
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "CT01");
        assertThat(recorder.values).containsEntry(TagPolicy.STUDY_INSTANCE_UID, "1.2.3.4\0");
    }

    @Test
    void patientTagsAreNeverReported() {
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, typical(DataSetBytes.explicitLittle()).bytes());
        assertThat(recorder.values).doesNotContainKey(PATIENT_NAME);
        assertThat(recorder.values.values()).noneMatch(value -> value.contains("SENTINEL"));
    }

    @Test
    void implicitLittleReadsAllowedTags() {
        Recorder recorder = read(DataSetEncoding.IMPLICIT_LITTLE, typical(DataSetBytes.implicitLittle()).bytes());
        assertThat(recorder.values).containsEntry(TagPolicy.MODALITY, "CT");
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "CT01");
    }

    @Test
    void explicitBigReadsAllowedTags() {
        Recorder recorder = read(DataSetEncoding.EXPLICIT_BIG, typical(DataSetBytes.explicitBig()).bytes());
        assertThat(recorder.values).containsEntry(TagPolicy.MODALITY, "CT");
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "CT01");
    }

    @Test
    void stopsAfterLastAllowedTag() {
        byte[] bytes = typical(DataSetBytes.explicitLittle()).bytes();
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.COMPLETE);
    }

    @Test
    void endWithoutLaterTagIsEnded() {
        byte[] bytes = DataSetBytes.explicitLittle().text(TagPolicy.MODALITY, "CS", "MR").bytes();
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.ENDED);
    }

    @Test
    void byteByByteFeedGivesSameValues() {
        byte[] bytes = typical(DataSetBytes.explicitBig()).bytes();
        Recorder recorder = new Recorder();
        DataSetReader reader = new DataSetReader(recorder, 1024);
        reader.start(DataSetEncoding.EXPLICIT_BIG, LIMIT);
        for (int i = 0; i < bytes.length; i++) {
            reader.feed(bytes, i, 1);
        }
        assertThat(recorder.values).isEqualTo(read(DataSetEncoding.EXPLICIT_BIG, bytes).values);
    }

    @Test
    void undefinedLengthSequenceBeforeWantedTagsIsSkipped() {
        byte[] bytes = DataSetBytes.explicitLittle()
                .text(TagPolicy.MODALITY, "CS", "US")
                // (0008,1032) SQ, undefined length, with one undefined-length item holding a
                // nested undefined-length sequence whose item has a defined length.
                .header(PROCEDURE_CODE_SEQUENCE, "SQ", DataSetBytes.UNDEFINED)
                .item(ITEM, DataSetBytes.UNDEFINED)
                .text(0x00080100, "SH", "CODE")
                .header(0x00080104, "LO", 4).raw("TEXT".getBytes(StandardCharsets.US_ASCII))
                .header(REFERENCED_STUDY_SEQUENCE, "SQ", DataSetBytes.UNDEFINED)
                .item(ITEM, 10)
                .text(PATIENT_ID, "LO", "XY")
                .item(SEQUENCE_END, 0)
                .item(ITEM_END, 0)
                .item(SEQUENCE_END, 0)
                .text(TagPolicy.STATION_NAME, "SH", "US01")
                .bytes();
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, bytes);
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "US01");
        assertThat(recorder.values).containsOnlyKeys(TagPolicy.MODALITY, TagPolicy.STATION_NAME);
    }

    @Test
    void wantedTagInsideSequenceIsNotTaken() {
        byte[] bytes = DataSetBytes.implicitLittle()
                // (0008,1110) implicit VR, undefined length; its item has a Manufacturer that
                // belongs to a referenced object, not to the sender.
                .header(REFERENCED_STUDY_SEQUENCE, null, DataSetBytes.UNDEFINED)
                .item(ITEM, DataSetBytes.UNDEFINED)
                .text(TagPolicy.MANUFACTURER, null, "OTHER ")
                .item(ITEM_END, 0)
                .item(SEQUENCE_END, 0)
                .text(TagPolicy.STATION_NAME, null, "ST01")
                .bytes();
        Recorder recorder = read(DataSetEncoding.IMPLICIT_LITTLE, bytes);
        assertThat(recorder.values).doesNotContainKey(TagPolicy.MANUFACTURER);
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "ST01");
    }

    @Test
    void definedLengthSequenceIsSkippedWhole() {
        byte[] item = DataSetBytes.explicitLittle().text(TagPolicy.MANUFACTURER, "LO", "OTHER ").bytes();
        byte[] bytes = DataSetBytes.explicitLittle()
                // SQ of length 8 + item: one item header (8 bytes) and the item's element.
                .header(REFERENCED_STUDY_SEQUENCE, "SQ", 8 + item.length)
                .item(ITEM, item.length)
                .raw(item)
                .text(TagPolicy.STATION_NAME, "SH", "ST02")
                .bytes();
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, bytes);
        assertThat(recorder.values).containsOnlyKeys(TagPolicy.STATION_NAME);
    }

    @Test
    void undefinedLengthUnIsWalkedAsImplicit() {
        byte[] bytes = DataSetBytes.explicitLittle()
                // A private UN of undefined length (PS3.5 6.2.2): its items are implicit VR.
                .header(0x00091010, "UN", DataSetBytes.UNDEFINED)
                .item(ITEM, DataSetBytes.UNDEFINED)
                .raw(DataSetBytes.implicitLittle().text(0x00091011, null, "AB").bytes())
                .item(ITEM_END, 0)
                .item(SEQUENCE_END, 0)
                .text(TagPolicy.DEVICE_SERIAL_NUMBER, "LO", "SN42")
                .bytes();
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, bytes);
        assertThat(recorder.values).containsEntry(TagPolicy.DEVICE_SERIAL_NUMBER, "SN42");
    }

    @Test
    void oddLengthValueIsReadAsSent() {
        byte[] bytes = DataSetBytes.explicitLittle()
                .text(TagPolicy.STATION_NAME, "SH", "ODD")
                .text(TagPolicy.SOFTWARE_VERSIONS, "LO", "V1")
                .bytes();
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, bytes);
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "ODD");
        assertThat(recorder.values).containsEntry(TagPolicy.SOFTWARE_VERSIONS, "V1");
    }

    @Test
    void lengthPastEndIsTruncated() {
        byte[] bytes = DataSetBytes.explicitLittle()
                .text(TagPolicy.MODALITY, "CS", "CT")
                // Manufacturer claims 200 bytes, 4 follow.
                .element(TagPolicy.MANUFACTURER, "LO", 200, "ACME".getBytes(StandardCharsets.US_ASCII))
                .bytes();
        Recorder recorder = read(DataSetEncoding.EXPLICIT_LITTLE, bytes);
        assertThat(recorder.values).containsOnlyKeys(TagPolicy.MODALITY);
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.TRUNCATED);
    }

    @Test
    void hugeLengthIsSkippedNotBuffered() {
        byte[] bytes = DataSetBytes.explicitLittle()
                // A Manufacturer of 0x7FFF_FFF0 bytes cannot be an LO: it is skipped to the prefix limit.
                .header(TagPolicy.MANUFACTURER, "UN", 0x7FFF_FFF0L)
                .raw(new byte[100])
                .bytes();
        Recorder recorder = new Recorder();
        DataSetReader reader = new DataSetReader(recorder, 1024);
        reader.start(DataSetEncoding.EXPLICIT_LITTLE, 64);
        reader.feed(bytes, 0, bytes.length);
        assertThat(reader.outcome()).isEqualTo(DataSetReader.Outcome.PREFIX_LIMIT);
        assertThat(recorder.values).isEmpty();
    }

    @Test
    void undefinedLengthOnTextIsMalformed() {
        byte[] bytes = DataSetBytes.explicitLittle()
                // LO has a 16-bit length, so 0xFFFF is simply 65535 bytes: use UT, which has a 32-bit one.
                .header(TagPolicy.MANUFACTURER, "UT", DataSetBytes.UNDEFINED)
                .bytes();
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.MALFORMED);
    }

    @Test
    void unknownVrIsMalformed() {
        byte[] bytes = DataSetBytes.explicitLittle().text(TagPolicy.MODALITY, "ZZ", "CT").bytes();
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.MALFORMED);
    }

    @Test
    void strayDelimiterIsMalformed() {
        byte[] bytes = DataSetBytes.explicitLittle().item(SEQUENCE_END, 0).bytes();
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.MALFORMED);
    }

    @Test
    void elementInsideSequenceWithoutItemIsMalformed() {
        byte[] bytes = DataSetBytes.explicitLittle()
                .header(REFERENCED_STUDY_SEQUENCE, "SQ", DataSetBytes.UNDEFINED)
                .text(TagPolicy.MODALITY, "CS", "CT")
                .bytes();
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes)).isEqualTo(DataSetReader.Outcome.MALFORMED);
    }

    @Test
    void nestingBeyondMaxDepthIsMalformed() {
        DataSetBytes bytes = DataSetBytes.explicitLittle();
        for (int i = 0; i < DataSetReader.MAX_DEPTH; i++) {
            bytes.header(REFERENCED_STUDY_SEQUENCE, "SQ", DataSetBytes.UNDEFINED).item(ITEM, DataSetBytes.UNDEFINED);
        }
        assertThat(outcome(DataSetEncoding.EXPLICIT_LITTLE, bytes.bytes()))
                .isEqualTo(DataSetReader.Outcome.MALFORMED);
    }

    @Test
    void unknownEncodingInfersExplicitLittle() {
        DataSetReader reader = new DataSetReader(new Recorder(), 1024);
        byte[] bytes = typical(DataSetBytes.explicitLittle()).bytes();
        reader.start(DataSetEncoding.UNKNOWN, LIMIT);
        reader.feed(bytes, 0, bytes.length);
        assertThat(reader.encoding()).isEqualTo(DataSetEncoding.EXPLICIT_LITTLE);
    }

    @Test
    void unknownEncodingInfersExplicitBig() {
        DataSetReader reader = new DataSetReader(new Recorder(), 1024);
        byte[] bytes = typical(DataSetBytes.explicitBig()).bytes();
        reader.start(DataSetEncoding.UNKNOWN, LIMIT);
        reader.feed(bytes, 0, bytes.length);
        assertThat(reader.encoding()).isEqualTo(DataSetEncoding.EXPLICIT_BIG);
    }

    @Test
    void unknownEncodingInfersImplicit() {
        Recorder recorder = new Recorder();
        DataSetReader reader = new DataSetReader(recorder, 1024);
        byte[] bytes = typical(DataSetBytes.implicitLittle()).bytes();
        reader.start(DataSetEncoding.UNKNOWN, LIMIT);
        reader.feed(bytes, 0, bytes.length);
        assertThat(reader.encoding()).isEqualTo(DataSetEncoding.IMPLICIT_LITTLE);
        assertThat(recorder.values).containsEntry(TagPolicy.STATION_NAME, "CT01");
    }

    @Test
    void implausibleFirstGroupIsMalformed() {
        byte[] bytes = {0x37, 0x12, 0x55, 0x01, 0x02, 0x00, 0x00, 0x00, 0x41, 0x42};
        assertThat(outcome(DataSetEncoding.UNKNOWN, bytes)).isEqualTo(DataSetReader.Outcome.MALFORMED);
    }
}
