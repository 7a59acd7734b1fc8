#!/usr/bin/env bash
# Replays every adversarial capture with a 256 MiB heap and reports memory, time and what the
# sensor dropped, as Markdown table rows for docs/robustness.md.
#
# Usage: scripts/benchmark-adversarial.sh [CONNECTIONS] [SCENARIO...]
#   CONNECTIONS  hostile connections per capture, default 1000000
#   SCENARIO     names from io.dicomwatch.adversarial.Scenario, default all of them
# Environment: WORK_DIR for the captures, logs and inventories (default a new temporary folder);
# REPLAY_TIMEOUT bounds each replay in seconds (default 900; exit 124 in the table means it ran out);
# REPLAY_OPTIONS adds replay options, for example "--max-connections 65536";
# KEEP=1 keeps each capture after its replay, which otherwise is deleted to save disk space
# (the largest, ENDLESS_PDV, takes about 4 GB at 10^6 connections).
#
# Needs a JDK 17, Maven with the project's dependencies, jq and GNU time (Debian: time).
# Peak heap is read from the GC log (-Xlog:gc): the largest heap occupancy before a collection,
# and the largest after a full collection ("full"), or after a young one when no full one ran. RSS is GNU time's maximum resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."

connections=${1:-1000000}
shift || true
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
    scenarios=(HUGE_LENGTHS BAD_NESTING ENDLESS_PDV HALF_OPEN ONE_BYTE OVERLAP_CONFLICT TIME_BACKWARDS TRUNCATED)
fi
for tool in jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing $tool; install jq and time" >&2; exit 2; }
done
work=${WORK_DIR:-$(mktemp -d -t dicomwatch-adversarial.XXXXXX)}
mkdir -p "$work"

mvn -B -q -o package -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test.classpath
classpath="target/test-classes:target/classes:$(cat target/test.classpath)"

echo "connections: $connections, replay options: ${REPLAY_OPTIONS:-none}, work folder: $work," \
    "$(nproc) cores, $(java -version 2>&1 | head -1)"
echo
echo "| capture | packets | size MiB | exit | elapsed s | peak heap MiB (before GC / after GC) | max RSS MiB |" \
    "evicted | memory flushes | gap bytes | ignored | undecided | assets dropped | associations dropped |" \
    "legitimate kept |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for scenario in "${scenarios[@]}"; do
    capture=$work/$scenario.pcap
    packets=$(java -cp "$classpath" io.dicomwatch.adversarial.AdversarialCaptures "$scenario" "$connections" \
        "$capture" | sed -E 's/.* ([0-9]+) packets/\1/')
    size=$(( $(stat -c %s "$capture") / 1048576 ))
    status=0
    /usr/bin/time -v -o "$work/$scenario.time" timeout "${REPLAY_TIMEOUT:-900}" \
        java -Xmx256m -XX:+ExitOnOutOfMemoryError "-Xlog:gc:file=$work/$scenario.gc.log" \
        -jar target/dicomwatch.jar replay ${REPLAY_OPTIONS:-} -q -o "$work/$scenario.json" "$capture" \
        >"$work/$scenario.out" 2>&1 || status=$?
    [ "${KEEP:-0}" = 1 ] || rm -f "$capture"
    elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s}' "$work/$scenario.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$work/$scenario.time")
    # Occupancy before any collection, and after full collections (or young ones, when none ran),
    # which is the closest the log comes to the live data.
    heap=$(grep -E '[0-9]+M->[0-9]+M' "$work/$scenario.gc.log" | awk '
        {match($0, /[0-9]+M->[0-9]+M/); split(substr($0, RSTART, RLENGTH), m, /M->|M/)}
        {if (m[1] + 0 > before) before = m[1] + 0}
        /Pause Full/ {full = 1; if (m[2] + 0 > afterFull) afterFull = m[2] + 0}
        !/Pause Full/ {if (m[2] + 0 > afterYoung) afterYoung = m[2] + 0}
        END {printf "%d / %d%s", before, full ? afterFull : afterYoung, full ? " full" : ""}')
    if [ -s "$work/$scenario.json" ]; then
        row=$(jq -r '[.statistics.reassembly.closedEvicted, .statistics.reassembly.evictionsMemory,
            .statistics.reassembly.gapBytes, .statistics.dicom.connectionsIgnored,
            .statistics.dicom.connectionsClosedUndecided, .overflow.assetsDropped, .overflow.associationsDropped,
            ([.associations[] | select(.callingAeTitle == "LEGIT_SCU" and .calledAeTitle == "LEGIT_SCP")]
                | if length > 0 then "yes" else "no" end)] | join(" | ")' "$work/$scenario.json")
    else
        row="no inventory written | | | | | | |"
    fi
    echo "| $scenario | $packets | $size | $status | $elapsed | $heap | $rss | $row |"
done
