#!/usr/bin/env bash
# Capture identity.pcap: dcmtk's storescu sends one CT to storescp for each
# transfer syntax dcmtk can send (implicit VR little endian, explicit VR
# little and big endian, deflated, RLE lossless, JPEG lossless SV1), each in
# its own association with its own calling AE title (DWID_<NAME>). The
# objects carry unique sentinel patient values (see
# objects/make_identity_objects.py), so tests can prove none leaves
# dicomwatch.
#
# Run as root: samples-pcap/identity.sh [OUTPUT_FILE]
# OUTPUT_FILE defaults to samples-pcap/identity.pcap; PORT (default 11124)
# sets the loopback port. It needs dcmtk, tcpdump, iproute2 (ss) and
# python3-pydicom, uses only the loopback interface, and on exit stops the
# processes it started and deletes its temporary directory.
#
# tcpdump runs with --immediate-mode: on kernels where packets reach
# libpcap's ring buffer only when it is flushed, a capture without it can
# end up empty.

set -euo pipefail

SAMPLES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUTPUT=${1:-$SAMPLES_DIR/identity.pcap}
PORT=${PORT:-11124}
PYTHON=/usr/bin/python3
SCP_AE=DWIDSTORE
READY_TIMEOUT=10
DCMTK_TIMEOUTS=(-to 10 -ta 10 -td 20)

# name, dcmtk conversion, storescu proposal option
CASES=(
    "implicit|dcmconv -e +ti|-xi"
    "explicit|dcmconv -e +te|-xe"
    "big|dcmconv -e +tb|-xb"
    "deflated|dcmconv -e +td|-xd"
    "rle|dcmcrle|-xr"
    "jpeg|dcmcjpeg|-xs"
)

WORK_DIR=""
PIDS=()

log() {
    printf '[identity] %s\n' "$*" >&2
}

cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$WORK_DIR" && -d "$WORK_DIR" ]]; then
        rm -rf "$WORK_DIR"
    fi
    exit "$status"
}

wait_for() {
    local description=$1 waited=0
    shift
    until "$@"; do
        if (( waited >= READY_TIMEOUT * 10 )); then
            log "timed out waiting for $description"
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

port_listening() {
    ss -Hltn "sport = :$PORT" | grep -q .
}

port_free() {
    ! port_listening
}

main() {
    [[ $EUID -eq 0 ]] || { log "error: run as root (tcpdump)"; exit 1; }
    trap cleanup EXIT INT TERM
    WORK_DIR=$(mktemp -d)
    port_free || { log "error: port $PORT is in use"; exit 1; }

    "$PYTHON" "$SAMPLES_DIR/objects/make_identity_objects.py" "$WORK_DIR/source"
    local entry name convert propose
    for entry in "${CASES[@]}"; do
        IFS='|' read -r name convert propose <<<"$entry"
        # shellcheck disable=SC2086 # the conversion is a command with options
        $convert "$WORK_DIR/source/id-$name.dcm" "$WORK_DIR/$name.dcm"
    done

    mkdir "$WORK_DIR/received"
    storescp --aetitle "$SCP_AE" +xa --ignore -od "$WORK_DIR/received" "$PORT" \
        >"$WORK_DIR/storescp.log" 2>&1 &
    PIDS+=($!)
    wait_for "storescp on port $PORT" port_listening

    tcpdump --immediate-mode -Z root -U -i lo -w "$OUTPUT.tmp" "tcp port $PORT" \
        2>"$WORK_DIR/tcpdump.log" &
    local tcpdump_pid=$!
    PIDS+=("$tcpdump_pid")
    wait_for "tcpdump" grep -q "listening on" "$WORK_DIR/tcpdump.log"

    for entry in "${CASES[@]}"; do
        IFS='|' read -r name convert propose <<<"$entry"
        log "storescu $propose: $name.dcm as DWID_${name^^}"
        storescu "${DCMTK_TIMEOUTS[@]}" -R "$propose" -aet "DWID_${name^^}" -aec "$SCP_AE" \
            127.0.0.1 "$PORT" "$WORK_DIR/$name.dcm"
    done
    sleep 0.5
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    mv "$OUTPUT.tmp" "$OUTPUT"
    log "wrote $OUTPUT"
}

main "$@"
