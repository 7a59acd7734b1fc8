#!/usr/bin/env bash
# Make the IP fragment samples from a real dcmtk exchange over loopback:
#
#   fragments-original.pcap  the capture as tcpdump wrote it:
#                            1. ECHOSCU sends one C-ECHO to storescp (STORESCP, 127.0.0.1:11128).
#                            2. MODALITY stores the three sample objects there in one association.
#                            3. MODALITY6 stores them in storescp STORESCP6 over IPv6: socat relays
#                               carry storescu's connection to [::1]:11130, and only that leg is
#                               captured, as in ipv6.pcap.
#   fragments.pcap           the same frames with every packet that carries TCP payload cut into
#                            IPv4 or IPv6 fragments by fragment.py (see its header for sizes and
#                            orders), so its associations must match those of the original.
#
# Linux TCP avoids fragmentation (path MTU discovery sets don't-fragment), so the fragments are
# made after the capture, from the captured packets, with scapy.
#
# Run as root from any directory: samples-pcap/generate-fragments.sh
# Set OUT_DIR to write the captures somewhere other than samples-pcap/.
# It needs the packages that generate.sh lists and python3-scapy (under /usr/bin/python3).

set -euo pipefail

# shellcheck source=generate.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/generate.sh"

PORT_FRAGMENTS=11128
PORT_FRAGMENTS_CLIENT_RELAY=11129
PORT_FRAGMENTS_IPV6=11130
PORT_FRAGMENTS_IPV6_SCP=11131

capture_original() {
    local scp scp6 server_relay client_relay cap cap_log
    log "fragments-original.pcap: C-ECHO and C-STORE on $PORT_FRAGMENTS, C-STORE over [::1]:$PORT_FRAGMENTS_IPV6"
    start_storescp "" fragments-scp "$PORT_FRAGMENTS" -aet STORESCP +xa
    scp=$LAST_PID
    start_storescp "" fragments-scp6 "$PORT_FRAGMENTS_IPV6_SCP" -aet STORESCP6 +xa
    scp6=$LAST_PID
    start_background "" "$WORK_DIR/fragments-server-relay.log" \
        socat "TCP6-LISTEN:$PORT_FRAGMENTS_IPV6,bind=[::1],reuseaddr" "TCP4:127.0.0.1:$PORT_FRAGMENTS_IPV6_SCP"
    server_relay=$LAST_PID
    start_background "" "$WORK_DIR/fragments-client-relay.log" \
        socat "TCP4-LISTEN:$PORT_FRAGMENTS_CLIENT_RELAY,bind=127.0.0.1,reuseaddr" "TCP6:[::1]:$PORT_FRAGMENTS_IPV6"
    client_relay=$LAST_PID
    wait_listening "" "$PORT_FRAGMENTS_IPV6"
    wait_listening "" "$PORT_FRAGMENTS_CLIENT_RELAY"
    tcpdump_capture "" lo "$OUT_DIR/fragments-original.pcap" \
        "(ip and tcp port $PORT_FRAGMENTS) or (ip6 and tcp port $PORT_FRAGMENTS_IPV6)"
    cap=$LAST_PID
    cap_log=$LAST_CAPTURE_LOG

    run_client "" "$WORK_DIR/fragments-echo.log" echoscu "${DCMTK_TIMEOUTS[@]}" \
        -aet ECHOSCU -aec STORESCP 127.0.0.1 "$PORT_FRAGMENTS"
    store_samples "" "$WORK_DIR/fragments-store.log" MODALITY STORESCP 127.0.0.1 "$PORT_FRAGMENTS"
    store_samples "" "$WORK_DIR/fragments-store6.log" MODALITY6 STORESCP6 127.0.0.1 "$PORT_FRAGMENTS_CLIENT_RELAY"

    stop_capture "$cap" "$cap_log"
    stop_background "$client_relay"
    stop_background "$server_relay"
    stop_background "$scp6"
    stop_background "$scp"
}

# Print the association PDUs that tshark finds in a capture, one line each, without frame numbers.
association_pdus() {
    tshark -r "$1" -d "tcp.port==$PORT_FRAGMENTS,dicom" -d "tcp.port==$PORT_FRAGMENTS_IPV6,dicom" \
        -T fields -E separator='|' -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport \
        -e dicom.pdu.type -e dicom.assoc.ae.calling -e dicom.assoc.ae.called \
        -Y "dicom.pdu.type==1 or dicom.pdu.type==2 or dicom.pdu.type==3 or dicom.pdu.type==5 or dicom.pdu.type==6" \
        2>/dev/null
}

# tshark reassembles IP fragments by default, so both captures must show the same association PDUs
# and the same DIMSE command fields.
check_same_associations() {
    local original="$OUT_DIR/fragments-original.pcap" fragmented="$OUT_DIR/fragments.pcap" lost
    lost=$(tshark -r "$original" -Y "tcp.analysis.lost_segment or tcp.analysis.ack_lost_segment" 2>/dev/null | wc -l)
    (( lost == 0 )) || die "$original misses TCP segments ($lost frames flagged by tshark)"
    association_pdus "$original" >"$WORK_DIR/original-pdus.txt"
    association_pdus "$fragmented" >"$WORK_DIR/fragmented-pdus.txt"
    [[ -s "$WORK_DIR/original-pdus.txt" ]] || die "tshark finds no association PDU in $original"
    diff "$WORK_DIR/original-pdus.txt" "$WORK_DIR/fragmented-pdus.txt" >&2 ||
        die "tshark finds other association PDUs in $fragmented than in $original"
    for file in "$original" "$fragmented"; do
        tshark -r "$file" -d "tcp.port==$PORT_FRAGMENTS,dicom" -d "tcp.port==$PORT_FRAGMENTS_IPV6,dicom" -V \
            2>/dev/null | sed -n 's/^ *(0000,0100) .*Command Field *\(.*\)$/\1/p' >"$file.commands.txt"
    done
    diff "$original.commands.txt" "$fragmented.commands.txt" >&2 ||
        die "tshark finds other DIMSE commands in $fragmented than in $original"
    rm -f "$original.commands.txt" "$fragmented.commands.txt"
    echo "== association PDUs of both captures (ip.src|ipv6.src|sport|ip.dst|ipv6.dst|dport|pdu|calling|called)"
    cat "$WORK_DIR/original-pdus.txt"
    echo "== fragments-original.pcap: $(capinfos -T -r -c "$original" | cut -f 2) packets, $(stat -c %s "$original") bytes"
    echo "== fragments.pcap: $(capinfos -T -r -c "$fragmented" | cut -f 2) packets, $(stat -c %s "$fragmented") bytes"
}

fragments_main() {
    [[ $EUID -eq 0 ]] || die "not running as root: tcpdump needs root; run it with sudo"
    local tool
    for tool in storescu storescp echoscu tcpdump tshark capinfos socat ss setsid timeout; do
        command -v "$tool" >/dev/null || die "$tool not found; install the packages listed in generate.sh"
    done
    "$PYTHON" -c 'import scapy' 2>/dev/null || die "scapy not found for $PYTHON; install python3-scapy"
    check_ports_free "$PORT_FRAGMENTS" "$PORT_FRAGMENTS_CLIENT_RELAY" "$PORT_FRAGMENTS_IPV6" \
        "$PORT_FRAGMENTS_IPV6_SCP"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK_DIR=$(mktemp -d /tmp/dicomwatch-samples.XXXXXX)
    mkdir -p "$OUT_DIR"
    build_objects
    capture_original
    log "fragments.pcap: fragmenting fragments-original.pcap"
    "$PYTHON" "$SAMPLES_DIR/fragment.py" "$OUT_DIR/fragments-original.pcap" "$OUT_DIR/fragments.pcap"
    check_same_associations
    log "done; fragments-original.pcap and fragments.pcap are in $OUT_DIR"
}

fragments_main "$@"
