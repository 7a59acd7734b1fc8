package io.dicomwatch.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UidDictionaryTest {

    @Test
    void sopClassName() {
        assertThat(UidDictionary.name("1.2.840.10008.5.1.4.1.1.2")).isEqualTo("CT Image Storage");
        assertThat(UidDictionary.keyword("1.2.840.10008.5.1.4.1.1.2")).isEqualTo("CTImageStorage");
        assertThat(UidDictionary.type("1.2.840.10008.5.1.4.1.1.2")).isEqualTo(UidDictionary.TYPE_SOP_CLASS);
    }

    @Test
    void transferSyntaxName() {
        assertThat(UidDictionary.name("1.2.840.10008.1.2")).isEqualTo("Implicit VR Little Endian");
        assertThat(UidDictionary.type("1.2.840.10008.1.2")).isEqualTo(UidDictionary.TYPE_TRANSFER_SYNTAX);
    }

    @Test
    void applicationContextName() {
        assertThat(UidDictionary.type(PduBuilder.APPLICATION_CONTEXT))
                .isEqualTo(UidDictionary.TYPE_APPLICATION_CONTEXT_NAME);
    }

    @Test
    void retiredFlag() {
        assertThat(UidDictionary.lookup("1.2.840.10008.1.2.2").retired()).isTrue();
        assertThat(UidDictionary.lookup("1.2.840.10008.1.2.1").retired()).isFalse();
    }

    @Test
    void supplementHighThroughputJpeg2000() {
        assertThat(UidDictionary.name("1.2.840.10008.1.2.4.201"))
                .isEqualTo("High-Throughput JPEG 2000 Image Compression (Lossless Only)");
        assertThat(UidDictionary.name("1.2.840.10008.1.2.4.202"))
                .isEqualTo("High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)");
        assertThat(UidDictionary.name("1.2.840.10008.1.2.4.203"))
                .isEqualTo("High-Throughput JPEG 2000 Image Compression");
        assertThat(UidDictionary.keyword("1.2.840.10008.1.2.4.204")).isEqualTo("JPIPHTJ2KReferenced");
    }

    @Test
    void unknownUidIsNull() {
        assertThat(UidDictionary.name("1.2.3.4")).isNull();
        assertThat(UidDictionary.keyword("1.2.3.4")).isNull();
        assertThat(UidDictionary.type(null)).isNull();
    }

    @Test
    void tableHasBothSources() {
        assertThat(UidDictionary.size()).isGreaterThan(480);
    }

    @Test
    void parseLineSkipsComments() {
        assertThat(UidDictionary.parseLine("# header")).isNull();
        assertThat(UidDictionary.parseLine("")).isNull();
    }

    @Test
    void parseLineRejectsShortLine() {
        assertThatThrownBy(() -> UidDictionary.parseLine("1.2\tname")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentFirstUseSeesTable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> UidDictionary.name("1.2.840.10008.1.1")));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("Verification SOP Class");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
