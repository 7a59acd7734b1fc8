package io.dicomwatch.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssociateRqPduTest {
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";

    private static AssociateRqPdu request(PresentationContextRq... contexts) {
        return new AssociateRqPdu(1, new AeTitle("PACS", false), new AeTitle("SCU", false), "1.2.840.10008.3.1.1.1",
                List.of(contexts), UserInformation.ABSENT, 0);
    }

    @Test
    void abstractSyntaxIsFoundByContextId() {
        AssociateRqPdu request = request(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of(IMPLICIT_LE)),
                new PresentationContextRq(3, "1.2.840.10008.5.1.4.1.1.2", List.of(IMPLICIT_LE)));
        assertThat(request.abstractSyntaxOf(3)).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(request.abstractSyntaxOf(5)).isNull();
    }

    @Test
    void firstContextWinsWhenAnIdRepeats() {
        AssociateRqPdu request = request(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of(IMPLICIT_LE)),
                new PresentationContextRq(1, "1.2.840.10008.5.1.4.1.1.2", List.of(IMPLICIT_LE)));
        assertThat(request.abstractSyntaxOf(1)).isEqualTo("1.2.840.10008.1.1");
    }
}
