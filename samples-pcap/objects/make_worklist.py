#!/usr/bin/python3
"""Write the synthetic modality worklist items that generate-peers.sh serves.

Every value is fake: patient names start with DWTEST and accession numbers
with DWACC. UIDs sit under the same made-up arc as make_objects.py. wlmscpfs
reads the items from OUTPUT_DIR/CALLED_AE/*.wl and needs a file called
"lockfile" there.

Usage: make_worklist.py OUTPUT_DIR CALLED_AE
"""

import sys
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

UID_ROOT = "2.25.31415926535897932384626433832795"
IMPLEMENTATION_CLASS_UID = UID_ROOT + ".0.1"
WORKLIST_ITEM_SOP_CLASS = "1.2.840.10008.5.1.4.31"

ITEMS = [
    ("DWTEST^WORKLIST1", "DW0101", "DWACC0101", "CT", "DW_CT_01", "20261204", "080000"),
    ("DWTEST^WORKLIST2", "DW0102", "DWACC0102", "CT", "DW_CT_01", "20261204", "091500"),
    ("DWTEST^WORKLIST3", "DW0103", "DWACC0103", "MR", "DW_MR_01", "20261204", "100000"),
]


def item(index, patient_name, patient_id, accession, modality, station, date, time):
    step = Dataset()
    step.Modality = modality
    step.ScheduledStationAETitle = station
    step.ScheduledProcedureStepStartDate = date
    step.ScheduledProcedureStepStartTime = time
    step.ScheduledPerformingPhysicianName = "DWTEST^PHYSICIAN"
    step.ScheduledProcedureStepDescription = "DICOMWATCH TEST " + modality
    step.ScheduledProcedureStepID = "DWSPS%04d" % index

    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.PatientName = patient_name
    ds.PatientID = patient_id
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    ds.AccessionNumber = accession
    ds.RequestedProcedureID = "DWRP%04d" % index
    ds.RequestedProcedureDescription = "DICOMWATCH TEST " + modality
    ds.StudyInstanceUID = "%s.3.%d" % (UID_ROOT, index)
    ds.ScheduledProcedureStepSequence = Sequence([step])

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = WORKLIST_ITEM_SOP_CLASS
    meta.MediaStorageSOPInstanceUID = "%s.4.%d" % (UID_ROOT, index)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    return ds


def main():
    directory = Path(sys.argv[1]) / sys.argv[2]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "lockfile").touch()
    for index, values in enumerate(ITEMS, start=1):
        item(index, *values).save_as(directory / ("item%d.wl" % index), write_like_original=False)


if __name__ == "__main__":
    main()
