package io.dicomwatch.dicom;

import static io.dicomwatch.dicom.PduBuilder.CT_IMAGE_STORAGE;
import static io.dicomwatch.dicom.PduBuilder.VERIFICATION;
import static io.dicomwatch.dicom.PduBuilder.bytes;
import static io.dicomwatch.dicom.PduBuilder.commandSet;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.le16;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandSetParserTest {
    private static final String INSTANCE = "1.2.3.4.5.6.7";

    private static DimseCommand parse(byte[] set) {
        return CommandSetParser.parse(set, 0, set.length);
    }

    @Test
    void echoRequest() {
        DimseCommand command = parse(PduBuilder.echoRq(7));
        assertThat(command.commandField()).isEqualTo(CommandField.C_ECHO_RQ);
        assertThat(command.affectedSopClassUid()).isEqualTo(VERIFICATION);
        assertThat(command.messageId()).isEqualTo(7);
        assertThat(command.hasDataSet()).isFalse();
        assertThat(command.isResponse()).isFalse();
    }

    @Test
    void storeRequest() {
        DimseCommand command = parse(PduBuilder.storeRq(1, INSTANCE));
        assertThat(command.commandField()).isEqualTo(CommandField.C_STORE_RQ);
        assertThat(command.sopClassUid()).isEqualTo(CT_IMAGE_STORAGE);
        assertThat(command.affectedSopInstanceUid()).isEqualTo(INSTANCE);
        assertThat(command.priority()).isZero();
        assertThat(command.hasDataSet()).isTrue();
    }

    @Test
    void storeResponse() {
        DimseCommand command = parse(PduBuilder.storeRsp(1, 0xB000, INSTANCE));
        assertThat(command.isResponse()).isTrue();
        assertThat(command.messageIdBeingRespondedTo()).isEqualTo(1);
        assertThat(command.status()).isEqualTo(0xB000);
    }

    @Test
    void moveRequestDestination() {
        byte[] set = commandSet().uid(0x0002, "1.2.840.10008.5.1.4.1.2.2.2").us(0x0100, 0x0021).us(0x0110, 3)
                .text(0x0600, "ARCHIVE ").us(0x0700, 0x0002).us(0x0800, 0x0000).bytes();
        DimseCommand command = parse(set);
        assertThat(command.moveDestination().value()).isEqualTo("ARCHIVE");
        assertThat(command.priority()).isEqualTo(2);
    }

    @Test
    void moveResponseSubOperations() {
        byte[] set = commandSet().us(0x0100, 0x8021).us(0x0120, 3).us(0x0800, 0x0101).us(0x0900, 0xFF00)
                .us(0x1020, 10).us(0x1021, 5).us(0x1022, 1).us(0x1023, 2).bytes();
        DimseCommand command = parse(set);
        assertThat(command.remainingSubOperations()).isEqualTo(10);
        assertThat(command.completedSubOperations()).isEqualTo(5);
        assertThat(command.failedSubOperations()).isEqualTo(1);
        assertThat(command.warningSubOperations()).isEqualTo(2);
        assertThat(StatusCategory.of(command.status())).isEqualTo(StatusCategory.PENDING);
    }

    @Test
    void actionAndEventTypes() {
        byte[] action = commandSet().uid(0x0003, "1.2.840.10008.1.20.1").us(0x0100, 0x0130).us(0x0110, 9)
                .us(0x0800, 0x0000).uid(0x1001, "1.2.840.10008.1.20.1.1").us(0x1008, 1).bytes();
        byte[] event = commandSet().uid(0x0002, "1.2.840.10008.1.20.1").us(0x0100, 0x0100).us(0x0110, 4)
                .us(0x0800, 0x0000).us(0x1002, 2).bytes();
        assertThat(parse(action).requestedSopClassUid()).isEqualTo("1.2.840.10008.1.20.1");
        assertThat(parse(action).actionTypeId()).isEqualTo(1);
        assertThat(parse(event).eventTypeId()).isEqualTo(2);
    }

    @Test
    void errorCommentNeverRead() {
        String secret = "PATIENT^SECRET^SENTINEL";
        byte[] set = commandSet().us(0x0100, 0x8001).us(0x0120, 1).us(0x0800, 0x0101).us(0x0900, 0xA700)
                .text(0x0902, secret).bytes();
        DimseCommand command = parse(set);
        assertThat(command.status()).isEqualTo(0xA700);
        assertThat(command.toString()).doesNotContain(secret);
    }

    @Test
    void groupLengthNotRequired() {
        byte[] set = commandSet().us(0x0100, 0x0030).us(0x0110, 1).withoutGroupLength().bytes();
        assertThat(parse(set).commandField()).isEqualTo(CommandField.C_ECHO_RQ);
    }

    @Test
    void groupLengthWrongSizeRejected() {
        byte[] set = commandSet().element(0x0000, bytes(1, 0)).us(0x0100, 0x0030).withoutGroupLength().bytes();
        assertThat(parse(set)).isNull();
    }

    @Test
    void outOfOrderTolerated() {
        byte[] set = commandSet().us(0x0110, 5).us(0x0100, 0x0030).bytes();
        assertThat(parse(set).messageId()).isEqualTo(5);
    }

    @Test
    void repeatedTagFirstWins() {
        byte[] set = commandSet().us(0x0100, 0x0030).us(0x0100, 0x0001).bytes();
        assertThat(parse(set).commandField()).isEqualTo(CommandField.C_ECHO_RQ);
    }

    @Test
    void missingCommandFieldRejected() {
        assertThat(parse(commandSet().us(0x0110, 1).bytes())).isNull();
    }

    @Test
    void emptySetRejected() {
        assertThat(parse(new byte[0])).isNull();
    }

    @Test
    void wrongUnsignedShortSizeRejected() {
        assertThat(parse(commandSet().element(0x0100, bytes(0x30, 0, 0, 0)).bytes())).isNull();
    }

    @Test
    void lengthOverrunningSetRejected() {
        byte[] set = commandSet().us(0x0100, 0x0030).elementWithLength(0x0002, 100, bytes('1', 0)).bytes();
        assertThat(parse(set)).isNull();
    }

    @Test
    void undefinedLengthRejected() {
        byte[] set = commandSet().us(0x0100, 0x0030).elementWithLength(0x0902, 0xFFFFFFFFL, new byte[0]).bytes();
        assertThat(parse(set)).isNull();
    }

    @Test
    void lengthNearTwoToThe32Rejected() {
        byte[] set = commandSet().us(0x0100, 0x0030).elementWithLength(0x0902, 0xFFFFFFF0L, new byte[8]).bytes();
        assertThat(parse(set)).isNull();
    }

    @Test
    void otherGroupRejected() {
        byte[] set = commandSet().us(0x0100, 0x0030).foreignElement(0x0008, 0x0016, PduBuilder.uid(VERIFICATION))
                .bytes();
        assertThat(parse(set)).isNull();
    }

    @Test
    void truncatedElementHeaderRejected() {
        byte[] set = concat(commandSet().us(0x0100, 0x0030).bytes(), le16(0x0000), le16(0x0110));
        assertThat(parse(set)).isNull();
    }
}
