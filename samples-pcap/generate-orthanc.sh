#!/usr/bin/env bash
# Make orthanc.pcap: Orthanc 1.10.1 (Debian package orthanc), a DICOM server built on dcmtk,
# driven through its REST API, against dcmtk peers. Orthanc, its peers and the capture run in the
# network namespace dwo-orthanc, whose only interface is its own loopback, so Orthanc's HTTP and
# DICOM ports, which bind every address, reach nothing else:
#
#   1. storescu (MODALITY) stores sc.dcm in Orthanc (ORTHANC, port 11160).
#   2. REST /modalities/storescp/echo: ORTHANC sends a C-ECHO to storescp (STORESCP, 11161).
#   3. REST /modalities/storescp/store: ORTHANC stores the instance of step 1 in STORESCP.
#   4. REST /modalities/pacs/query: ORTHANC sends a Study Root C-FIND at STUDY level to dcmqrscp
#      (PACS, 11162), which contains the study of mr.dcm.
#   5. REST /queries/ID/answers/0/retrieve: ORTHANC sends a C-MOVE of that study to PACS with
#      itself as destination, and PACS (calling AE PACS) stores mr.dcm in ORTHANC.
#   6. REST /modalities/self/storage-commitment: ORTHANC sends a storage commitment N-ACTION for
#      the instance of step 1 to itself, on its own DICOM port. Orthanc responds and then sends the
#      N-EVENT-REPORT on a second association, in which it is the SCU again.
#   7. echoscu (ECHOSCU) calls WRONGAE, which Orthanc rejects with result 1, source 1, reason 7,
#      because DicomCheckCalledAet is on.
#
# Run as root from any directory: samples-pcap/generate-orthanc.sh
# Set OUT_DIR to write the capture somewhere other than samples-pcap/. It needs the Debian
# packages orthanc and curl and the packages that generate.sh lists. The script never starts
# Orthanc's system service; it runs its own Orthanc with orthanc/orthanc.json.in.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

NS_ORTHANC=dwo-orthanc
PORT_ORTHANC=11160
PORT_ORTHANC_STORESCP=11161
PORT_ORTHANC_PACS=11162
PORT_ORTHANC_HTTP=18042
ORTHANC_URL="http://127.0.0.1:$PORT_ORTHANC_HTTP"

# Usage: orthanc_rest METHOD PATH [BODY]; prints the response body. Fails on an HTTP error.
orthanc_rest() {
    local method=$1 path=$2 body=${3:-}
    local command=(curl -sS --fail-with-body --max-time "$CLIENT_TIMEOUT" -X "$method" "$ORTHANC_URL$path")
    [[ -z "$body" ]] || command+=(--data-binary "$body")
    ip netns exec "$NS_ORTHANC" "${command[@]}" ||
        die "Orthanc REST $method $path failed"
}

# Usage: json_field FIELD; reads a JSON object on standard input and prints one top-level field.
json_field() {
    "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

start_orthanc() {
    local config="$WORK_DIR/orthanc.json" waited=0
    mkdir -p "$WORK_DIR/orthanc-db"
    sed -e "s|@STORAGE_DIR@|$WORK_DIR/orthanc-db|" -e "s|@HTTP_PORT@|$PORT_ORTHANC_HTTP|" \
        -e "s|@DICOM_PORT@|$PORT_ORTHANC|g" -e "s|@STORESCP_PORT@|$PORT_ORTHANC_STORESCP|" \
        -e "s|@PACS_PORT@|$PORT_ORTHANC_PACS|" "$SAMPLES_DIR/orthanc/orthanc.json.in" >"$config"
    start_background "$NS_ORTHANC" "$WORK_DIR/orthanc.log" Orthanc "$config"
    wait_listening "$NS_ORTHANC" "$PORT_ORTHANC"
    until ip netns exec "$NS_ORTHANC" curl -sf --max-time 2 "$ORTHANC_URL/system" >/dev/null; do
        (( waited < READY_TIMEOUT * 10 )) || die "Orthanc's REST API not ready after ${READY_TIMEOUT}s"
        sleep 0.1
        waited=$((waited + 1))
    done
}

capture_orthanc() {
    local orthanc storescp pacs cap cap_log instance query commitment
    log "orthanc.pcap: Orthanc on port $PORT_ORTHANC in namespace $NS_ORTHANC"
    build_objects
    ip netns add "$NS_ORTHANC"
    CREATED_NAMESPACES+=("$NS_ORTHANC")
    ip -n "$NS_ORTHANC" link set lo up
    start_orthanc
    orthanc=$LAST_PID
    start_storescp "$NS_ORTHANC" orthanc-storescp "$PORT_ORTHANC_STORESCP" -aet STORESCP
    storescp=$LAST_PID
    start_dcmqrscp "$NS_ORTHANC" orthanc-pacs "$PORT_ORTHANC_PACS" 127.0.0.1 "$PORT_ORTHANC"
    pacs=$LAST_PID
    # dcmqrscp's template names the move destination MOVEDEST; Orthanc checks the called AE title.
    sed -i "s|^movedest .*|orthanc     = (ORTHANC, 127.0.0.1, $PORT_ORTHANC)|" "$WORK_DIR/orthanc-pacs.cfg"
    stop_background "$pacs"
    start_background "$NS_ORTHANC" "$WORK_DIR/orthanc-pacs.log" dcmqrscp -v -dhl -c "$WORK_DIR/orthanc-pacs.cfg"
    pacs=$LAST_PID
    wait_listening "$NS_ORTHANC" "$PORT_ORTHANC_PACS"
    run_client "$NS_ORTHANC" "$WORK_DIR/orthanc-pacs-load.log" storescu "${DCMTK_TIMEOUTS[@]}" \
        -aet LOADER -aec PACS 127.0.0.1 "$PORT_ORTHANC_PACS" "$MR"
    tcpdump_capture "$NS_ORTHANC" lo "$OUT_DIR/orthanc.pcap" \
        "tcp port $PORT_ORTHANC or tcp port $PORT_ORTHANC_STORESCP or tcp port $PORT_ORTHANC_PACS"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_client "$NS_ORTHANC" "$WORK_DIR/orthanc-store.log" storescu "${DCMTK_TIMEOUTS[@]}" \
        -aet MODALITY -aec ORTHANC 127.0.0.1 "$PORT_ORTHANC" "$SC"
    instance=$(orthanc_rest GET /instances | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)[0])')
    orthanc_rest POST /modalities/storescp/echo '{}' >/dev/null
    orthanc_rest POST /modalities/storescp/store "{\"Resources\": [\"$instance\"], \"Synchronous\": true}" \
        >"$WORK_DIR/orthanc-store-scu.json"
    query=$(orthanc_rest POST /modalities/pacs/query \
        '{"Level": "Study", "Query": {"StudyInstanceUID": "", "StudyDate": ""}}' | json_field ID)
    orthanc_rest POST "/queries/$query/answers/0/retrieve" \
        '{"TargetAet": "ORTHANC", "Synchronous": true}' >"$WORK_DIR/orthanc-move.json"
    commitment=$(orthanc_rest POST /modalities/self/storage-commitment \
        "{\"Resources\": [\"$instance\"], \"Timeout\": 20}" | json_field ID)
    wait_storage_commitment "$commitment"
    run_failing_client "$WORK_DIR/orthanc-reject.log" ip netns exec "$NS_ORTHANC" \
        echoscu "${DCMTK_TIMEOUTS[@]}" -aet ECHOSCU -aec WRONGAE 127.0.0.1 "$PORT_ORTHANC"

    stop_capture "$cap" "$cap_log"
    stop_background "$pacs"
    stop_background "$storescp"
    stop_background "$orthanc"
}

# Usage: wait_storage_commitment ID; waits until Orthanc has the N-EVENT-REPORT for report ID.
wait_storage_commitment() {
    local id=$1 waited=0 status
    while true; do
        status=$(orthanc_rest GET "/storage-commitment/$id" | json_field Status)
        [[ "$status" == Pending ]] || break
        (( waited < CLIENT_TIMEOUT * 10 )) || die "storage commitment $id still pending"
        sleep 0.1
        waited=$((waited + 1))
    done
    [[ "$status" == Success ]] || die "storage commitment $id ended with status $status"
}

orthanc_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: tcpdump and ip netns need root; run it with sudo"
    local tool
    for tool in Orthanc curl storescu storescp dcmqrscp echoscu tcpdump ip ss setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install orthanc, curl, dcmtk and the packages listed in generate.sh"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; install python3-pydicom"
    ! ip netns list | grep -qw "$NS_ORTHANC" || die "namespace $NS_ORTHANC exists; delete it with 'ip netns delete $NS_ORTHANC'"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    capture_orthanc
    log "done; orthanc.pcap is in $OUT_DIR"
}

orthanc_main "$@"
