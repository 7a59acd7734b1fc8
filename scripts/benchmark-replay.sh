#!/usr/bin/env bash
# Measures how fast dicomwatch replays captures of real DICOM traffic, side by side in the same
# run with libpcap's own read speed (tcpdump -r) and with the fastest tshark command that
# extracts the same AE titles. Builds two captures from real dcmtk peers inside two network
# namespaces it creates: a large one of C-STORE traffic at MTU 1500, and one of many short
# C-ECHO associations.
#
# Usage (as root, after 'mvn package'):
#   scripts/benchmark-replay.sh [--large-mib N] [--short-associations N] [--runs N] [--tshark-runs N]
#                               [--short-copies N] [--work DIR] [--keep] [--reuse]
# --runs sets how many runs of libpcap and dicomwatch give the best time (default 3). tshark takes
# minutes per large capture, so --tshark-runs defaults to 1. --tshark-mib (default 64) limits
# tshark to about that many MiB at the start of a capture, and its rates are those of that prefix.
# --keep leaves the captures in the work folder; --reuse measures captures kept by an earlier run.
# --short-copies N (default 10) also replays N hard links of the short capture as one capture of
# rotated files. This shows the rate after the JIT compiler has warmed up, beside the rate of one
# copy, which start-up dominates. Each copy's connections open anew, and their counts add up in
# the same association rows. 0 skips it.
#
# Needs the Debian packages iproute2 ethtool tcpdump tshark dcmtk time python3-pydicom.
# Traffic stays inside the namespaces, on 192.0.2.0/24 (a documentation range).
set -euo pipefail

large_mib=1100
short_associations=20000
work=/tmp/dicomwatch-benchmark
keep=false
reuse=false
runs=3
short_copies=10
tshark_runs=1
tshark_mib=64
while [[ $# -gt 0 ]]; do
    case "$1" in
        --large-mib) large_mib=$2; shift 2 ;;
        --short-associations) short_associations=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --tshark-runs) tshark_runs=$2; shift 2 ;;
        --tshark-mib) tshark_mib=$2; shift 2 ;;
        --short-copies) short_copies=$2; shift 2 ;;
        --keep) keep=true; shift ;;
        --reuse) reuse=true; keep=true; shift ;;
        *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done

project=$(cd "$(dirname "$0")/.." && pwd)
jar=$project/target/dicomwatch.jar
[[ -f $jar ]] || { echo "$jar not found: run 'mvn package' first" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "run as root: the script creates network namespaces" >&2; exit 2; }
for tool in ip ethtool tcpdump tshark storescp storescu echoscu /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install iproute2 ethtool tcpdump tshark dcmtk time" >&2; exit 2; }
done
/usr/bin/python3 -c 'import pydicom' 2>/dev/null || { echo "pydicom not found: apt-get install python3-pydicom" >&2; exit 2; }

scu_ns=dwbench-scu
scp_ns=dwbench-scp
scu_ip=192.0.2.1
scp_ip=192.0.2.2
port=11112
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    ip netns del "$scu_ns" 2>/dev/null || true
    ip netns del "$scp_ns" 2>/dev/null || true
    if [[ $keep != true ]]; then
        rm -rf "$work"
    fi
}
trap cleanup EXIT

mkdir -p "$work"
# shellcheck source=lib/veth-pair.sh
source "$project/scripts/lib/veth-pair.sh"

setup_namespaces() {
    veth_pair "$scu_ns" "$scp_ns" dwb-scu dwb-scp "$scu_ip" "$scp_ip"
}

make_object() {
    /usr/bin/python3 - "$work/large.dcm" <<'PYTHON'
import os, sys
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = SECONDARY_CAPTURE
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = Dataset()
ds.file_meta = meta
ds.SOPClassUID = SECONDARY_CAPTURE
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.StudyInstanceUID = generate_uid()
ds.SeriesInstanceUID = generate_uid()
ds.PatientName = "BENCHMARK^SYNTHETIC"
ds.PatientID = "BENCH-0001"
ds.Modality = "OT"
ds.Manufacturer = "DICOMWATCH BENCHMARK"
ds.ConversionType = "WSD"
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = "MONOCHROME2"
ds.Rows = 4096
ds.Columns = 4096
ds.BitsAllocated = 16
ds.BitsStored = 16
ds.HighBit = 15
ds.PixelRepresentation = 0
# Random pixels, so nothing on the path can compress them away.
ds.PixelData = os.urandom(4096 * 4096 * 2)
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(sys.argv[1], write_like_original=False)
PYTHON
}

start_capture() {
    local file=$1
    ip netns exec "$scp_ns" tcpdump --immediate-mode -Z root -B 262144 -s 0 -i dwb-scp -w "$file" \
        "tcp port $port" 2>"$file.log" &
    capture_pid=$!
    pids+=("$capture_pid")
    for _ in $(seq 50); do
        grep -q listening "$file.log" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "tcpdump did not start: $(cat "$file.log")" >&2
    exit 1
}

stop_capture() {
    kill -INT "$capture_pid"
    wait "$capture_pid" || true
    grep -E "captured|dropped" "$1.log" | sed 's/^/  tcpdump: /'
}

start_scp() {
    ip netns exec "$scp_ns" storescp --ignore -aet BENCHSCP "$port" &
    pids+=("$!")
    sleep 0.5
}

build_large_capture() {
    local copies=$(( (large_mib + 31) / 32 ))
    echo "Building the large capture: $copies C-STORE of a 32 MiB object at MTU 1500"
    make_object
    local files=()
    for _ in $(seq "$copies"); do
        files+=("$work/large.dcm")
    done
    start_capture "$work/large.pcap"
    ip netns exec "$scu_ns" storescu -aet BENCHSCU -aec BENCHSCP "$scp_ip" "$port" "${files[@]}"
    sleep 0.5
    stop_capture "$work/large.pcap"
}

build_short_capture() {
    echo "Building the short-association capture: $short_associations C-ECHO associations"
    start_capture "$work/short.pcap"
    # One namespace entry for all clients: entering it per association costs more than the echo.
    ip netns exec "$scu_ns" sh -c "seq $short_associations | xargs -P 4 -I{} \
        echoscu -aet SCU{} -aec BENCHSCP $scp_ip $port"
    sleep 0.5
    stop_capture "$work/short.pcap"
}

# Runs a command $count times and prints the best elapsed seconds and the peak RSS in KiB.
measure() {
    local count=$1
    shift
    local best_seconds="" best_rss=0
    for _ in $(seq "$count"); do
        /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
        read -r seconds rss <"$work/time.txt"
        if [[ -z $best_seconds ]] || awk "BEGIN{exit !($seconds < $best_seconds)}"; then
            best_seconds=$seconds
        fi
        (( rss > best_rss )) && best_rss=$rss
    done
    echo "$best_seconds $best_rss"
}

# Compares the AE titles dicomwatch found with tshark's. Uses report's locals name, file,
# tshark_file and tshark_prefix_cmd, which bash functions see when report calls them.
check_titles() {
    # tshark keeps the space padding of the AE title fields; dicomwatch removes it.
    "${tshark_prefix_cmd[@]}" 2>/dev/null | sed -e 's/ *\t/\t/' -e 's/ *$//' | sort -u >"$work/$name.tshark-titles"
    /usr/bin/python3 -c 'import json,sys
rows = {(a["callingAeTitle"], a["calledAeTitle"]) for a in json.load(open(sys.argv[1]))["associations"] if a["requested"]}
print("\n".join(sorted(f"{c}\t{d}" for c, d in rows)))' "$work/$name.json" | sort -u >"$work/$name.dicomwatch-titles"
    if cmp -s "$work/$name.tshark-titles" "$work/$name.dicomwatch-titles"; then
        echo "AE titles: dicomwatch and tshark agree ($(wc -l <"$work/$name.tshark-titles") distinct pairs)"
    elif [[ $tshark_file != "$file" ]] && [[ -z $(comm -23 "$work/$name.tshark-titles" "$work/$name.dicomwatch-titles") ]]; then
        echo "AE titles: every pair tshark found in the prefix is among dicomwatch's" \
            "($(wc -l <"$work/$name.dicomwatch-titles") distinct pairs)"
    else
        echo "AE titles differ between dicomwatch and tshark: compare $work/$name.*-titles (kept)"
        keep=true
    fi
}

report() {
    local name=$1 file=$2
    local bytes packets associations
    bytes=$(stat -c %s "$file")
    JAVA_OPTS=-Xmx256m "$project/bin/dicomwatch" replay -q -o "$work/$name.json" "$file"
    packets=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["statistics"]["packets"]["frames"])' "$work/$name.json")
    associations=$(/usr/bin/python3 -c 'import json,sys; print(sum(a["requested"] for a in json.load(open(sys.argv[1]))["associations"]))' "$work/$name.json")

    echo
    echo "== $name: $(( bytes / 1048576 )) MiB, $packets packets, $associations associations" \
        "(best of $runs runs; tshark $tshark_runs)"
    printf "%-12s %9s %10s %12s %14s %10s\n" tool seconds MB/s packets/s associations/s "peak RSS"

    local tshark_cmd=(tshark -r "$file" -n -d "tcp.port==$port,dicom" -o dicom.pdv_reassemble:FALSE
        -o tcp.analyze_sequence_numbers:FALSE -o tcp.calculate_timestamps:FALSE --disable-protocol ALL
        --enable-protocol frame --enable-protocol eth --enable-protocol ip --enable-protocol tcp
        --enable-protocol dicom -Y 'dicom.pdu.type == 1' -T fields -e dicom.assoc.ae.calling
        -e dicom.assoc.ae.called)

    local tool result seconds rss tshark_file=$file tshark_bytes=$bytes tshark_count=$packets tshark_associations
    if (( bytes > tshark_mib * 1048576 )); then
        tshark_file=$work/$name.tshark-prefix.pcap
        tshark_count=$(( packets * tshark_mib * 1048576 / bytes ))
        tcpdump -r "$file" -c "$tshark_count" -w "$tshark_file" 2>/dev/null
        tshark_bytes=$(stat -c %s "$tshark_file")
        echo "(tshark reads the first $tshark_count packets, $(( tshark_bytes / 1048576 )) MiB; its rates are those of that prefix)"
    fi
    local tshark_prefix_cmd=("${tshark_cmd[@]}")
    tshark_prefix_cmd[2]=$tshark_file
    tshark_associations=$("${tshark_prefix_cmd[@]}" 2>/dev/null | wc -l)

    for tool in libpcap tshark dicomwatch; do
        local rate_bytes=$bytes rate_packets=$packets rate_associations=$associations
        case $tool in
            libpcap) result=$(measure "$runs" tcpdump -r "$file" -w /dev/null) ;;
            tshark)
                result=$(measure "$tshark_runs" "${tshark_prefix_cmd[@]}")
                rate_bytes=$tshark_bytes rate_packets=$tshark_count rate_associations=$tshark_associations
                ;;
            dicomwatch) result=$(JAVA_OPTS=-Xmx256m measure "$runs" "$project/bin/dicomwatch" replay -q \
                -o "$work/$name.json" "$file") ;;
        esac
        read -r seconds rss <<<"$result"
        awk -v t="$tool" -v s="$seconds" -v b="$rate_bytes" -v p="$rate_packets" -v a="$rate_associations" \
            -v r="$rss" 'BEGIN {
            if (s <= 0) s = 0.001;
            printf "%-12s %9.2f %10.1f %12.0f %14.0f %8.0f MiB\n", t, s, b / 1e6 / s, p / s, a / s, r / 1024 }'
    done

    check_titles

}

if [[ $reuse != true || ! -s $work/large.pcap || ! -s $work/short.pcap ]]; then
    setup_namespaces
    start_scp
    [[ $reuse == true && -s $work/large.pcap ]] || build_large_capture
    build_short_capture
fi
report large "$work/large.pcap"
report short "$work/short.pcap"

# Replays hard links of the short capture as one capture, to measure the rate once the JIT has warmed up.
report_copies() {
    local file=$1 copies=$2
    (( copies > 1 )) || return 0
    local links=() i result seconds rss packets associations
    for i in $(seq "$copies"); do
        ln -f "$file" "$work/short-copy-$i.pcap"
        links+=("$work/short-copy-$i.pcap")
    done
    result=$(JAVA_OPTS=-Xmx256m measure "$runs" "$project/bin/dicomwatch" replay -q -o "$work/copies.json" "${links[@]}")
    read -r seconds rss <<<"$result"
    packets=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["statistics"]["packets"]["frames"])' "$work/copies.json")
    associations=$(/usr/bin/python3 -c 'import json,sys; print(sum(a["requested"] for a in json.load(open(sys.argv[1]))["associations"]))' "$work/copies.json")
    echo
    echo "== short x $copies: the short capture $copies times as rotated files, $packets packets," \
        "$associations associations (best of $runs runs)"
    printf "%-12s %9s %12s %14s %10s\n" tool seconds packets/s associations/s "peak RSS"
    awk -v s="$seconds" -v p="$packets" -v a="$associations" -v r="$rss" 'BEGIN {
        if (s <= 0) s = 0.001;
        printf "%-12s %9.2f %12.0f %14.0f %8.0f MiB\n", "dicomwatch", s, p / s, a / s, r / 1024 }'
    rm -f "${links[@]}"
}
report_copies "$work/short.pcap" "$short_copies"
