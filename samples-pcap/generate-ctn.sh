#!/usr/bin/env bash
# Make ctn.pcap: the RSNA Central Test Node (CTN 3.2.0, the MIR DICOM stack of the 1990s that old
# devices embed) against dcmtk and against itself, over loopback:
#
#   1. dicom_echo (CTNECHO) sends a C-ECHO to CTN's simple_storage (CTNSTORE, port 11140).
#   2. send_image (CTNSEND) stores ct.dcm and mr.dcm in CTNSTORE, one association for each image.
#   3. send_image (CTNSEND) stores sc.dcm in dcmtk's storescp (STORESCP, 11141).
#   4. echoscu (ECHOSCU) sends a C-ECHO to CTNSTORE, so a CTN acceptor responds to dcmtk.
#   5. dicom_echo calls WRONGAE on simple_storage, which rejects it with result 1, source 1,
#      reason 7 (called-AE-title-not-recognized).
#   6. send_image (CTNSEND) stores ct.dcm in a second simple_storage (CTNABORT, 11142) started with
#      -a. It sends its C-STORE-RSP with a FIN and no A-ABORT PDU, and resets the connection when
#      send_image's A-RELEASE-RQ arrives, so the association ends without a release.
#   7. mwlQuery (CTNMWL) sends a Modality Worklist C-FIND for CT to dcmtk's wlmscpfs (WLMSCP,
#      11143) with the query file that ctn/mwl-query.py writes: 2 pending responses (the two CT
#      items) and a success.
#   8. mwlQuery (CTNMWL) without a query file sends a C-FIND-RQ without a data set. wlmscpfs finds
#      three items, fails to send its first response, and aborts the association.
#
# Run as root from any directory: samples-pcap/generate-ctn.sh
# Set OUT_DIR to write the capture somewhere other than samples-pcap/. It needs the Debian
# package ctn and the packages that generate.sh lists.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

PORT_CTN_STORE=11140
PORT_CTN_DCMTK=11141
PORT_CTN_ABORT=11142
PORT_CTN_WORKLIST=11143

# Usage: start_simple_storage NAME PORT AE_TITLE [OPTIONS...]; sets LAST_PID.
# -s keeps simple_storage from printing the attributes of received images.
start_simple_storage() {
    local name=$1 port=$2 title=$3 out_dir
    shift 3
    out_dir="$WORK_DIR/received/$name"
    mkdir -p "$out_dir"
    start_background "" "$WORK_DIR/$name.log" simple_storage -s -c "$title" -x "$out_dir" "$@" "$port"
    wait_listening "" "$port"
}

capture_ctn() {
    local store_scp dcmtk_scp abort_scp worklist_scp cap cap_log
    log "ctn.pcap: CTN on ports $PORT_CTN_STORE to $PORT_CTN_WORKLIST"
    build_objects
    "$PYTHON" "$SAMPLES_DIR/objects/make_worklist.py" "$WORK_DIR/worklist" WLMSCP
    "$PYTHON" "$SAMPLES_DIR/ctn/mwl-query.py" "$WORK_DIR/mwl-query.dcm"
    start_simple_storage ctn-store "$PORT_CTN_STORE" CTNSTORE
    store_scp=$LAST_PID
    start_storescp "" ctn-dcmtk "$PORT_CTN_DCMTK" -aet STORESCP
    dcmtk_scp=$LAST_PID
    start_simple_storage ctn-abort "$PORT_CTN_ABORT" CTNABORT -a
    abort_scp=$LAST_PID
    start_background "" "$WORK_DIR/ctn-worklist.log" wlmscpfs -v -dhl -dfr -dfp "$WORK_DIR/worklist" \
        "$PORT_CTN_WORKLIST"
    worklist_scp=$LAST_PID
    wait_listening "" "$PORT_CTN_WORKLIST"
    tcpdump_capture "" lo "$OUT_DIR/ctn.pcap" "tcp portrange $PORT_CTN_STORE-$PORT_CTN_WORKLIST"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_client "" "$WORK_DIR/ctn-echo.log" dicom_echo -a CTNECHO -c CTNSTORE 127.0.0.1 "$PORT_CTN_STORE"
    run_client "" "$WORK_DIR/ctn-send.log" send_image -q -a CTNSEND -c CTNSTORE \
        127.0.0.1 "$PORT_CTN_STORE" "$CT" "$MR"
    run_client "" "$WORK_DIR/ctn-send-dcmtk.log" send_image -q -a CTNSEND -c STORESCP \
        127.0.0.1 "$PORT_CTN_DCMTK" "$SC"
    run_client "" "$WORK_DIR/ctn-dcmtk-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec CTNSTORE 127.0.0.1 "$PORT_CTN_STORE"
    run_failing_client "$WORK_DIR/ctn-reject.log" dicom_echo -a CTNECHO -c WRONGAE \
        127.0.0.1 "$PORT_CTN_STORE"
    run_client "" "$WORK_DIR/ctn-send-abort.log" send_image -q -a CTNSEND -c CTNABORT \
        127.0.0.1 "$PORT_CTN_ABORT" "$CT"
    run_client "" "$WORK_DIR/ctn-mwl.log" mwlQuery -a CTNMWL -c WLMSCP -f "$WORK_DIR/mwl-query.dcm" \
        127.0.0.1 "$PORT_CTN_WORKLIST"
    # mwlQuery exits 0 although wlmscpfs aborts this association.
    run_client "" "$WORK_DIR/ctn-mwl-empty.log" mwlQuery -a CTNMWL -c WLMSCP \
        127.0.0.1 "$PORT_CTN_WORKLIST"

    stop_capture "$cap" "$cap_log"
    stop_background "$worklist_scp"
    stop_background "$abort_scp"
    stop_background "$dcmtk_scp"
    stop_background "$store_scp"
    grep -q "Peer aborted Association" "$WORK_DIR/ctn-mwl-empty.log" ||
        die "wlmscpfs did not abort the empty query: $(cat "$WORK_DIR/ctn-mwl-empty.log")"
}

ctn_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: tcpdump needs root; run it with sudo"
    local tool
    for tool in dicom_echo send_image simple_storage mwlQuery storescp echoscu wlmscpfs tcpdump ss setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install ctn, dcmtk and the packages listed in generate.sh"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; install python3-pydicom"
    check_ports_free "$PORT_CTN_STORE" "$PORT_CTN_DCMTK" "$PORT_CTN_ABORT" "$PORT_CTN_WORKLIST"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    capture_ctn
    log "done; ctn.pcap is in $OUT_DIR"
}

ctn_main "$@"
