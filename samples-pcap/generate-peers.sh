#!/usr/bin/env bash
# Make the captures of a second DICOM implementation and of the worklist service, over loopback:
#
#   worklist.pcap  dcmtk's findscu queries dcmtk's worklist server (wlmscpfs) on port 11124, with
#                  sequences in the identifiers that both peers send:
#                  1. CT_MODALITY queries WLMSCP for the CT steps of its station (a narrow query with a
#                     ScheduledProcedureStepSequence item); two items match.
#                  2. CT_MODALITY queries every item (empty keys only, a broad query); three match.
#                  3. CT_MODALITY calls WLMSCP_UNKNOWN, a called AE title that wlmscpfs rejects.
#   gdcm.pcap      GDCM's gdcmscu (calling AE GDCMSCU) against dcmtk peers. It has a C-ECHO and
#                  two C-STORE associations to storescp (STORESCP, port 11125), and a study-root
#                  C-FIND to dcmqrscp (PACS, 11126). The stored objects have an undefined-length
#                  item in a sequence before the equipment attributes, which GDCM sends as stored.
#                  gdcmscu 3.0.21 rejects its own worklist queries before it connects, so there is
#                  no GDCM worklist query.
#
# Run as root from any directory: samples-pcap/generate-peers.sh
# Set OUT_DIR to write the captures somewhere other than samples-pcap/.
# It needs the packages that generate.sh lists and libgdcm-tools (gdcmscu). Every value in the
# worklist items (objects/make_worklist.py) and the stored objects (objects/make_identity_objects.py)
# is synthetic.
#
# NOTE: gdcmscu 3.0.21 (Debian 12) releases each association and then aborts with "ProtocolStream
# as nullptr is invalid" (exit status 134). So the script checks its log, not its exit status.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

PORT_WORKLIST=11124
PORT_GDCM_STORE=11125
PORT_GDCM_QR=11126
# dcmqrscp's configuration needs a move destination; nothing moves, so nothing listens there.
PORT_GDCM_MOVE_DEST=11127

# The return keys of a modality's worklist query (PS3.4 K.6.1.2.2), with the sequence path syntax
# of dcmtk's -k option.
worklist_keys() {
    local modality=$1 station=$2
    echo -k PatientName= -k PatientID= -k PatientBirthDate= -k PatientSex= -k AccessionNumber= \
        -k RequestedProcedureID= -k RequestedProcedureDescription= -k StudyInstanceUID= \
        -k "ScheduledProcedureStepSequence[0].Modality=$modality" \
        -k "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=$station" \
        -k "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=" \
        -k "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime=" \
        -k "ScheduledProcedureStepSequence[0].ScheduledProcedureStepID=" \
        -k "ScheduledProcedureStepSequence[0].ScheduledProcedureStepDescription="
}

# Usage: start_worklist_scp; sets LAST_PID.
start_worklist_scp() {
    if [[ ! -d "$WORK_DIR/worklist/WLMSCP" ]]; then
        "$PYTHON" "$SAMPLES_DIR/objects/make_worklist.py" "$WORK_DIR/worklist" WLMSCP
    fi
    # -dfr: wlmscpfs accepts only called AE titles that name a folder under -dfp (WLMSCP here).
    start_background "" "$WORK_DIR/worklist-scp.log" wlmscpfs -v -dhl -dfr -dfp "$WORK_DIR/worklist" \
        "$PORT_WORKLIST"
    wait_listening "" "$PORT_WORKLIST"
}

capture_worklist() {
    local scp cap cap_log
    log "worklist.pcap: Modality Worklist C-FIND on port $PORT_WORKLIST"
    start_worklist_scp
    scp=$LAST_PID
    tcpdump_capture "" lo "$OUT_DIR/worklist.pcap" "tcp port $PORT_WORKLIST"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    # shellcheck disable=SC2046 # worklist_keys prints words meant to split
    run_client "" "$WORK_DIR/worklist-narrow.log" findscu "${DCMTK_TIMEOUTS[@]}" -W \
        -aet CT_MODALITY -aec WLMSCP $(worklist_keys CT DW_CT_01) 127.0.0.1 "$PORT_WORKLIST"
    # shellcheck disable=SC2046
    run_client "" "$WORK_DIR/worklist-broad.log" findscu "${DCMTK_TIMEOUTS[@]}" -W \
        -aet CT_MODALITY -aec WLMSCP $(worklist_keys "" "") 127.0.0.1 "$PORT_WORKLIST"
    # shellcheck disable=SC2046
    run_failing_client "$WORK_DIR/worklist-rejected.log" findscu "${DCMTK_TIMEOUTS[@]}" -W \
        -aet CT_MODALITY -aec WLMSCP_UNKNOWN $(worklist_keys CT DW_CT_01) 127.0.0.1 "$PORT_WORKLIST"

    stop_capture "$cap" "$cap_log"
    stop_background "$scp"
}

# Run gdcmscu, which aborts after its work (see the NOTE above), and fail when its log shows an
# error. capture_gdcm checks that storescp received the objects. Usage: run_gdcmscu LOG_FILE ARGUMENTS...
run_gdcmscu() {
    local log_file=$1
    shift
    # The subshell takes the shell's own "Aborted" notice into the log too.
    (timeout "$CLIENT_TIMEOUT" gdcmscu --aetitle GDCMSCU "$@" || true) >"$log_file" 2>&1
    if grep -qiE "^(error|failed)|could not|cannot" "$log_file"; then
        cat "$log_file" >&2
        die "gdcmscu failed: $*"
    fi
}

capture_gdcm() {
    local store_scp qr_scp cap cap_log objects_dir="$WORK_DIR/gdcm-objects" received
    log "gdcm.pcap: gdcmscu against storescp on $PORT_GDCM_STORE and dcmqrscp on $PORT_GDCM_QR"
    "$PYTHON" "$SAMPLES_DIR/objects/make_identity_objects.py" "$objects_dir" >/dev/null
    start_storescp "" gdcm-store-scp "$PORT_GDCM_STORE" -aet STORESCP
    store_scp=$LAST_PID
    start_dcmqrscp "" gdcm-qr "$PORT_GDCM_QR" 127.0.0.1 "$PORT_GDCM_MOVE_DEST"
    qr_scp=$LAST_PID
    # One study for the query to find, stored by dcmtk before the capture starts.
    run_client "" "$WORK_DIR/gdcm-qr-load.log" storescu "${DCMTK_TIMEOUTS[@]}" -aet LOADER -aec PACS \
        127.0.0.1 "$PORT_GDCM_QR" "$objects_dir/id-explicit.dcm"
    tcpdump_capture "" lo "$OUT_DIR/gdcm.pcap" "tcp port $PORT_GDCM_STORE or tcp port $PORT_GDCM_QR"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_gdcmscu "$WORK_DIR/gdcm-echo.log" --echo --call STORESCP 127.0.0.1 "$PORT_GDCM_STORE"
    run_gdcmscu "$WORK_DIR/gdcm-store-explicit.log" --store --call STORESCP -i "$objects_dir/id-explicit.dcm" \
        127.0.0.1 "$PORT_GDCM_STORE"
    run_gdcmscu "$WORK_DIR/gdcm-store-implicit.log" --store --call STORESCP -i "$objects_dir/id-implicit.dcm" \
        127.0.0.1 "$PORT_GDCM_STORE"
    run_gdcmscu "$WORK_DIR/gdcm-find.log" --find --studyroot --study --call PACS --key 10,10= --key 20,d= \
        --key 8,20= 127.0.0.1 "$PORT_GDCM_QR"

    stop_capture "$cap" "$cap_log"
    stop_background "$store_scp"
    stop_background "$qr_scp"
    received=$(find "$WORK_DIR/received/gdcm-store-scp" -type f | wc -l)
    (( received == 2 )) || die "storescp received $received objects from gdcmscu, expected 2"
}

peers_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: tcpdump needs root; run it with sudo"
    local tool
    for tool in wlmscpfs findscu storescp storescu dcmqrscp gdcmscu tcpdump ss setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install dcmtk, libgdcm-tools and the packages listed in generate.sh"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; install python3-pydicom"
    check_ports_free "$PORT_WORKLIST" "$PORT_GDCM_STORE" "$PORT_GDCM_QR" "$PORT_GDCM_MOVE_DEST"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    capture_worklist
    capture_gdcm
    log "done; worklist.pcap and gdcm.pcap are in $OUT_DIR"
}

peers_main "$@"
