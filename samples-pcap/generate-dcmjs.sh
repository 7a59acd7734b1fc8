#!/usr/bin/env bash
# Make dcmjs.pcap: the Node.js DICOM stack dcmjs-dimse (npm package, 0.3.3 for the committed file)
# against dcmtk and against itself, over loopback:
#
#   1. JSABORT stores sc.dcm in storescp (STORESCP, port 11132), which sleeps 1 s inside the
#      C-STORE. JSABORT sends A-ABORT 300 ms after the acceptance, and storescp sends its
#      C-STORE-RSP only after that, as any SCP may respond to a request already in flight.
#   2. JSCANCEL sends a Study Root C-FIND to dcmqrscp (PACS, 11133) and a C-CANCEL-RQ after the
#      first pending response. dcmjs-dimse puts the Affected SOP Class UID into its C-CANCEL-RQ,
#      which dcmtk leaves out.
#   3. JSCOMMIT sends a storage commitment N-ACTION to a dcmjs-dimse SCP (DCMJSSCP, 11134), which
#      responds and then sends N-EVENT-REPORT on the same association.
#   4. JSMPPS sends MPPS N-CREATE and N-SET to DCMJSSCP.
#   5. echoscu (calling AE ECHOSCU) calls REJECT_CALLING on the dcmjs-dimse SCP, which rejects it
#      with result 1, source 1, reason 3 (calling-AE-title-not-recognized).
#
# Run as root from any directory: DCMJS_DIR=DIR samples-pcap/generate-dcmjs.sh
# DCMJS_DIR is a folder where 'npm install dcmjs-dimse' was run. Set OUT_DIR to write the capture
# somewhere other than samples-pcap/. It needs node (Debian package nodejs) and the packages that
# generate.sh lists.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

PORT_DCMJS_STORE=11132
PORT_DCMJS_QR=11133
PORT_DCMJS_SCP=11134
# dcmqrscp's configuration needs a move destination; nothing moves, so nothing listens there.
PORT_DCMJS_MOVE_DEST=11135

# Usage: run_dcmjs_scu LOG_FILE SCENARIO PORT CALLING_AE CALLED_AE [FILE]
run_dcmjs_scu() {
    local log_file=$1
    shift
    run_client "" "$log_file" env NODE_PATH="$DCMJS_DIR/node_modules" node "$SAMPLES_DIR/dcmjs/scu.js" \
        "$1" 127.0.0.1 "${@:2}"
}

capture_dcmjs() {
    local store_scp qr_scp js_scp cap cap_log
    log "dcmjs.pcap: dcmjs-dimse on ports $PORT_DCMJS_STORE, $PORT_DCMJS_QR and $PORT_DCMJS_SCP"
    build_objects
    start_storescp "" dcmjs-store "$PORT_DCMJS_STORE" -aet STORESCP --sleep-during 1
    store_scp=$LAST_PID
    start_dcmqrscp "" dcmjs-qr "$PORT_DCMJS_QR" 127.0.0.1 "$PORT_DCMJS_MOVE_DEST"
    qr_scp=$LAST_PID
    # Two studies for the query to find, stored by dcmtk before the capture starts.
    run_client "" "$WORK_DIR/dcmjs-qr-load.log" storescu "${DCMTK_TIMEOUTS[@]}" -aet LOADER -aec PACS \
        127.0.0.1 "$PORT_DCMJS_QR" "$CT" "$SC"
    start_background "" "$WORK_DIR/dcmjs-scp.log" env NODE_PATH="$DCMJS_DIR/node_modules" \
        node "$SAMPLES_DIR/dcmjs/scp.js" "$PORT_DCMJS_SCP"
    js_scp=$LAST_PID
    wait_listening "" "$PORT_DCMJS_SCP"
    tcpdump_capture "" lo "$OUT_DIR/dcmjs.pcap" \
        "tcp port $PORT_DCMJS_STORE or tcp port $PORT_DCMJS_QR or tcp port $PORT_DCMJS_SCP"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_dcmjs_scu "$WORK_DIR/dcmjs-abort.log" store-abort "$PORT_DCMJS_STORE" JSABORT STORESCP "$SC"
    run_dcmjs_scu "$WORK_DIR/dcmjs-cancel.log" find-cancel "$PORT_DCMJS_QR" JSCANCEL PACS
    run_dcmjs_scu "$WORK_DIR/dcmjs-commit.log" commitment "$PORT_DCMJS_SCP" JSCOMMIT DCMJSSCP
    run_dcmjs_scu "$WORK_DIR/dcmjs-mpps.log" mpps "$PORT_DCMJS_SCP" JSMPPS DCMJSSCP
    run_failing_client "$WORK_DIR/dcmjs-reject.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec REJECT_CALLING 127.0.0.1 "$PORT_DCMJS_SCP"

    stop_capture "$cap" "$cap_log"
    stop_background "$js_scp"
    stop_background "$qr_scp"
    stop_background "$store_scp"
    grep -q "N-EVENT-REPORT received" "$WORK_DIR/dcmjs-commit.log" ||
        die "JSCOMMIT received no N-EVENT-REPORT: $(cat "$WORK_DIR/dcmjs-commit.log")"
}

dcmjs_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: tcpdump needs root; run it with sudo"
    [[ -n "${DCMJS_DIR:-}" && -d "$DCMJS_DIR/node_modules/dcmjs-dimse" ]] ||
        die "DCMJS_DIR must name a folder where 'npm install dcmjs-dimse' was run"
    local tool
    for tool in node storescp storescu dcmqrscp echoscu tcpdump ss setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install nodejs, dcmtk and the packages listed in generate.sh"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; install python3-pydicom"
    check_ports_free "$PORT_DCMJS_STORE" "$PORT_DCMJS_QR" "$PORT_DCMJS_SCP" "$PORT_DCMJS_MOVE_DEST"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    capture_dcmjs
    log "done; dcmjs.pcap is in $OUT_DIR"
}

dcmjs_main "$@"
