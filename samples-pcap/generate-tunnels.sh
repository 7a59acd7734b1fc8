#!/usr/bin/env bash
# Make the tunnel captures: a C-ECHO and a C-STORE association between dcmtk peers in two network
# namespaces, seen on the wire inside the tunnels that deliver mirrored traffic to a sensor.
#
#   vxlan.pcap    a real Linux VXLAN tunnel (VNI 42, UDP port 4789) between the namespaces,
#                 captured on the underlay veth.
#   gre.pcap, gretap.pcap, erspan2.pcap, erspan3.pcap, geneve.pcap, ipip.pcap, sit.pcap, mpls.pcap
#                 a real capture of the same exchange on a plain veth, each frame wrapped by
#                 wrap-tunnels.py (scapy). The kernel these samples were made on has no GRE,
#                 ERSPAN, Geneve, IPIP, SIT or MPLS forwarding (see README.md). sit.pcap carries
#                 the IPv6 leg, relayed by socat because dcmtk 3.6.7 has no IPv6.
#
# Run as root from any directory: samples-pcap/generate-tunnels.sh
# Set OUT_DIR to write the captures somewhere other than samples-pcap/.
# It needs the packages that generate.sh lists and python3-scapy, run with /usr/bin/python3. It
# creates the namespaces dwtun-client and dwtun-server, with addresses from 192.0.2.0/24,
# 198.51.100.0/24 and 2001:db8::/32, and deletes them on exit.

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

NS_CLIENT=dwtun-client
NS_SERVER=dwtun-server
# The tunnel endpoints (underlay) and the DICOM peers inside the tunnel (overlay).
UNDERLAY_CLIENT=198.51.100.1
UNDERLAY_SERVER=198.51.100.2
IP_CLIENT=192.0.2.110
IP_SERVER=192.0.2.120
IP6_CLIENT=2001:db8::110
IP6_SERVER=2001:db8::120
VXLAN_ID=42
VXLAN_PORT=4789
PORT_SCP=11112
PORT_IPV6=11113

setup_namespaces() {
    create_namespace "$NS_CLIENT"
    create_namespace "$NS_SERVER"
    ip -n "$NS_CLIENT" link add eth0 type veth peer name eth0 netns "$NS_SERVER"
    ip -n "$NS_CLIENT" addr add "$UNDERLAY_CLIENT/24" dev eth0
    ip -n "$NS_SERVER" addr add "$UNDERLAY_SERVER/24" dev eth0
    for ns in "$NS_CLIENT" "$NS_SERVER"; do
        # Without offloads every frame stays within the 1500-byte MTU, as on a physical wire.
        ip netns exec "$ns" ethtool -K eth0 tso off gso off gro off >/dev/null
        ip -n "$ns" link set eth0 up
    done
}

# Usage: add_vxlan NS LOCAL REMOTE ADDRESS
add_vxlan() {
    local ns=$1 local_address=$2 remote_address=$3 address=$4
    ip -n "$ns" link add vxlan0 type vxlan id "$VXLAN_ID" local "$local_address" remote "$remote_address" \
        dstport "$VXLAN_PORT" dev eth0
    ip netns exec "$ns" ethtool -K vxlan0 tso off gso off gro off >/dev/null
    ip -n "$ns" addr add "$address/24" dev vxlan0
    ip -n "$ns" link set vxlan0 up
}

# One C-ECHO and one C-STORE (the CT object) from the client namespace to HOST:PORT.
echo_and_store_from_client() {
    local name=$1 host=$2 port=$3
    run_client "$NS_CLIENT" "$WORK_DIR/$name-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec STORESCP "$host" "$port"
    run_client "$NS_CLIENT" "$WORK_DIR/$name-store.log" storescu "${DCMTK_TIMEOUTS[@]}" -R \
        -aet MODALITY -aec STORESCP "$host" "$port" "$CT"
}

capture_vxlan() {
    local scp cap cap_log
    log "vxlan.pcap: VXLAN $VXLAN_ID over $UNDERLAY_CLIENT-$UNDERLAY_SERVER, DICOM between $IP_CLIENT and $IP_SERVER"
    add_vxlan "$NS_CLIENT" "$UNDERLAY_CLIENT" "$UNDERLAY_SERVER" "$IP_CLIENT"
    add_vxlan "$NS_SERVER" "$UNDERLAY_SERVER" "$UNDERLAY_CLIENT" "$IP_SERVER"
    start_storescp "$NS_SERVER" vxlan-scp "$PORT_SCP" -aet STORESCP
    scp=$LAST_PID
    tcpdump_capture "$NS_CLIENT" eth0 "$OUT_DIR/vxlan.pcap" "udp port $VXLAN_PORT"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    echo_and_store_from_client vxlan "$IP_SERVER" "$PORT_SCP"
    stop_capture "$cap" "$cap_log"
    stop_background "$scp"
    ip -n "$NS_CLIENT" link delete vxlan0
    ip -n "$NS_SERVER" link delete vxlan0
}

# Captures the plain exchange that wrap-tunnels.py puts into tunnels: inner4.pcap over IPv4 and
# inner6.pcap over IPv6, where socat relays connect dcmtk to [IP6_SERVER]:PORT_IPV6.
capture_inner() {
    local scp server_relay client_relay cap cap_log
    ip -n "$NS_CLIENT" addr add "$IP_CLIENT/24" dev eth0
    ip -n "$NS_SERVER" addr add "$IP_SERVER/24" dev eth0
    ip -n "$NS_CLIENT" addr add "$IP6_CLIENT/64" dev eth0 nodad
    ip -n "$NS_SERVER" addr add "$IP6_SERVER/64" dev eth0 nodad
    start_storescp "$NS_SERVER" inner-scp "$PORT_SCP" -aet STORESCP
    scp=$LAST_PID

    log "inner capture over IPv4, $IP_CLIENT to $IP_SERVER:$PORT_SCP"
    tcpdump_capture "$NS_CLIENT" eth0 "$WORK_DIR/inner4.pcap" "ip and tcp port $PORT_SCP"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    echo_and_store_from_client inner4 "$IP_SERVER" "$PORT_SCP"
    stop_capture "$cap" "$cap_log"

    log "inner capture over IPv6, [$IP6_CLIENT] to [$IP6_SERVER]:$PORT_IPV6"
    start_background "$NS_SERVER" "$WORK_DIR/inner6-server-relay.log" socat \
        "TCP6-LISTEN:$PORT_IPV6,bind=[$IP6_SERVER],reuseaddr,fork" "TCP4:127.0.0.1:$PORT_SCP"
    server_relay=$LAST_PID
    start_background "$NS_CLIENT" "$WORK_DIR/inner6-client-relay.log" socat \
        "TCP4-LISTEN:$PORT_IPV6,bind=127.0.0.1,reuseaddr,fork" "TCP6:[$IP6_SERVER]:$PORT_IPV6"
    client_relay=$LAST_PID
    wait_listening "$NS_SERVER" "$PORT_IPV6"
    wait_listening "$NS_CLIENT" "$PORT_IPV6"
    tcpdump_capture "$NS_CLIENT" eth0 "$WORK_DIR/inner6.pcap" "ip6 and tcp port $PORT_IPV6"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG
    echo_and_store_from_client inner6 127.0.0.1 "$PORT_IPV6"
    stop_capture "$cap" "$cap_log"

    stop_background "$client_relay"
    stop_background "$server_relay"
    stop_background "$scp"
}

# Prints, for each capture, the association PDUs with the inner addresses and AE titles, and the
# DIMSE command fields, as tshark decodes them through the tunnel.
summarize_tunnels() {
    local file lost
    local fields=(-e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport
        -e vlan.id -e erspan.vlan -e dicom.pdu.type -e dicom.assoc.ae.calling -e dicom.assoc.ae.called)
    for file in vxlan gre gretap erspan2 erspan3 geneve ipip sit mpls; do
        file="$OUT_DIR/$file.pcap"
        lost=$(tshark -r "$file" -Y "tcp.analysis.lost_segment or tcp.analysis.ack_lost_segment" 2>/dev/null | wc -l)
        (( lost == 0 )) || die "$file misses TCP segments ($lost frames flagged by tshark)"
        echo "== $(basename "$file"): $(capinfos -T -r -c -E "$file" | cut -f 2- | tr '\t' ' ') packets, $(stat -c %s "$file") bytes"
        echo "stream|ip.src|ipv6.src|sport|ip.dst|ipv6.dst|dport|vlan|erspan.vlan|pdu|calling|called"
        tshark -r "$file" -T fields -E separator='|' "${fields[@]}" \
            -Y "dicom.pdu.type==1 or dicom.pdu.type==2 or dicom.pdu.type==3 or dicom.pdu.type==5 or dicom.pdu.type==6 or dicom.pdu.type==7" 2>/dev/null
        echo "-- DIMSE command fields and statuses in $(basename "$file"):"
        tshark -r "$file" -V 2>/dev/null |
            sed -n 's/^ *(0000,0100) .*Command Field *\(.*\)$/  \1/p; s/^ *(0000,0900) .*Status *\(.*\)$/    status: \1/p'
    done
}

tunnels_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: namespaces and tcpdump need root; run it with sudo"
    local tool
    for tool in storescp storescu echoscu tcpdump tshark capinfos socat ip ss ethtool setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install the packages listed in generate.sh"
    done
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; install python3-scapy and python3-pydicom"
    "$PYTHON" -c 'import scapy' 2>/dev/null || die "scapy not found for $PYTHON; install python3-scapy"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    build_objects
    setup_namespaces
    capture_vxlan
    capture_inner
    "$PYTHON" "$SAMPLES_DIR/wrap-tunnels.py" "$WORK_DIR/inner4.pcap" "$WORK_DIR/inner6.pcap" "$OUT_DIR"
    summarize_tunnels
    log "done; the tunnel captures are in $OUT_DIR"
}

tunnels_main "$@"
