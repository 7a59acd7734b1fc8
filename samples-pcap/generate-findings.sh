#!/usr/bin/env bash
# Make the captures that the findings tests replay, with real dcmtk peers
# in network namespaces on one bridge.
#
# Run as root from any directory: samples-pcap/generate-findings.sh
# Set OUT_DIR to write the captures somewhere other than samples-pcap/.
# It needs the packages that generate.sh lists, and openssl for the
# self-signed certificate of the DICOM TLS capture.
#
# Addresses are documentation ranges only. The tests declare
# 192.0.2.0/24 internal and 198.51.100.64/26 a VPN range, so 203.0.113.0/24
# and the rest of 198.51.100.0/24 are outside (see findings-test.yaml).
#
# | namespace        | addresses                     | role                          |
# | dwfind-pacs      | 192.0.2.20 (.21-.24 idle)     | dcmqrscp PACS on 11112        |
# | dwfind-ws        | 192.0.2.30                    | workstation, storescp MOVEDEST|
# | dwfind-modality  | 192.0.2.10                    | modality                      |
# | dwfind-outside   | 203.0.113.50 (.51-.54)        | outside host and scanner      |
# | dwfind-partner   | 198.51.100.7                  | teleradiology partner TELERAD |
# | dwfind-vpn       | 198.51.100.77                 | VPN client                    |
#
# On exit the EXIT trap of generate.sh stops every process started here
# and deletes these namespaces and the temporary directory.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

NS_FBRIDGE=dwfind-bridge
NS_FPACS=dwfind-pacs
NS_FWS=dwfind-ws
NS_FMODALITY=dwfind-modality
NS_FOUTSIDE=dwfind-outside
NS_FPARTNER=dwfind-partner
NS_FVPN=dwfind-vpn
F_PACS=192.0.2.20
F_WS=192.0.2.30
F_MODALITY=192.0.2.10
F_OUTSIDE=203.0.113.50
F_PARTNER=198.51.100.7
F_VPN=198.51.100.77
F_PORT=11112

# Attach NS to the bridge with ADDRESSES (first one primary, /24 each) and an
# on-link default route, so hosts in different documentation ranges reach
# each other on the one bridge without a router.
attach_findings_host() {
    local ns=$1 port_name=$2 address
    shift 2
    create_namespace "$ns"
    ip -n "$NS_FBRIDGE" link add "$port_name" type veth peer name eth0 netns "$ns"
    ip netns exec "$NS_FBRIDGE" ethtool -K "$port_name" tso off gso off gro off >/dev/null
    ip netns exec "$ns" ethtool -K eth0 tso off gso off gro off >/dev/null
    ip -n "$NS_FBRIDGE" link set "$port_name" master br0 up
    for address in "$@"; do
        ip -n "$ns" addr add "$address/24" dev eth0
    done
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add default dev eth0
}

setup_findings_network() {
    create_namespace "$NS_FBRIDGE"
    ip -n "$NS_FBRIDGE" link add br0 type bridge stp_state 0
    ip -n "$NS_FBRIDGE" link set br0 up
    attach_findings_host "$NS_FPACS" pacs "$F_PACS" 192.0.2.21 192.0.2.22 192.0.2.23 192.0.2.24
    attach_findings_host "$NS_FWS" ws "$F_WS"
    attach_findings_host "$NS_FMODALITY" modality "$F_MODALITY"
    attach_findings_host "$NS_FOUTSIDE" outside "$F_OUTSIDE" 203.0.113.51 203.0.113.52 203.0.113.53 203.0.113.54
    attach_findings_host "$NS_FPARTNER" partner "$F_PARTNER"
    attach_findings_host "$NS_FVPN" vpn "$F_VPN"
}

start_bridge_capture() {
    tcpdump_capture "$NS_FBRIDGE" br0 "$OUT_DIR/$1" "tcp"
    CAP=$LAST_PID
    CAP_LOG=$LAST_CAPTURE_LOG
}

# A TCP connection attempt without DICOM from NS (bound to SOURCE) to
# HOST:PORT; nothing listens there, so the host sends a reset.
connect_attempt() {
    local ns=$1 source=$2 host=$3 port=$4
    ip netns exec "$ns" timeout 5 socat -u /dev/null "TCP:$host:$port,bind=$source,connect-timeout=2" \
        >/dev/null 2>&1 || true
}

capture_outside_and_vpn() {
    local pacs partner vpn_scp
    start_dcmqrscp "$NS_FPACS" find-pacs "$F_PORT" "$F_WS" "$F_PORT"
    pacs=$LAST_PID
    start_storescp "$NS_FPARTNER" find-partner "$F_PORT" -aet TELERAD
    partner=$LAST_PID
    start_storescp "$NS_FVPN" find-vpn-scp "$F_PORT" -aet HOMEREAD
    vpn_scp=$LAST_PID

    log "findings-outside.pcap: outside host stores to PACS, workstation stores to a partner"
    start_bridge_capture findings-outside.pcap
    run_client "$NS_FOUTSIDE" "$WORK_DIR/outside-store.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet REMOTE1 -aec PACS "$F_PACS" "$F_PORT" "$CT"
    run_client "$NS_FWS" "$WORK_DIR/ws-telerad.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet WORKSTATION1 -aec TELERAD "$F_PARTNER" "$F_PORT" "$CT"
    stop_capture "$CAP" "$CAP_LOG"

    log "findings-vpn.pcap: the same exchanges with a VPN client"
    start_bridge_capture findings-vpn.pcap
    run_client "$NS_FVPN" "$WORK_DIR/vpn-store.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet HOMEREAD -aec PACS "$F_PACS" "$F_PORT" "$CT"
    run_client "$NS_FWS" "$WORK_DIR/ws-vpn.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet WORKSTATION1 -aec HOMEREAD "$F_VPN" "$F_PORT" "$CT"
    stop_capture "$CAP" "$CAP_LOG"

    log "findings-user-identity.pcap: storescu sends a username and passcode"
    start_bridge_capture findings-user-identity.pcap
    run_client "$NS_FWS" "$WORK_DIR/ws-user.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        --user dwuser --password dwsecret -aet WORKSTATION1 -aec PACS "$F_PACS" "$F_PORT" "$CT"
    stop_capture "$CAP" "$CAP_LOG"

    stop_background "$vpn_scp"
    stop_background "$partner"
    stop_background "$pacs"
}

capture_two_ports_and_tls() {
    local pacs second tls_scp cert_dir="$WORK_DIR/tls"
    start_dcmqrscp "$NS_FPACS" two-port-pacs "$F_PORT" "$F_WS" "$F_PORT"
    pacs=$LAST_PID
    start_storescp "$NS_FPACS" two-port-104 104 -aet PACS104
    second=$LAST_PID

    log "findings-two-ports.pcap: one host answers on 104 and $F_PORT"
    start_bridge_capture findings-two-ports.pcap
    run_client "$NS_FWS" "$WORK_DIR/two-port-a.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet WORKSTATION1 -aec PACS "$F_PACS" "$F_PORT" "$CT"
    run_client "$NS_FWS" "$WORK_DIR/two-port-b.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet WORKSTATION1 -aec PACS104 "$F_PACS" 104 "$CT"
    stop_capture "$CAP" "$CAP_LOG"
    stop_background "$second"
    stop_background "$pacs"

    mkdir -p "$cert_dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=dicomwatch test PACS" \
        -keyout "$cert_dir/key.pem" -out "$cert_dir/cert.pem" 2>/dev/null
    start_storescp "$NS_FPACS" tls-scp 2762 -aet PACSTLS +tls "$cert_dir/key.pem" "$cert_dir/cert.pem" -ic
    tls_scp=$LAST_PID
    log "findings-tls.pcap: storescu stores over DICOM TLS on port 2762"
    start_bridge_capture findings-tls.pcap
    run_client "$NS_FWS" "$WORK_DIR/tls-store.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        +tls "$cert_dir/key.pem" "$cert_dir/cert.pem" -ic -aet WORKSTATION1 -aec PACSTLS "$F_PACS" 2762 "$CT"
    stop_capture "$CAP" "$CAP_LOG"
    stop_background "$tls_scp"
}

capture_scan() {
    local pacs ws_scp title host source
    start_dcmqrscp "$NS_FPACS" scan-pacs "$F_PORT" "$F_WS" "$F_PORT"
    pacs=$LAST_PID
    start_storescp "$NS_FWS" scan-ws "$F_PORT" -aet MOVEDEST
    ws_scp=$LAST_PID

    log "findings-scan.pcap: default-title C-ECHO, AE title guessing, SYN sweep"
    start_bridge_capture findings-scan.pcap
    # echoscu's defaults (ECHOSCU calling ANY-SCP) are what nmap's dicom-ping sends too.
    run_client "$NS_FOUTSIDE" "$WORK_DIR/scan-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" "$F_WS" "$F_PORT"
    for title in ADMIN ARCHIVE DCM4CHEE ORTHANC SERVER STORE; do
        run_failing_client "$WORK_DIR/scan-guess-$title.log" ip netns exec "$NS_FOUTSIDE" \
            echoscu "${DCMTK_TIMEOUTS[@]}" -aec "$title" "$F_PACS" "$F_PORT"
    done
    for host in 192.0.2.21 192.0.2.22 192.0.2.23 192.0.2.24; do
        connect_attempt "$NS_FOUTSIDE" "$F_OUTSIDE" "$host" 104
    done
    for source in 203.0.113.51 203.0.113.52 203.0.113.53 203.0.113.54; do
        connect_attempt "$NS_FOUTSIDE" "$source" "$F_PACS" 104
    done
    stop_capture "$CAP" "$CAP_LOG"
    stop_background "$ws_scp"
    stop_background "$pacs"
}

# Normal internal traffic that must raise no finding: data first, so the
# nodes and MOVEDEST are in the baseline before the C-ECHO and the C-MOVE.
capture_clean() {
    local pacs ws_scp
    start_dcmqrscp "$NS_FPACS" clean-pacs "$F_PORT" "$F_WS" "$F_PORT"
    pacs=$LAST_PID
    start_storescp "$NS_FWS" clean-ws "$F_PORT" -aet MOVEDEST
    ws_scp=$LAST_PID

    log "findings-clean.pcap: store, echo, narrow C-FIND and C-MOVE to a known destination"
    start_bridge_capture findings-clean.pcap
    run_client "$NS_FMODALITY" "$WORK_DIR/clean-store-pacs.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY1 -aec PACS "$F_PACS" "$F_PORT" "$CT" "$MR" "$SC"
    run_client "$NS_FMODALITY" "$WORK_DIR/clean-store-ws.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY1 -aec MOVEDEST "$F_WS" "$F_PORT" "$CT"
    run_client "$NS_FMODALITY" "$WORK_DIR/clean-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet MODALITY1 -aec PACS "$F_PACS" "$F_PORT"
    run_client "$NS_FWS" "$WORK_DIR/clean-find.log" findscu "${DCMTK_TIMEOUTS[@]}" -S \
        -aet WORKSTATION1 -aec PACS -k QueryRetrieveLevel=STUDY -k PatientID=DW0001 \
        -k StudyInstanceUID -k StudyDate "$F_PACS" "$F_PORT"
    run_client "$NS_FWS" "$WORK_DIR/clean-move.log" movescu "${DCMTK_TIMEOUTS[@]}" -P \
        -aet WORKSTATION1 -aec PACS -aem MOVEDEST -k QueryRetrieveLevel=PATIENT -k PatientID=DW0001 \
        "$F_PACS" "$F_PORT"
    stop_capture "$CAP" "$CAP_LOG"
    stop_background "$ws_scp"
    stop_background "$pacs"
}

# A PACS restart: three established clients query, then find the port
# closed while the PACS is down, then echo once it is back. Refused
# connections from established nodes are no probing.
capture_pacs_restart() {
    local pacs ns title client
    start_dcmqrscp "$NS_FPACS" restart-pacs "$F_PORT" "$F_WS" "$F_PORT"
    pacs=$LAST_PID

    log "findings-pacs-restart.pcap: established clients refused while the PACS restarts"
    start_bridge_capture findings-pacs-restart.pcap
    for client in "$NS_FMODALITY MODALITY1" "$NS_FWS WORKSTATION1" "$NS_FVPN HOMEREAD"; do
        read -r ns title <<<"$client"
        run_client "$ns" "$WORK_DIR/restart-find-$title.log" findscu "${DCMTK_TIMEOUTS[@]}" -S \
            -aet "$title" -aec PACS -k QueryRetrieveLevel=STUDY -k PatientID=DW0001 -k StudyInstanceUID \
            "$F_PACS" "$F_PORT"
    done
    stop_background "$pacs"
    for client in "$NS_FMODALITY MODALITY1" "$NS_FWS WORKSTATION1" "$NS_FVPN HOMEREAD"; do
        read -r ns title <<<"$client"
        run_failing_client "$WORK_DIR/restart-refused-$title.log" ip netns exec "$ns" \
            echoscu "${DCMTK_TIMEOUTS[@]}" -aet "$title" -aec PACS "$F_PACS" "$F_PORT"
    done
    start_dcmqrscp "$NS_FPACS" restart-pacs-again "$F_PORT" "$F_WS" "$F_PORT"
    pacs=$LAST_PID
    for client in "$NS_FMODALITY MODALITY1" "$NS_FWS WORKSTATION1" "$NS_FVPN HOMEREAD"; do
        read -r ns title <<<"$client"
        run_client "$ns" "$WORK_DIR/restart-echo-$title.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
            -aet "$title" -aec PACS "$F_PACS" "$F_PORT"
    done
    stop_capture "$CAP" "$CAP_LOG"
    stop_background "$pacs"
}

findings_main() {
    [[ $EUID -eq 0 ]] || die "run as root (needs tcpdump and network namespaces)"
    local tool
    for tool in storescu storescp dcmqrscp findscu movescu echoscu tcpdump socat openssl ip ss ethtool \
        setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install the packages listed in generate.sh"
    done
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-findings.XXXXXX)
    mkdir -p "$OUT_DIR"
    build_objects
    setup_findings_network
    capture_outside_and_vpn
    capture_two_ports_and_tls
    capture_scan
    capture_clean
    capture_pacs_restart
    log "done; captures are in $OUT_DIR"
}

findings_main "$@"
