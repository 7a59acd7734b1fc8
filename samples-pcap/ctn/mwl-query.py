"""Write the Modality Worklist query that CTN's mwlQuery sends in generate-ctn.sh.

Usage: /usr/bin/python3 mwl-query.py FILE

mwlQuery -f reads a bare data set, so the file has no preamble and no file meta information. It is
implicit VR little endian. It has empty return keys for the patient and the accession number, and a
Scheduled Procedure Step item that matches Modality CT.
"""

import sys

from pydicom.dataset import Dataset


def main():
    query = Dataset()
    query.PatientName = ""
    query.PatientID = ""
    query.AccessionNumber = ""
    step = Dataset()
    step.Modality = "CT"
    step.ScheduledStationAETitle = ""
    step.ScheduledProcedureStepStartDate = ""
    query.ScheduledProcedureStepSequence = [step]
    query.is_little_endian = True
    query.is_implicit_VR = True
    query.save_as(sys.argv[1], write_like_original=True)


if __name__ == "__main__":
    main()
