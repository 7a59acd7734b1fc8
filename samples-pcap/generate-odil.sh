#!/usr/bin/env bash
# Make odil.pcap: Odil 0.12.2, a C++ DICOM library with its own network stack, through its
# command line (odil) and its Python bindings (python3-odil), against dcmtk and against itself,
# over loopback:
#
#   1. odil echo (ODILECHO) sends a C-ECHO to the Odil SCP (ODILSCP, port 11150).
#   2. odil store (ODILSTORE) stores ct.dcm and sc.dcm in ODILSCP on one association with two
#      presentation contexts.
#   3. echoscu (ECHOSCU) sends a C-ECHO to ODILSCP, so an Odil acceptor responds to dcmtk.
#   4. odil find (ODILFIND) sends a Study Root C-FIND at STUDY level to dcmqrscp (PACS, 11151),
#      which stores two studies.
#   5. ODILGET (Python bindings) retrieves the study of sc.dcm from PACS with C-GET: PACS sends the object
#      back with a C-STORE sub-operation on the same association.
#   6. ODILMOVE sends a Study Root C-MOVE of the study of ct.dcm to MOVEDEST. dcmqrscp (calling
#      AE PACS) opens an association to ODILSCP on port 11150, which accepts any called AE title,
#      and stores ct.dcm there.
#   7. ODILABORT proposes a username and password user identity to storescp (STORESCP, 11152),
#      stores ct.dcm and sends A-ABORT (source 0, reason 0).
#
# Run as root from any directory: samples-pcap/generate-odil.sh
# NOTE: 'odil get' of Debian's odil 0.12.2 fails against dcmqrscp ("'str' object has no attribute
# 'data'"): when the SCP returns no SOP Classes in Study, its fallback to every storage class
# fails. So the C-GET runs through the Python bindings.
# Set OUT_DIR to write the capture somewhere other than samples-pcap/. It needs the Debian
# packages odil and python3-odil and the packages that generate.sh lists.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

PORT_ODIL_SCP=11150
PORT_ODIL_QR=11151
PORT_ODIL_STORE=11152
# The Odil SCP serves this many associations and exits: 1, 2, 3 and the C-MOVE sub-association.
ODIL_SCP_ASSOCIATIONS=4

# Usage: run_odil_scu LOG_FILE SCENARIO PORT CALLING_AE CALLED_AE ARGUMENT
run_odil_scu() {
    local log_file=$1
    shift
    run_client "" "$log_file" "$PYTHON" "$SAMPLES_DIR/odil/scu.py" "$1" 127.0.0.1 "${@:2}"
}

capture_odil() {
    local odil_scp qr_scp store_scp cap cap_log
    log "odil.pcap: Odil on ports $PORT_ODIL_SCP, $PORT_ODIL_QR and $PORT_ODIL_STORE"
    build_objects
    start_background "" "$WORK_DIR/odil-scp.log" "$PYTHON" "$SAMPLES_DIR/odil/scp.py" \
        "$PORT_ODIL_SCP" "$ODIL_SCP_ASSOCIATIONS"
    odil_scp=$LAST_PID
    wait_listening "" "$PORT_ODIL_SCP"
    start_dcmqrscp "" odil-qr "$PORT_ODIL_QR" 127.0.0.1 "$PORT_ODIL_SCP"
    qr_scp=$LAST_PID
    start_storescp "" odil-store "$PORT_ODIL_STORE" -aet STORESCP
    store_scp=$LAST_PID
    # Two studies for the query and retrievals, stored by dcmtk before the capture starts.
    run_client "" "$WORK_DIR/odil-qr-load.log" storescu "${DCMTK_TIMEOUTS[@]}" -aet LOADER -aec PACS \
        127.0.0.1 "$PORT_ODIL_QR" "$CT" "$SC"
    tcpdump_capture "" lo "$OUT_DIR/odil.pcap" \
        "tcp port $PORT_ODIL_SCP or tcp port $PORT_ODIL_QR or tcp port $PORT_ODIL_STORE"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_client "" "$WORK_DIR/odil-echo.log" odil echo 127.0.0.1 "$PORT_ODIL_SCP" ODILECHO ODILSCP
    run_client "" "$WORK_DIR/odil-store.log" odil store 127.0.0.1 "$PORT_ODIL_SCP" ODILSTORE ODILSCP \
        "$CT" "$SC"
    run_client "" "$WORK_DIR/odil-dcmtk-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec ODILSCP 127.0.0.1 "$PORT_ODIL_SCP"
    run_client "" "$WORK_DIR/odil-find.log" odil find 127.0.0.1 "$PORT_ODIL_QR" ODILFIND PACS \
        study QueryRetrieveLevel=STUDY StudyInstanceUID= StudyDate=
    run_odil_scu "$WORK_DIR/odil-get.log" get "$PORT_ODIL_QR" ODILGET PACS \
        2.25.31415926535897932384626433832795.1.3
    run_odil_scu "$WORK_DIR/odil-move.log" move "$PORT_ODIL_QR" ODILMOVE PACS MOVEDEST \
        2.25.31415926535897932384626433832795.1.1
    run_odil_scu "$WORK_DIR/odil-abort.log" store-abort "$PORT_ODIL_STORE" ODILABORT STORESCP "$CT"

    stop_capture "$cap" "$cap_log"
    stop_background "$store_scp"
    stop_background "$qr_scp"
    stop_background "$odil_scp"
    grep -q "released after 1 C-STORE" "$WORK_DIR/odil-scp.log" ||
        die "the C-MOVE stored no object in ODILSCP: $(cat "$WORK_DIR/odil-scp.log")"
    grep -q "C-GET finished, 1 data sets received" "$WORK_DIR/odil-get.log" ||
        die "the C-GET did not retrieve one object: $(cat "$WORK_DIR/odil-get.log")"
}

odil_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: tcpdump needs root; run it with sudo"
    local tool
    for tool in odil storescp storescu dcmqrscp echoscu tcpdump ss setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install odil, dcmtk and the packages listed in generate.sh"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; install python3-pydicom"
    "$PYTHON" -c "import odil" 2>/dev/null || die "$PYTHON cannot import odil; install python3-odil"
    check_ports_free "$PORT_ODIL_SCP" "$PORT_ODIL_QR" "$PORT_ODIL_STORE"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    capture_odil
    log "done; odil.pcap is in $OUT_DIR"
}

odil_main "$@"
