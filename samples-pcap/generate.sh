#!/usr/bin/env bash
# Regenerate the sample captures in samples-pcap/ with real dcmtk peers.
#
# Run as root from any directory: samples-pcap/generate.sh
# Set OUT_DIR to write the captures somewhere other than samples-pcap/.
#
# Debian 12 packages it needs:
#   dcmtk             storescu, storescp, dcmqrscp, findscu, movescu, echoscu
#   python3-pydicom   objects/make_objects.py (run with /usr/bin/python3)
#   tcpdump           pcap captures
#   tshark            checks and the summary at the end
#   wireshark-common  dumpcap (pcapng capture) and capinfos
#   tcpreplay         tcprewrite (adds the 802.1Q tags of vlan.pcap)
#   socat             the IPv4-to-IPv6 relays
#   iproute2          ip, ss, network namespaces, veth and bridge
#   ethtool           turns off segmentation offloads on the veths
#   util-linux        setsid
#   coreutils         timeout, mktemp
#
# It only uses the loopback interface and network namespaces that it
# creates (named dwsample-*), with addresses from 192.0.2.0/24 and
# 2001:db8::/32. On exit, the EXIT trap stops every process it started
# and deletes those namespaces and its temporary directory.

set -euo pipefail

SAMPLES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT_DIR=${OUT_DIR:-$SAMPLES_DIR}
PYTHON=/usr/bin/python3
STORESCU_PROFILE="$SAMPLES_DIR/storescu-samples.cfg"

# Bounded waits, in seconds.
READY_TIMEOUT=10
CLIENT_TIMEOUT=60
STOP_TIMEOUT=10
# dcmtk timeouts for every client: connect, ACSE and DIMSE, in seconds.
DCMTK_TIMEOUTS=(-to 10 -ta 10 -td 20)

# Loopback ports, all in 11112-11199 or 4200-4299.
PORT_ECHO=11112
PORT_STORE=11113
PORT_STORE_SMALL_PDU=11114
PORT_QR=11115
PORT_MOVE_DEST=11116
PORT_ABORT_SCP=11117
PORT_IPV6_CLIENT_RELAY=11118
PORT_IPV6=11119
PORT_IPV6_SCP=11120
PORT_COOKED=11121
PORT_PCAPNG=11122
PORT_ABORT_SCU=11123
PORT_NONSTANDARD=4243
LOOPBACK_PORTS=(
    "$PORT_ECHO" "$PORT_STORE" "$PORT_STORE_SMALL_PDU" "$PORT_QR"
    "$PORT_MOVE_DEST" "$PORT_ABORT_SCP" "$PORT_IPV6_CLIENT_RELAY" "$PORT_IPV6"
    "$PORT_IPV6_SCP" "$PORT_COOKED" "$PORT_PCAPNG" "$PORT_ABORT_SCU"
    "$PORT_NONSTANDARD"
)

# Network namespaces of multihost.pcap. Ports there need not be free on
# the host because each namespace has its own stack.
NS_BRIDGE=dwsample-bridge
NS_MODALITY=dwsample-modality
NS_PACS=dwsample-pacs
NS_WORKSTATION=dwsample-workstation
IP_MODALITY=192.0.2.10
IP_PACS=192.0.2.20
IP_WORKSTATION=192.0.2.30
IP6_MODALITY=2001:db8::10
IP6_PACS=2001:db8::20
IP6_WORKSTATION=2001:db8::30
PORT_MULTIHOST=11112
PORT_MULTIHOST_IPV6=11113
VLAN_ID=100

WORK_DIR=""
BACKGROUND_PIDS=()
CREATED_NAMESPACES=()

log() {
    printf '[generate] %s\n' "$*" >&2
}

die() {
    printf '[generate] error: %s\n' "$*" >&2
    exit 1
}

# Stop a process group that start_background created, first with the
# given signal, then with SIGKILL after STOP_TIMEOUT seconds.
stop_group() {
    local pid=$1 signal=${2:-TERM} waited=0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill "-$signal" -- "-$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && (( waited < STOP_TIMEOUT * 10 )); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "process $pid did not stop after SIG$signal; sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$? pid ns
    trap - EXIT INT TERM
    for pid in "${BACKGROUND_PIDS[@]}"; do
        stop_group "$pid" TERM
    done
    for ns in "${CREATED_NAMESPACES[@]}"; do
        ip netns delete "$ns" 2>/dev/null || log "could not delete namespace $ns"
    done
    if [[ -n "$WORK_DIR" && -d "$WORK_DIR" ]]; then
        rm -rf "$WORK_DIR"
    fi
    exit "$status"
}

# Start a command in the background in a new session, so stop_group can
# signal it together with the children it forks (dcmqrscp forks one child
# for each association). Usage: start_background NS LOG_FILE COMMAND...
# NS is a namespace name or "" for the host. Sets LAST_PID, which is also
# the process group id because setsid does not fork in a background job.
start_background() {
    local ns=$1 log_file=$2
    shift 2
    if [[ -n "$ns" ]]; then
        setsid ip netns exec "$ns" "$@" >"$log_file" 2>&1 </dev/null &
    else
        setsid "$@" >"$log_file" 2>&1 </dev/null &
    fi
    LAST_PID=$!
    BACKGROUND_PIDS+=("$LAST_PID")
}

forget_pid() {
    local pid=$1 kept=() p
    for p in "${BACKGROUND_PIDS[@]}"; do
        [[ "$p" == "$pid" ]] || kept+=("$p")
    done
    BACKGROUND_PIDS=("${kept[@]}")
}

stop_background() {
    stop_group "$1" TERM
    forget_pid "$1"
}

# Wait until something listens on TCP port PORT in namespace NS.
wait_listening() {
    local ns=$1 port=$2 waited=0 listeners
    while true; do
        if [[ -n "$ns" ]]; then
            listeners=$(ip netns exec "$ns" ss -Hltn "sport = :$port")
        else
            listeners=$(ss -Hltn "sport = :$port")
        fi
        [[ -z "$listeners" ]] || return 0
        (( waited < READY_TIMEOUT * 10 )) ||
            die "nothing listens on port $port after ${READY_TIMEOUT}s (namespace '${ns:-host}')"
        sleep 0.1
        waited=$((waited + 1))
    done
}

check_ports_free() {
    local port
    for port in "$@"; do
        # TIME-WAIT entries of an earlier run do not block a new listener.
        if ss -Htan exclude time-wait "( sport = :$port or dport = :$port )" | grep -q .; then
            die "port $port is in use; stop whatever uses it and run again"
        fi
    done
}

# Start a capture tool and wait until its log contains READY_TEXT, which
# tcpdump and dumpcap print once the capture is open.
# Usage: start_capture NS READY_TEXT COMMAND...
# Sets LAST_PID, and LAST_CAPTURE_LOG to the file with the tool's output.
start_capture() {
    local ns=$1 ready_text=$2 log_file waited=0
    shift 2
    log_file=$(mktemp "$WORK_DIR/capture.XXXXXX")
    LAST_CAPTURE_LOG=$log_file
    start_background "$ns" "$log_file" "$@"
    until grep -q "$ready_text" "$log_file"; do
        kill -0 "$LAST_PID" 2>/dev/null || die "capture failed to start: $(cat "$log_file")"
        (( waited < READY_TIMEOUT * 10 )) || die "capture not ready after ${READY_TIMEOUT}s: $*"
        sleep 0.1
        waited=$((waited + 1))
    done
}

# Stop a capture with SIGINT, so it writes its last packets, and wait.
# Fails if tcpdump reports packets dropped by the kernel.
# Usage: stop_capture PID LOG_FILE
stop_capture() {
    local pid=$1 log_file=$2 dropped
    sleep 0.5
    stop_group "$pid" INT
    forget_pid "$pid"
    dropped=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel$/\1/p' "$log_file")
    if [[ -n "$dropped" && "$dropped" != 0 ]]; then
        die "the capture lost $dropped packets: $(cat "$log_file")"
    fi
}

# Usage: tcpdump_capture NS INTERFACE FILE FILTER [TCPDUMP_OPTIONS...]
# Sets LAST_PID.
tcpdump_capture() {
    local ns=$1 interface=$2 file=$3 filter=$4
    shift 4
    rm -f "$file"
    # -Z root keeps root as owner, so tcpdump can write into OUT_DIR.
    # -B sets a 32 MiB buffer (the unit is KiB). With the default 2 MiB,
    # one run lost frames of a burst of 1514-byte frames on br0.
    start_capture "$ns" "listening on" \
        tcpdump --immediate-mode -U -s 0 -B 32768 -Z root -i "$interface" "$@" -w "$file" "$filter"
}

# Run a client that must succeed, with a hard time limit.
# Usage: run_client NS LOG_FILE COMMAND...
run_client() {
    local ns=$1 log_file=$2
    shift 2
    local command=("$@")
    [[ -z "$ns" ]] || command=(ip netns exec "$ns" "$@")
    if ! timeout "$CLIENT_TIMEOUT" "${command[@]}" >"$log_file" 2>&1; then
        cat "$log_file" >&2
        die "client failed: $*"
    fi
}

# Run a client that must fail because its association is rejected or
# aborted. Usage: run_failing_client LOG_FILE COMMAND...
run_failing_client() {
    local log_file=$1 status=0
    shift
    timeout "$CLIENT_TIMEOUT" "$@" >"$log_file" 2>&1 || status=$?
    (( status != 0 )) || die "client succeeded but the capture needs it to fail: $*"
    (( status != 124 )) || die "client timed out: $*"
}

# Usage: start_storescp NS NAME PORT [STORESCP_OPTIONS...]; sets LAST_PID.
# -dhl keeps storescp from resolving peer addresses through DNS.
start_storescp() {
    local ns=$1 name=$2 port=$3 out_dir
    shift 3
    out_dir="$WORK_DIR/received/$name"
    mkdir -p "$out_dir"
    start_background "$ns" "$WORK_DIR/$name.log" storescp -v -dhl -od "$out_dir" "$@" "$port"
    wait_listening "$ns" "$port"
}

# Usage: start_dcmqrscp NS NAME PORT MOVE_DEST_HOST MOVE_DEST_PORT
# Sets LAST_PID.
start_dcmqrscp() {
    local ns=$1 name=$2 port=$3 move_host=$4 move_port=$5
    local storage_dir="$WORK_DIR/$name-db" config="$WORK_DIR/$name.cfg"
    mkdir -p "$storage_dir/PACS" "$storage_dir/RESTRICTED"
    sed -e "s|@PORT@|$port|" -e "s|@STORAGE_DIR@|$storage_dir|g" \
        -e "s|@MOVE_DEST_HOST@|$move_host|" -e "s|@MOVE_DEST_PORT@|$move_port|" \
        "$SAMPLES_DIR/dcmqrscp.cfg.in" >"$config"
    # NOTE: dcmqrscp 3.6.7 (Debian 3.6.7-9~deb12u4) crashes with SIGSEGV
    # after the first association in --single-process mode, so it runs in
    # its default fork mode here.
    start_background "$ns" "$WORK_DIR/$name.log" dcmqrscp -v -dhl -c "$config"
    wait_listening "$ns" "$port"
}

build_objects() {
    local objects_dir="$WORK_DIR/objects"
    "$PYTHON" "$SAMPLES_DIR/objects/make_objects.py" "$objects_dir"
    CT="$objects_dir/ct.dcm"
    MR="$objects_dir/mr.dcm"
    SC="$objects_dir/sc.dcm"
}

# Send the three objects with the Samples profile: CT in explicit VR little
# endian, MR deflated and SC in explicit VR big endian.
# Usage: store_samples NS LOG_FILE CALLING_AE CALLED_AE HOST PORT [OPTIONS...]
store_samples() {
    local ns=$1 log_file=$2 calling=$3 called=$4 host=$5 port=$6
    shift 6
    run_client "$ns" "$log_file" storescu "${DCMTK_TIMEOUTS[@]}" \
        -xf "$STORESCU_PROFILE" Samples -aet "$calling" -aec "$called" \
        "$@" "$host" "$port" "$CT" "$MR" "$SC"
}

# One C-ECHO association and one C-STORE association (the CT object), for
# the link-type and file-format samples.
echo_and_store() {
    local name=$1 port=$2
    run_client "" "$WORK_DIR/$name-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec STORESCP 127.0.0.1 "$port"
    run_client "" "$WORK_DIR/$name-store.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY -aec STORESCP 127.0.0.1 "$port" "$CT"
}

capture_echo() {
    local scp cap cap_log
    log "echo.pcap: C-ECHO on port $PORT_ECHO"
    start_storescp "" echo-scp "$PORT_ECHO" -aet STORESCP
    scp=$LAST_PID
    tcpdump_capture "" lo "$OUT_DIR/echo.pcap" "tcp port $PORT_ECHO"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    run_client "" "$WORK_DIR/echo-scu.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec STORESCP 127.0.0.1 "$PORT_ECHO"
    stop_capture "$cap" "$cap_log"
    stop_background "$scp"
}

capture_store() {
    local scp cap cap_log
    log "store.pcap: three C-STORE on port $PORT_STORE"
    start_storescp "" store-scp "$PORT_STORE" -aet STORESCP +xa
    scp=$LAST_PID
    tcpdump_capture "" lo "$OUT_DIR/store.pcap" "tcp port $PORT_STORE"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    store_samples "" "$WORK_DIR/store-scu.log" MODALITY STORESCP 127.0.0.1 "$PORT_STORE"
    stop_capture "$cap" "$cap_log"
    stop_background "$scp"
}

# 4096 bytes is the smallest maximum PDU length that dcmtk 3.6.7 accepts.
capture_store_small_pdu() {
    local scp cap cap_log
    log "store-small-pdu.pcap: three C-STORE with 4096-byte PDUs on port $PORT_STORE_SMALL_PDU"
    start_storescp "" store-small-pdu-scp "$PORT_STORE_SMALL_PDU" -aet STORESCP +xa --max-pdu 4096
    scp=$LAST_PID
    tcpdump_capture "" lo "$OUT_DIR/store-small-pdu.pcap" "tcp port $PORT_STORE_SMALL_PDU"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    store_samples "" "$WORK_DIR/store-small-pdu-scu.log" MODALITY STORESCP \
        127.0.0.1 "$PORT_STORE_SMALL_PDU" --max-pdu 4096
    stop_capture "$cap" "$cap_log"
    stop_background "$scp"
}

# find.pcap, move.pcap and reject.pcap share one dcmqrscp.
capture_query_retrieve() {
    local qr dest cap cap_log
    start_dcmqrscp "" qr "$PORT_QR" 127.0.0.1 "$PORT_MOVE_DEST"
    qr=$LAST_PID
    start_storescp "" move-dest "$PORT_MOVE_DEST" -aet MOVEDEST
    dest=$LAST_PID

    log "seeding dcmqrscp on port $PORT_QR (not captured)"
    run_client "" "$WORK_DIR/seed-scu.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY -aec PACS 127.0.0.1 "$PORT_QR" "$CT" "$MR" "$SC"

    log "find.pcap: study root C-FIND on port $PORT_QR"
    tcpdump_capture "" lo "$OUT_DIR/find.pcap" "tcp port $PORT_QR"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    run_client "" "$WORK_DIR/find-scu.log" findscu "${DCMTK_TIMEOUTS[@]}" -S \
        -aet WORKSTATION -aec PACS \
        -k QueryRetrieveLevel=STUDY -k PatientName -k PatientID \
        -k StudyInstanceUID -k StudyDescription -k StudyDate \
        127.0.0.1 "$PORT_QR"
    stop_capture "$cap" "$cap_log"

    log "move.pcap: patient root C-MOVE to MOVEDEST on port $PORT_MOVE_DEST"
    tcpdump_capture "" lo "$OUT_DIR/move.pcap" "tcp port $PORT_QR or tcp port $PORT_MOVE_DEST"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    run_client "" "$WORK_DIR/move-scu.log" movescu "${DCMTK_TIMEOUTS[@]}" -P \
        -aet WORKSTATION -aec PACS -aem MOVEDEST \
        -k QueryRetrieveLevel=PATIENT -k PatientID=DW0001 \
        127.0.0.1 "$PORT_QR"
    stop_capture "$cap" "$cap_log"

    log "reject.pcap: unknown called AE title, then a calling AE title not in the peer list"
    tcpdump_capture "" lo "$OUT_DIR/reject.pcap" "tcp port $PORT_QR"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    run_failing_client "$WORK_DIR/reject-called-scu.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet WORKSTATION -aec UNKNOWN 127.0.0.1 "$PORT_QR"
    run_failing_client "$WORK_DIR/reject-calling-scu.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet STRANGER -aec RESTRICTED 127.0.0.1 "$PORT_QR"
    stop_capture "$cap" "$cap_log"

    stop_background "$dest"
    stop_background "$qr"
}

capture_abort() {
    local abort_scp plain_scp cap cap_log
    log "abort.pcap: SCP abort on port $PORT_ABORT_SCP, SCU abort on port $PORT_ABORT_SCU"
    start_storescp "" abort-scp "$PORT_ABORT_SCP" -aet ABORTSCP --abort-after
    abort_scp=$LAST_PID
    start_storescp "" abort-plain-scp "$PORT_ABORT_SCU" -aet STORESCP
    plain_scp=$LAST_PID
    tcpdump_capture "" lo "$OUT_DIR/abort.pcap" \
        "tcp port $PORT_ABORT_SCP or tcp port $PORT_ABORT_SCU"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    run_failing_client "$WORK_DIR/abort-scp-scu.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY -aec ABORTSCP 127.0.0.1 "$PORT_ABORT_SCP" "$CT"
    run_client "" "$WORK_DIR/abort-scu-scu.log" storescu "${DCMTK_TIMEOUTS[@]}" -R --abort \
        -aet MODALITY -aec STORESCP 127.0.0.1 "$PORT_ABORT_SCU" "$CT"
    stop_capture "$cap" "$cap_log"
    stop_background "$plain_scp"
    stop_background "$abort_scp"
}

capture_nonstandard_port() {
    local scp cap cap_log
    log "nonstandard-port.pcap: C-ECHO and C-STORE on port $PORT_NONSTANDARD"
    start_storescp "" nonstandard-scp "$PORT_NONSTANDARD" -aet STORESCP
    scp=$LAST_PID
    tcpdump_capture "" lo "$OUT_DIR/nonstandard-port.pcap" "tcp port $PORT_NONSTANDARD"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    echo_and_store nonstandard "$PORT_NONSTANDARD"
    stop_capture "$cap" "$cap_log"
    stop_background "$scp"
}

# dcmtk 3.6.7 has no IPv6, so two socat relays carry the association over
# [::1] and only that leg is captured:
# storescu -> 127.0.0.1:11118 -> [::1]:11119 -> 127.0.0.1:11120 storescp
capture_ipv6() {
    local scp server_relay client_relay cap cap_log
    log "ipv6.pcap: three C-STORE relayed over [::1]:$PORT_IPV6"
    start_storescp "" ipv6-scp "$PORT_IPV6_SCP" -aet STORESCP +xa
    scp=$LAST_PID
    start_background "" "$WORK_DIR/ipv6-server-relay.log" \
        socat "TCP6-LISTEN:$PORT_IPV6,bind=[::1],reuseaddr" "TCP4:127.0.0.1:$PORT_IPV6_SCP"
    server_relay=$LAST_PID
    start_background "" "$WORK_DIR/ipv6-client-relay.log" \
        socat "TCP4-LISTEN:$PORT_IPV6_CLIENT_RELAY,bind=127.0.0.1,reuseaddr" "TCP6:[::1]:$PORT_IPV6"
    client_relay=$LAST_PID
    wait_listening "" "$PORT_IPV6"
    wait_listening "" "$PORT_IPV6_CLIENT_RELAY"
    tcpdump_capture "" lo "$OUT_DIR/ipv6.pcap" "ip6 and tcp port $PORT_IPV6"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    store_samples "" "$WORK_DIR/ipv6-scu.log" MODALITY STORESCP 127.0.0.1 "$PORT_IPV6_CLIENT_RELAY"
    stop_capture "$cap" "$cap_log"
    stop_background "$client_relay"
    stop_background "$server_relay"
    stop_background "$scp"
}

capture_cooked_and_pcapng() {
    local scp cap cap_log
    start_storescp "" cooked-scp "$PORT_COOKED" -aet STORESCP
    scp=$LAST_PID
    log "cooked.pcap: tcpdump -i any (Linux cooked v2) on port $PORT_COOKED"
    tcpdump_capture "" any "$OUT_DIR/cooked.pcap" "tcp port $PORT_COOKED"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    echo_and_store cooked "$PORT_COOKED"
    stop_capture "$cap" "$cap_log"

    log "cooked-sll.pcap: tcpdump -i any -y LINUX_SLL (Linux cooked v1) on port $PORT_COOKED"
    tcpdump_capture "" any "$OUT_DIR/cooked-sll.pcap" "tcp port $PORT_COOKED" -y LINUX_SLL
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    echo_and_store cooked-sll "$PORT_COOKED"
    stop_capture "$cap" "$cap_log"
    stop_background "$scp"

    log "loopback.pcapng: dumpcap on lo, port $PORT_PCAPNG"
    start_storescp "" pcapng-scp "$PORT_PCAPNG" -aet STORESCP
    scp=$LAST_PID
    rm -f "$OUT_DIR/loopback.pcapng"
    start_capture "" "Capturing on" dumpcap -i lo -s 0 -B 32 \
        -f "tcp port $PORT_PCAPNG" -w "$OUT_DIR/loopback.pcapng"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    # dumpcap prints "Capturing on" just before it starts reading packets.
    sleep 0.5
    echo_and_store pcapng "$PORT_PCAPNG"
    stop_capture "$cap" "$cap_log"
    chmod 644 "$OUT_DIR/loopback.pcapng"
    stop_background "$scp"
}

create_namespace() {
    local ns=$1
    if ip netns list | grep -q "^$ns\b"; then
        die "namespace $ns exists; another run may be active, or delete it with: ip netns delete $ns"
    fi
    ip netns add "$ns"
    CREATED_NAMESPACES+=("$ns")
    ip -n "$ns" link set lo up
}

# Attach host namespace NS to the bridge with a veth pair. The end in the
# bridge namespace is called PORT_NAME, the end in NS is eth0.
attach_host() {
    local ns=$1 port_name=$2 ipv4=$3 ipv6=$4
    ip -n "$NS_BRIDGE" link add "$port_name" type veth peer name eth0 netns "$ns"
    # Without offloads every frame on the bridge stays within the 1500-byte
    # MTU, as on a physical wire.
    ip netns exec "$NS_BRIDGE" ethtool -K "$port_name" tso off gso off gro off
    ip netns exec "$ns" ethtool -K eth0 tso off gso off gro off
    ip -n "$NS_BRIDGE" link set "$port_name" master br0 up
    ip -n "$ns" addr add "$ipv4/24" dev eth0
    ip -n "$ns" addr add "$ipv6/64" dev eth0 nodad
    ip -n "$ns" link set eth0 up
}

setup_multihost() {
    create_namespace "$NS_BRIDGE"
    create_namespace "$NS_MODALITY"
    create_namespace "$NS_PACS"
    create_namespace "$NS_WORKSTATION"
    ip -n "$NS_BRIDGE" link add br0 type bridge stp_state 0
    ip -n "$NS_BRIDGE" link set br0 up
    attach_host "$NS_MODALITY" modality "$IP_MODALITY" "$IP6_MODALITY"
    attach_host "$NS_PACS" pacs "$IP_PACS" "$IP6_PACS"
    attach_host "$NS_WORKSTATION" workstation "$IP_WORKSTATION" "$IP6_WORKSTATION"
}

# Hosts: MODALITY1 (storescu, echoscu), PACS (dcmqrscp) and WORKSTATION1
# (echoscu, findscu, movescu, and a storescp called MOVEDEST as the move
# destination). tcpdump runs on br0; because it puts br0 in promiscuous
# mode, the bridge passes forwarded frames to br0 as well.
capture_multihost() {
    local pacs ws_store pacs_relay modality_relay cap cap_log
    log "multihost.pcap: three hosts on a bridge in network namespaces"
    setup_multihost

    start_dcmqrscp "$NS_PACS" multihost-pacs "$PORT_MULTIHOST" "$IP_WORKSTATION" "$PORT_MULTIHOST"
    pacs=$LAST_PID
    start_storescp "$NS_WORKSTATION" multihost-ws-store "$PORT_MULTIHOST" -aet MOVEDEST
    ws_store=$LAST_PID
    # IPv6 leg: MODALITY1 echoscu -> 127.0.0.1:11113 in the modality
    # namespace -> [2001:db8::20]:11113 -> 127.0.0.1:11112 dcmqrscp.
    start_background "$NS_PACS" "$WORK_DIR/multihost-pacs-relay.log" socat \
        "TCP6-LISTEN:$PORT_MULTIHOST_IPV6,bind=[$IP6_PACS],reuseaddr" \
        "TCP4:127.0.0.1:$PORT_MULTIHOST"
    pacs_relay=$LAST_PID
    start_background "$NS_MODALITY" "$WORK_DIR/multihost-modality-relay.log" socat \
        "TCP4-LISTEN:$PORT_MULTIHOST_IPV6,bind=127.0.0.1,reuseaddr" \
        "TCP6:[$IP6_PACS]:$PORT_MULTIHOST_IPV6"
    modality_relay=$LAST_PID
    wait_listening "$NS_PACS" "$PORT_MULTIHOST_IPV6"
    wait_listening "$NS_MODALITY" "$PORT_MULTIHOST_IPV6"

    tcpdump_capture "$NS_BRIDGE" br0 "$OUT_DIR/multihost.pcap" \
        "tcp port $PORT_MULTIHOST or tcp port $PORT_MULTIHOST_IPV6"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_client "$NS_MODALITY" "$WORK_DIR/multihost-store.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY1 -aec PACS "$IP_PACS" "$PORT_MULTIHOST" "$CT" "$MR" "$SC"
    run_client "$NS_WORKSTATION" "$WORK_DIR/multihost-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet WORKSTATION1 -aec PACS "$IP_PACS" "$PORT_MULTIHOST"
    run_client "$NS_WORKSTATION" "$WORK_DIR/multihost-find.log" findscu "${DCMTK_TIMEOUTS[@]}" -S \
        -aet WORKSTATION1 -aec PACS \
        -k QueryRetrieveLevel=STUDY -k PatientName -k PatientID \
        -k StudyInstanceUID -k StudyDescription -k StudyDate \
        "$IP_PACS" "$PORT_MULTIHOST"
    run_client "$NS_WORKSTATION" "$WORK_DIR/multihost-move.log" movescu "${DCMTK_TIMEOUTS[@]}" -P \
        -aet WORKSTATION1 -aec PACS -aem MOVEDEST \
        -k QueryRetrieveLevel=PATIENT -k PatientID=DW0001 \
        "$IP_PACS" "$PORT_MULTIHOST"
    run_client "$NS_MODALITY" "$WORK_DIR/multihost-echo6.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet MODALITY1 -aec PACS 127.0.0.1 "$PORT_MULTIHOST_IPV6"
    stop_capture "$cap" "$cap_log"

    stop_background "$modality_relay"
    stop_background "$pacs_relay"
    stop_background "$ws_store"
    stop_background "$pacs"
}

# The kernel of the machine these samples were made on lacks 802.1Q
# support (CONFIG_VLAN_8021Q is not set), so no namespace can send tagged
# frames. vlan.pcap is therefore the MODALITY1 C-STORE leg of
# multihost.pcap with a VLAN tag that tcprewrite inserts into every frame.
make_vlan_sample() {
    local leg="$WORK_DIR/multihost-modality-leg.pcap"
    log "vlan.pcap: MODALITY1 leg of multihost.pcap tagged with VLAN $VLAN_ID"
    tcpdump -r "$OUT_DIR/multihost.pcap" -w "$leg" \
        "host $IP_MODALITY and tcp port $PORT_MULTIHOST" 2>/dev/null
    tcprewrite --enet-vlan=add --enet-vlan-tag="$VLAN_ID" --enet-vlan-cfi=0 \
        --enet-vlan-pri=0 --infile="$leg" --outfile="$OUT_DIR/vlan.pcap"
}

# Check that no capture misses a TCP segment, and print a summary of each.
# The summary lists the link type and packet count, then the association
# PDUs (A-ASSOCIATE, A-RELEASE, A-ABORT) with addresses and AE titles.
# tshark's one-line view of every DICOM PDU and each DIMSE command field
# with its status follow. Each entry is FILE:PORT[,PORT], where the ports
# are the server ports to decode as DICOM.
summarize() {
    local entry file ports port decode lost
    local fields=(-e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst
        -e tcp.dstport -e dicom.pdu.type -e dicom.assoc.ae.calling -e dicom.assoc.ae.called
        -e dicom.userinfo.uid -e dicom.userinfo.version -e dicom.max_pdu_len
        -e dicom.assoc.reject.result -e dicom.assoc.reject.source -e dicom.assoc.reject.reason
        -e dicom.assoc.abort.source -e dicom.assoc.abort.reason)
    for entry in "echo.pcap:$PORT_ECHO" "store.pcap:$PORT_STORE" \
        "store-small-pdu.pcap:$PORT_STORE_SMALL_PDU" "find.pcap:$PORT_QR" \
        "move.pcap:$PORT_QR,$PORT_MOVE_DEST" "reject.pcap:$PORT_QR" \
        "abort.pcap:$PORT_ABORT_SCP,$PORT_ABORT_SCU" \
        "nonstandard-port.pcap:$PORT_NONSTANDARD" "ipv6.pcap:$PORT_IPV6" \
        "cooked.pcap:$PORT_COOKED" "cooked-sll.pcap:$PORT_COOKED" \
        "loopback.pcapng:$PORT_PCAPNG" \
        "multihost.pcap:$PORT_MULTIHOST,$PORT_MULTIHOST_IPV6" "vlan.pcap:$PORT_MULTIHOST"; do
        file="$OUT_DIR/${entry%%:*}"
        ports=${entry#*:}
        decode=()
        for port in ${ports//,/ }; do
            decode+=(-d "tcp.port==$port,dicom")
        done
        lost=$(tshark -r "$file" -Y "tcp.analysis.lost_segment or tcp.analysis.ack_lost_segment" 2>/dev/null | wc -l)
        (( lost == 0 )) || die "$file misses TCP segments ($lost frames flagged by tshark)"
        echo "== ${entry%%:*}: $(capinfos -T -r -c -E "$file" | cut -f 2- | tr '\t' ' ') packets, $(stat -c %s "$file") bytes"
        echo "stream|ip.src|ipv6.src|sport|ip.dst|ipv6.dst|dport|pdu|calling|called|impl.uid|impl.version|max.pdu|rj.result|rj.source|rj.reason|abort.source|abort.reason"
        tshark -r "$file" "${decode[@]}" -T fields -E separator='|' "${fields[@]}" \
            -Y "dicom.pdu.type==1 or dicom.pdu.type==2 or dicom.pdu.type==3 or dicom.pdu.type==5 or dicom.pdu.type==6 or dicom.pdu.type==7" 2>/dev/null
        tshark -r "$file" "${decode[@]}" -Y dicom 2>/dev/null
        echo "-- DIMSE command fields and statuses in $file:"
        tshark -r "$file" "${decode[@]}" -V 2>/dev/null |
            sed -n 's/^ *(0000,0100) .*Command Field *\(.*\)$/  \1/p; s/^ *(0000,0900) .*Status *\(.*\)$/    status: \1/p'
    done
}

main() {
    [[ $EUID -eq 0 ]] || die "run as root (needs tcpdump and network namespaces)"
    local tool
    for tool in storescu storescp dcmqrscp findscu movescu echoscu tcpdump dumpcap \
        tshark capinfos tcprewrite socat ip ss ethtool setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install the packages listed at the top of $0"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found"

    check_ports_free "${LOOPBACK_PORTS[@]}"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    build_objects

    capture_echo
    capture_store
    capture_store_small_pdu
    capture_query_retrieve
    capture_abort
    capture_nonstandard_port
    capture_ipv6
    capture_cooked_and_pcapng
    capture_multihost
    make_vlan_sample
    summarize
    log "done; captures are in $OUT_DIR"
}

# generate-findings.sh sources this file for its helpers without running main.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
