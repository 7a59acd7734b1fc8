"""Odil SCU scenarios for generate-odil.sh that the odil command line does not cover.

Usage: /usr/bin/python3 scu.py SCENARIO HOST PORT CALLING_AE CALLED_AE ARGUMENT [STUDY_UID]

  move        Study Root C-MOVE at STUDY level of the study STUDY_UID to the destination ARGUMENT.
  get         Study Root C-GET at STUDY level of the study ARGUMENT, with SCP-role presentation
              contexts for CT and Secondary Capture storage. Received data sets are counted only.
  store-abort Proposes a username and password user identity, stores the file ARGUMENT and
              sends A-ABORT instead of A-RELEASE-RQ.
"""

import sys

import odil

TRANSFER_SYNTAXES = [odil.registry.ExplicitVRLittleEndian, odil.registry.ImplicitVRLittleEndian]
SCU_ROLE = odil.AssociationParameters.PresentationContext.Role.SCU
SCP_ROLE = odil.AssociationParameters.PresentationContext.Role.SCP


def associate(host, port, calling, called, sop_classes, scp_sop_classes=()):
    roles = [(sop_class, SCU_ROLE) for sop_class in sop_classes]
    roles += [(sop_class, SCP_ROLE) for sop_class in scp_sop_classes]
    contexts = [
        odil.AssociationParameters.PresentationContext(
            2 * index + 1, sop_class, TRANSFER_SYNTAXES, role)
        for index, (sop_class, role) in enumerate(roles)
    ]
    association = odil.Association()
    association.set_peer_host(host)
    association.set_peer_port(port)
    association.update_parameters() \
        .set_calling_ae_title(calling) \
        .set_called_ae_title(called) \
        .set_presentation_contexts(contexts)
    return association


def move(association, destination, study_instance_uid):
    association.associate()
    query = odil.DataSet()
    query.add(odil.registry.QueryRetrieveLevel, [b"STUDY"])
    query.add(odil.registry.StudyInstanceUID, [study_instance_uid.encode()])
    move_scu = odil.MoveSCU(association)
    move_scu.set_affected_sop_class(odil.registry.StudyRootQueryRetrieveInformationModelMove)
    move_scu.set_move_destination(destination)
    responses = move_scu.move(query)
    print("C-MOVE finished, {} data sets returned".format(len(responses)), flush=True)
    association.release()


def get(association, study_instance_uid):
    association.associate()
    query = odil.DataSet()
    query.add(odil.registry.QueryRetrieveLevel, [b"STUDY"])
    query.add(odil.registry.StudyInstanceUID, [study_instance_uid.encode()])
    received = []
    get_scu = odil.GetSCU(association)
    get_scu.set_affected_sop_class(odil.registry.StudyRootQueryRetrieveInformationModelGet)
    get_scu.get(query, received.append)
    print("C-GET finished, {} data sets received".format(len(received)), flush=True)
    association.release()


def store_abort(association, path):
    association.update_parameters().set_user_identity_to_username_and_password(
        "dwodil", "dwodilsecret")
    association.associate()
    with odil.open(path) as stream:
        _, data_set = odil.Reader.read_file(stream)
    store_scu = odil.StoreSCU(association)
    store_scu.set_affected_sop_class(data_set)
    store_scu.store(data_set)
    print("C-STORE done, aborting", flush=True)
    association.abort(0, 0)


def main():
    scenario, host, port, calling, called = sys.argv[1:6]
    argument = sys.argv[6]
    if scenario == "move":
        association = associate(host, int(port), calling, called,
                                [odil.registry.StudyRootQueryRetrieveInformationModelMove])
        move(association, argument, sys.argv[7])
    elif scenario == "get":
        association = associate(
            host, int(port), calling, called,
            [odil.registry.StudyRootQueryRetrieveInformationModelGet],
            [odil.registry.CTImageStorage, odil.registry.SecondaryCaptureImageStorage])
        get(association, argument)
    elif scenario == "store-abort":
        with odil.open(argument) as stream:
            _, data_set = odil.Reader.read_file(stream)
        sop_class = data_set.as_string("SOPClassUID")[0]
        association = associate(host, int(port), calling, called, [sop_class])
        store_abort(association, argument)
    else:
        sys.exit("unknown scenario {}".format(scenario))


if __name__ == "__main__":
    main()
