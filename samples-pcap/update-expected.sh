#!/usr/bin/env bash
# Rewrites expected/NAME.json, the inventory dicomwatch writes for each capture here, from the
# jar that 'mvn package' built. Run it after a reviewed change of the export, then read the diff:
# the end-to-end tests compare each replay with these files.
set -euo pipefail
cd "$(dirname "$0")"
jar=../target/dicomwatch.jar
[[ -f $jar ]] || { echo "$jar not found: run 'mvn package' first" >&2; exit 2; }
mkdir -p expected
# The study hash key and sketches are state, not expected output: keep them out of expected/.
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
for capture in *.pcap *.pcapng; do
    java -jar "$jar" replay -q --state-directory "$state" -o "expected/$capture.json" "$capture"
    rm -f "$state"/*
done
echo "Rewrote $(ls expected/*.json | wc -l) expected inventories; review them with 'git diff samples-pcap/expected'."
