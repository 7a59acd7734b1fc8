#!/usr/bin/python3
"""Write the synthetic DICOM objects that generate.sh sends.

Every value is fake: patient names start with DWTEST, and the
equipment attributes name "DICOMWATCH TEST". UIDs sit under
2.25.31415926535897932384626433832795, a made-up integer under the
UUID-derived arc 2.25, with fixed suffixes, so every run writes the same
UIDs. The pixel data is a gradient, which keeps each file small.

Usage: make_objects.py OUTPUT_DIR
Writes ct.dcm, mr.dcm and sc.dcm in explicit VR little endian. storescu
converts each data set to the transfer syntax that its association
accepted (see storescu-samples.cfg).
"""

import sys
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

UID_ROOT = "2.25.31415926535897932384626433832795"
IMPLEMENTATION_CLASS_UID = UID_ROOT + ".0.1"
ROWS = 128
COLUMNS = 128

OBJECTS = [
    {
        "file": "ct.dcm",
        "sop_class": "1.2.840.10008.5.1.4.1.1.2",  # CT Image Storage
        "modality": "CT",
        "patient_name": "DWTEST^PATIENT1",
        "patient_id": "DW0001",
        "study": 1,
        "station": "DW-CT-01",
        "model": "Synthetic CT",
        "description": "DICOMWATCH TEST CT",
    },
    {
        "file": "mr.dcm",
        "sop_class": "1.2.840.10008.5.1.4.1.1.4",  # MR Image Storage
        "modality": "MR",
        "patient_name": "DWTEST^PATIENT1",
        "patient_id": "DW0001",
        "study": 2,
        "station": "DW-MR-01",
        "model": "Synthetic MR",
        "description": "DICOMWATCH TEST MR",
    },
    {
        "file": "sc.dcm",
        # Secondary Capture Image Storage
        "sop_class": "1.2.840.10008.5.1.4.1.1.7",
        "modality": "OT",
        "patient_name": "DWTEST^PATIENT2",
        "patient_id": "DW0002",
        "study": 3,
        "station": "DW-WS-01",
        "model": "Synthetic SC",
        "description": "DICOMWATCH TEST SC",
    },
]


def gradient_pixels(seed: int) -> bytes:
    """Return ROWS x COLUMNS unsigned 16-bit little endian samples."""
    values = bytearray()
    for row in range(ROWS):
        for column in range(COLUMNS):
            sample = (row * 16 + column * 4 + seed * 512) % 4096
            values += sample.to_bytes(2, "little")
    return bytes(values)


def build(spec: dict, index: int) -> Dataset:
    study_uid = f"{UID_ROOT}.1.{spec['study']}"
    series_uid = f"{study_uid}.1"
    instance_uid = f"{series_uid}.1"

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = spec["sop_class"]
    meta.MediaStorageSOPInstanceUID = instance_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
    meta.ImplementationVersionName = "DWTEST_OBJ_1"

    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.preamble = b"\0" * 128

    ds.SpecificCharacterSet = "ISO_IR 100"
    if spec["modality"] == "OT":
        ds.ImageType = ["DERIVED", "SECONDARY"]
    else:
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = spec["sop_class"]
    ds.SOPInstanceUID = instance_uid
    ds.StudyDate = "20240102"
    ds.StudyTime = f"{9 + index:02d}0000"
    ds.AccessionNumber = f"DWACC{spec['study']:04d}"
    ds.Modality = spec["modality"]
    ds.Manufacturer = "DICOMWATCH TEST"
    ds.InstitutionName = "DICOMWATCH TEST HOSPITAL"
    ds.ReferringPhysicianName = "DWTEST^REFERRER"
    ds.StationName = spec["station"]
    ds.StudyDescription = spec["description"]
    ds.ManufacturerModelName = spec["model"]
    ds.PatientName = spec["patient_name"]
    ds.PatientID = spec["patient_id"]
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    ds.DeviceSerialNumber = f"DWTEST-{index:04d}"
    ds.SoftwareVersions = "dicomwatch-samples 1"
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.StudyID = str(spec["study"])
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    if spec["modality"] == "OT":
        ds.ConversionType = "WSD"  # workstation, required for SC
    else:
        ds.ImagePositionPatient = [0, 0, index * 5]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.FrameOfReferenceUID = f"{study_uid}.2"
        ds.PixelSpacing = [1, 1]
        ds.SliceThickness = 5
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ROWS
    ds.Columns = COLUMNS
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelData = gradient_pixels(index)
    return ds


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: make_objects.py OUTPUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    for index, spec in enumerate(OBJECTS):
        build(spec, index).save_as(out_dir / spec["file"], write_like_original=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
