"""Odil storage and verification SCP for generate-odil.sh.

Usage: /usr/bin/python3 scp.py PORT ASSOCIATIONS

Accepts ASSOCIATIONS associations one after the other on TCP port PORT of every IPv4 address,
responds to C-ECHO and C-STORE with Success and exits. Odil's Python bindings take no association acceptor, so the SCP
accepts every calling and called AE title and every proposed presentation context that Odil
supports. Received data sets are counted, never written or printed.
"""

import sys

import odil


def serve_one(port):
    association = odil.Association()
    association.receive_association("v4", port)
    parameters = association.get_negotiated_parameters()
    print("accepted {} -> {}".format(
        parameters.get_calling_ae_title(), parameters.get_called_ae_title()), flush=True)

    stored = []

    def on_store(request):
        stored.append(request.get_affected_sop_instance_uid())
        return int(odil.messages.ResponseStatus.Success)

    dispatcher = odil.SCPDispatcher(association)
    echo_scp = odil.EchoSCP(association)
    echo_scp.set_callback(lambda request: int(odil.messages.ResponseStatus.Success))
    dispatcher.set_echo_scp(echo_scp)
    # NOTE: the two-argument StoreSCP constructor of python3-odil 0.12.2 rejects every Python
    # callable, so the callbacks are set afterwards. An SCP without a callback fails with bad_function_call.
    store_scp = odil.StoreSCP(association)
    store_scp.set_callback(on_store)
    dispatcher.set_store_scp(store_scp)
    try:
        while True:
            dispatcher.dispatch()
    except odil.AssociationReleased:
        print("released after {} C-STORE".format(len(stored)), flush=True)
    except odil.AssociationAborted as error:
        print("aborted after {} C-STORE: {}".format(len(stored), error), flush=True)


def main():
    port = int(sys.argv[1])
    associations = int(sys.argv[2])
    for _ in range(associations):
        serve_one(port)


if __name__ == "__main__":
    main()
