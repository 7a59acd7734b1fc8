package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void dcm4che2VersionFromName() {
        // The dcm4che2 dcmecho request decoded in the tests of jeremyhuiskamp/dcm carries these values.
        assertThat(BUNDLED.match("1.2.40.0.13.1.1", "dcm4che-2.0").version()).isEqualTo("2.0");
    }

    @Test
    void pynetdicom3VersionFromUid() {
        Fingerprints.Match match = BUNDLED.match("1.2.826.0.1.3680043.9.3811.0.9.1", "PYNETDICOM3_091");
        assertThat(match.product()).isEqualTo("pynetdicom");
        assertThat(match.version()).isEqualTo("0.9.1");
    }

    @Test
    void pynetdicomNameWithoutUid() {
        Fingerprints.Match match = BUNDLED.match(null, "PYNETDICOM_090");
        assertThat(match.product()).isEqualTo("pynetdicom");
        assertThat(match.version()).isEqualTo("0.9.0");
    }

    @Test
    void pynetdicomFourDigitNameHasNoVersion() {
        // "PYNETDICOM_1510" could be 1.5.10 or 15.1.0, so only the UID row reads such a version.
        Fingerprints.Match match = BUNDLED.match(null, "PYNETDICOM_1510");
        assertThat(match.product()).isEqualTo("pynetdicom");
        assertThat(match.version()).isNull();
    }

    @Test
    void dicomRsVersionFromName() {
        // DICOM-rs changes its 2.25 class UID between releases, so only the name identifies it.
        Fingerprints.Match match = BUNDLED.match("2.25.156227610253341005307660858504280353500", "DICOM-rs 0.8.0");
        assertThat(match.product()).isEqualTo("DICOM-rs");
        assertThat(match.version()).isEqualTo("0.8.0");
    }

    @Test
    void conquestVersionFromName() {
        Fingerprints.Match match = BUNDLED.match("1.2.826.0.1.3680043.2.135.1066.101", "1.4.16/WIN32");
        assertThat(match.product()).isEqualTo("Conquest");
        assertThat(match.version()).isEqualTo("1.4.16");
    }

    @Test
    void conquestInstanceUidIsNoMatch() {
        // Conquest also generates instance UIDs under 1.2.826.0.1.3680043.2.135, which must not match.
        assertThat(BUNDLED.match("1.2.826.0.1.3680043.2.135.736310.50024482", null)).isNull();
    }

    @Test
    void dvtkVersionFromName() {
        Fingerprints.Match match = BUNDLED.match("1.2.826.0.1.3680043.2.1545.1", "DVT2.6");
        assertThat(match.product()).isEqualTo("DVTk");
        assertThat(match.version()).isEqualTo("2.6");
    }

    @Test
    void odilVersionFromName() {
        // Odil 0.12.2 (Debian python3-odil) announces these values in samples-pcap/odil.pcap.
        Fingerprints.Match match = BUNDLED.match("1.2.826.0.1.3680043.9.55600.0", "Odil 0");
        assertThat(match.product()).isEqualTo("Odil");
        assertThat(match.version()).isEqualTo("0");
    }

    @Test
    void odilInstanceUidRootIsNoClassUid() {
        // Odil generates instance UIDs under its prefix 1.2.826.0.1.3680043.9.5560, but its class
        // UID is the prefix followed by "0.MAJOR" with no dot between, so it lies outside that arc.
        assertThat(BUNDLED.match("1.2.826.0.1.3680043.9.5560.123", null)).isNull();
    }

    @Test
    void ctnVersionFromName() {
        Fingerprints.Match match = BUNDLED.match("1.2.840.113654.2.3.1995.3.0.6", "MIRCTN11MAR2003");
        assertThat(match.product()).isEqualTo("CTN");
        assertThat(match.vendor()).isEqualTo("Mallinckrodt Institute of Radiology");
        assertThat(match.version()).isEqualTo("11MAR2003");
    }

    @Test
    void ncrackNamePrecedesDvtkUid() {
        // Older Ncrack DICOM modules announce DVTk's class UID.
        assertThat(BUNDLED.match("1.2.826.0.1.3680043.2.1545.1", "Ncrack").product()).isEqualTo("Ncrack");
    }

    @Test
    void ncrackNamePrecedesSiemensRoot() {
        // Later Ncrack DICOM modules announce a class UID under the Siemens root.
        Fingerprints.Match match = BUNDLED.match("1.3.12.2.1107.5.9.20000101", "Ncrack - https://nmap.org/ncrack");
        assertThat(match.kind()).isEqualTo("toolkit");
        assertThat(match.product()).isEqualTo("Ncrack");
    }

    @Test
    void siemensRootWithOtherName() {
        Fingerprints.Match match = BUNDLED.match("1.3.12.2.1107.5.9.20000101", "SOMETHING");
        assertThat(match.kind()).isEqualTo("vendor");
        assertThat(match.vendor()).isEqualTo("Siemens Healthineers");
    }

    @ParameterizedTest
    @CsvSource({
            "1.2.826.0.1.3680043.10.854, DCMJS-DIMSE-V0.1, dcmjs-dimse",
            "1.3.6.1.4.1.41293.8, DCMJS-DIMSE-V0.1, dcmjs-dimse",
            "1.3.6.1.4.1.25403.1.1.1, Dicom 0.1, ClearCanvas",
            "1.3.6.1.4.1.30071.6, Dicom 0.9, mDCM",
            "1.3.6.1.4.1.5962.99.2, PIXELMEDJAVA001, PixelMed",
            "1.2.840.114257.1123456, LTPACSF V19, LEADTOOLS",
    })
    void toolkitWithoutVersion(String uid, String name, String product) {
        Fingerprints.Match match = BUNDLED.match(uid, name);
        assertThat(match.kind()).isEqualTo("toolkit");
        assertThat(match.product()).isEqualTo(product);
        assertThat(match.version()).isNull();
    }

    // The UIDs are the ones that name each vendor in the sources of docs/fingerprints.md, mostly
    // private SOP classes and transfer syntaxes, here read as class UIDs under the vendor's root.
    @ParameterizedTest
    @CsvSource({
            "2.16.840.1.113709.1.5.1, GE Healthcare",
            "1.2.840.113543.6.6.1.3.10002, Philips",
            "1.2.124.113532.3320, Agfa",
            "1.3.51.0.42.1.1, Agfa",
            "1.2.392.200036.9116.7.8.1.1.1, Canon Medical Systems (formerly Toshiba)",
            "1.2.752.24.3.7.6, Sectra",
            "1.2.276.0.48.5.1.4.1.1.7, TomTec",
            "2.16.840.1.114033.5.1.4.1.1.130, PMOD",
    })
    void vendorRoot(String uid, String vendor) {
        Fingerprints.Match match = BUNDLED.match(uid, null);
        assertThat(match.kind()).isEqualTo("vendor");
        assertThat(match.vendor()).isEqualTo(vendor);
        assertThat(match.product()).isNull();
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
