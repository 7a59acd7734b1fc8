#!/usr/bin/python3
"""Write the synthetic objects of identity.pcap: one CT per transfer syntax.

Every patient, study and operator value is a unique sentinel that starts
with DWSENT, so a test can prove that none of them leaves dicomwatch. The
Study Instance UIDs are sentinels too (they end in 8675309). The equipment
attributes name "DWID TEST" and, in the station name and model, the
transfer syntax the object is meant for, so a test can tell which
association carried which data set. Before the equipment attributes, each
object has an undefined-length Procedure Code Sequence, so a reader must
walk its items to reach them.

Usage: make_identity_objects.py OUTPUT_DIR
Writes id-<name>.dcm in explicit VR little endian for each name in NAMES;
identity.sh converts each to its transfer syntax with dcmtk.
"""

import sys
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

UID_ROOT = "2.25.31415926535897932384626433832795.9"
NAMES = ["implicit", "explicit", "big", "deflated", "rle", "jpeg"]
ROWS = 64
COLUMNS = 64


def sentinel(kind: str, index: int) -> str:
    return f"DWSENT{kind}{index:02d}"


def build(name: str, index: int) -> Dataset:
    study_uid = f"{UID_ROOT}.{index % 2 + 1}.8675309"
    instance_uid = f"{UID_ROOT}.{index % 2 + 1}.1.{index + 1}"

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = instance_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = UID_ROOT + ".0.1"
    meta.ImplementationVersionName = "DWID_OBJ_1"

    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.preamble = b"\0" * 128

    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = instance_uid
    ds.StudyDate = "20240102"
    ds.StudyTime = "101500"
    ds.AccessionNumber = sentinel("ACC", index)
    ds.Modality = "CT"
    ds.Manufacturer = "DWID TEST"
    ds.InstitutionName = "DWID HOSPITAL"
    ds.InstitutionAddress = sentinel("ADDR", index)
    ds.ReferringPhysicianName = sentinel("REF", index) + "^DOCTOR"
    ds.StationName = f"DWID-{name.upper()}"
    ds.StudyDescription = sentinel("DESC", index)
    code = Dataset()
    code.CodeValue = sentinel("CODE", index)
    code.CodingSchemeDesignator = "99DWID"
    code.CodeMeaning = sentinel("MEANING", index)
    ds.ProcedureCodeSequence = Sequence([code])
    ds.ProcedureCodeSequence.is_undefined_length = True
    ds.ProcedureCodeSequence[0].is_undefined_length_sequence_item = True
    ds.InstitutionalDepartmentName = "DWID RADIOLOGY"
    ds.OperatorsName = sentinel("OPER", index) + "^TECH"
    ds.ManufacturerModelName = f"DWID MODEL {name.upper()}"
    ds.PatientName = sentinel("NAME", index) + "^PATIENT"
    ds.PatientID = sentinel("PID", index)
    ds.PatientBirthDate = "19010203"
    ds.PatientSex = "O"
    ds.OtherPatientIDs = sentinel("OTHERPID", index)
    ds.DeviceSerialNumber = f"DWIDSN-{index:02d}"
    ds.SoftwareVersions = ["dwid 1.0", "dwid-recon 2"]
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = f"{UID_ROOT}.{index % 2 + 1}.{index + 1}.2"
    ds.StudyID = sentinel("SID", index)
    ds.SeriesNumber = 1
    ds.InstanceNumber = index + 1
    ds.ImagePositionPatient = [0, 0, index * 5]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.FrameOfReferenceUID = f"{UID_ROOT}.{index % 2 + 1}.{index + 1}.3"
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
    pixels = bytearray()
    for row in range(ROWS):
        for column in range(COLUMNS):
            pixels += ((row * 32 + column * 8 + index * 256) % 4096).to_bytes(2, "little")
    ds.PixelData = bytes(pixels)
    return ds


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_identity_objects.py OUTPUT_DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(NAMES):
        build(name, index).save_as(out / f"id-{name}.dcm", write_like_original=False)


if __name__ == "__main__":
    main()
