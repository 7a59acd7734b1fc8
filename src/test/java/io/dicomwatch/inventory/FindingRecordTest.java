package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FindingRecordTest {

    @Test
    void laterExamplesAreNotBuilt() {
        FindingRecord record = new FindingRecord("0123456789abcdef", "accepts-any-calling-ae",
                IpAddress.parse("192.0.2.2"), null, 104);
        AtomicInteger built = new AtomicInteger();
        record.offerExample(() -> "first " + built.incrementAndGet());
        record.offerExample(() -> "second " + built.incrementAndGet());
        record.offerExample("third");
        assertThat(record.example()).isEqualTo("first 1");
        assertThat(built).hasValue(1);
    }
}
