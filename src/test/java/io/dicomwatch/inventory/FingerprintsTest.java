package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
    private static final Fingerprints BUNDLED = Fingerprints.bundled();

    @TempDir
    Path directory;

    @Test
    void dcmtkVersionFromUid() {
        assertThat(BUNDLED.match("1.2.276.0.7230010.3.0.3.6.7", "OFFIS_DCMTK_367"))
                .isEqualTo(new Fingerprints.Match("toolkit", "DCMTK", "OFFIS", "3.6.7"));
    }

    @Test
    void dcmtkNameWithoutUid() {
        assertThat(BUNDLED.match(null, "OFFIS_DCMTK_362").version()).isEqualTo("3.6.2");
    }

    @Test
    void dcm4cheVersionFromName() {
        assertThat(BUNDLED.match("1.2.40.0.13.1.3", "dcm4che-5.12.0").version()).isEqualTo("5.12.0");
    }

    @Test
    void pynetdicomVersionFromUid() {
        Fingerprints.Match match = BUNDLED.match("1.2.826.0.1.3680043.9.3811.2.0.0", "PYNETDICOM_200");
        assertThat(match.product()).isEqualTo("pynetdicom");
        assertThat(match.version()).isEqualTo("2.0.0");
    }

    @Test
    void foDicomVersionFromName() {
        assertThat(BUNDLED.match("1.3.6.1.4.1.30071.8", "fo-dicom 4.0.0").version()).isEqualTo("4.0.0");
    }

    @Test
    void gdcmVersionFromName() {
        assertThat(BUNDLED.match("1.2.826.0.1.3680043.2.1143.107.104.103.115.2.8.4", "GDCM 2.8.4").version())
                .isEqualTo("2.8.4");
    }

    @Test
    void vendorRootHasNoProduct() {
        Fingerprints.Match match = BUNDLED.match("1.2.840.113619.6.144", "AW4_2_06_02_EXT");
        assertThat(match.kind()).isEqualTo("vendor");
        assertThat(match.vendor()).isEqualTo("GE Healthcare");
        assertThat(match.product()).isNull();
    }

    @Test
    void prefixMatchesOnArcBoundary() {
        assertThat(BUNDLED.match("1.2.840.1136190", null)).isNull();
    }

    @Test
    void unknownIsNull() {
        assertThat(BUNDLED.match("2.25.1", "SOMETHING")).isNull();
    }

    @Test
    void userRowsComeFirst() throws IOException {
        Path file = directory.resolve("fingerprints.tsv");
        Files.writeString(file, "uid-prefix\t1.2.276.0.7230010.3\ttoolkit\tOrthanc\tOrthanc project\t-\n");
        Fingerprints.Match match = Fingerprints.withUserFile(file).match("1.2.276.0.7230010.3.0.3.6.7", null);
        assertThat(match.product()).isEqualTo("Orthanc");
    }

    @Test
    void badUserRowNamesLine() throws IOException {
        Path file = directory.resolve("fingerprints.tsv");
        Files.writeString(file, "# comment\nuid-prefix\t1.2\tgadget\tX\tY\t-\n");
        assertThatThrownBy(() -> Fingerprints.withUserFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("invalid kind 'gadget'");
    }
}
