#!/usr/bin/env bash
# Measures the live sensor: replays a capture of real DICOM traffic with tcpreplay into a veth
# pair between two network namespaces that this script creates, while 'dicomwatch capture' listens
# on the far end. Reports the highest replay rate with zero drops (kernel, interface and queue) and
# the sensor's CPU and peak memory at 100 Mbit/s and 1 Gbit/s.
#
# Usage (as root, after 'mvn package'):
#   scripts/benchmark-sensor.sh [--pcap FILE] [--objects N] [--rates "100 250 ..."] [--work DIR] [--keep]
#
# Without --pcap the capture is made here: dcmtk's storescu sends N (default 40) synthetic 8 MiB
# objects to storescp at MTU 1500 across a veth pair, recorded with tcpdump. A capture made by
# 'scripts/benchmark-replay.sh --keep' (its large.pcap) works as well.
#
# Needs the Debian packages iproute2 ethtool tcpdump tcpreplay dcmtk python3.
# Traffic stays inside the namespaces, on 192.0.2.0/24 (a documentation range).
set -euo pipefail

pcap=""
objects=40
rates="100 250 500 1000 2000 4000 8000"
work=/tmp/dicomwatch-sensor-benchmark
keep=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --pcap) pcap=$2; shift 2 ;;
        --objects) objects=$2; shift 2 ;;
        --rates) rates=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --keep) keep=true; shift ;;
        *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done

project=$(cd "$(dirname "$0")/.." && pwd)
jar=$project/target/dicomwatch.jar
[[ -f $jar ]] || { echo "$jar not found: run 'mvn package' first" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "run as root: the script creates network namespaces" >&2; exit 2; }
for tool in ip ethtool tcpdump tcpreplay storescp storescu dump2dcm python3; do
    command -v "$tool" >/dev/null || {
        echo "$tool not found: apt-get install iproute2 ethtool tcpdump tcpreplay dcmtk python3" >&2; exit 2; }
done

# Namespaces: dwsens-scu and dwsens-scp run the dcmtk peers while the capture is made. Then
# tcpreplay in dwsens-src sends into dws-src, and the sensor in dwsens-cap reads dws-cap, the other
# end of that pair.
gen_scu=dwsens-scu
gen_scp=dwsens-scp
src_ns=dwsens-src
cap_ns=dwsens-cap
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    for ns in "$gen_scu" "$gen_scp" "$src_ns" "$cap_ns"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ $keep != true ]]; then
        rm -rf "$work"
    fi
}
trap cleanup EXIT
mkdir -p "$work"
# shellcheck source=lib/veth-pair.sh
source "$(dirname "$0")/lib/veth-pair.sh"


make_capture() {
    pcap=$work/dicom.pcap
    echo "Building the capture: $objects C-STORE of a synthetic 8 MiB object at MTU 1500"
    veth_pair "$gen_scu" "$gen_scp" dwg-scu dwg-scp 192.0.2.1 192.0.2.2
    head -c $((2048 * 2048 * 2)) /dev/urandom >"$work/pixels.raw"
    cat >"$work/object.dump" <<DUMP
(0008,0016) UI =SecondaryCaptureImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.10.543.$$]
(0008,0060) CS [OT]
(0010,0010) PN [BENCHMARK^SYNTHETIC]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0010) US 2048
(0028,0011) US 2048
(0028,0100) US 16
(0028,0101) US 16
(0028,0102) US 15
(0028,0103) US 0
(7fe0,0010) OW =$work/pixels.raw
DUMP
    dump2dcm +F +te "$work/object.dump" "$work/object.dcm"
    ip netns exec "$gen_scp" storescp -dhl --ignore -aet BENCHSCP 11112 &
    pids+=("$!")
    ip netns exec "$gen_scp" tcpdump --immediate-mode -Z root -s 0 -i dwg-scp -w "$pcap" "tcp port 11112" \
        2>"$work/tcpdump.log" &
    local tcpdump_pid=$!
    pids+=("$tcpdump_pid")
    sleep 1
    local files=()
    for _ in $(seq "$objects"); do
        files+=("$work/object.dcm")
    done
    ip netns exec "$gen_scu" storescu -aet BENCHSCU -aec BENCHSCP 192.0.2.2 11112 "${files[@]}"
    sleep 0.5
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    ip netns del "$gen_scu"
    ip netns del "$gen_scp"
}

# Prints "utime+stime ticks" of a process.
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

json_value() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["statistics"].get(sys.argv[2], {}).get(sys.argv[3], 0))' "$@"
}

# Replays the capture at $1 Mbit/s (or "top") into a fresh sensor and prints one result line.
run_rate() {
    local rate=$1 output=$work/inventory-$1.json log=$work/sensor-$1.log
    rm -f "$output"
    ip netns exec "$cap_ns" java -Xmx1g -jar "$jar" capture --interface dws-cap --output "$output" \
        --flush-interval 1h --stats-interval 1h >/dev/null 2>"$log" &
    local netns_pid=$!
    pids+=("$netns_pid")
    local deadline=$((SECONDS + 60))
    until grep -q "Capture opened on dws-cap" "$log" 2>/dev/null; do
        (( SECONDS < deadline )) || { echo "sensor did not start: $(cat "$log")" >&2; exit 1; }
        sleep 0.2
    done

    local java_pid
    java_pid=$(pgrep -f -n "capture --interface dws-cap --output $output")
    local ticks_before start end ticks_after
    ticks_before=$(cpu_ticks "$java_pid")
    start=$(date +%s.%N)
    if [[ $rate == top ]]; then
        ip netns exec "$src_ns" tcpreplay -q --topspeed -i dws-src "$pcap" >"$work/tcpreplay-$rate.log" 2>&1
    else
        ip netns exec "$src_ns" tcpreplay -q --mbps="$rate" -i dws-src "$pcap" >"$work/tcpreplay-$rate.log" 2>&1
    fi
    end=$(date +%s.%N)

    sleep 1
    ticks_after=$(cpu_ticks "$java_pid")
    local peak_kib
    peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$java_pid/status")
    kill -TERM "$java_pid"
    wait "$netns_pid" || true

    local captured kernel interface queue
    captured=$(json_value "$output" capture framesCaptured)
    kernel=$(json_value "$output" capture pcapDroppedByKernel)
    interface=$(json_value "$output" capture pcapDroppedByInterface)
    queue=$(json_value "$output" sensorQueue framesDropped)
    local seconds cpu
    seconds=$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", e - s}')
    cpu=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
        'BEGIN {printf "%.0f", 100 * t / hz / (s + 1)}')
    printf "%-6s %8s %9s %10s %8s %9s %6s %6s %9s\n" "$rate" "$seconds" "$packets" "$captured" "$kernel" \
        "$interface" "$queue" "$cpu%" "$((peak_kib / 1024)) MiB"
    if [[ $captured -eq $packets && $kernel -eq 0 && $interface -eq 0 && $queue -eq 0 ]]; then
        return 0
    fi
    return 1
}

if [[ -z $pcap ]]; then
    make_capture
fi
packets=$(tcpdump -r "$pcap" -nn -q 2>/dev/null | wc -l)
bytes=$(stat -c %s "$pcap")
echo "Capture: $pcap, $packets packets, $((bytes / 1048576)) MiB"
veth_pair "$src_ns" "$cap_ns" dws-src dws-cap

echo
echo "CPU is the sensor's user and system time over the replay plus one second, in percent of one core."
printf "%-6s %8s %9s %10s %8s %9s %6s %6s %9s\n" Mbit/s seconds packets captured kernel interface queue CPU "peak RSS"
best=none
for rate in $rates top; do
    if run_rate "$rate"; then
        best=$rate
    fi
done
echo
echo "Highest rate with every packet captured and zero drops: $best Mbit/s"
