#!/usr/bin/env bash
# Fuzzes one Jazzer target for a set time, in its own JVM, and prints libFuzzer's closing figures.
#
# Usage: scripts/fuzz.sh TARGET [SECONDS]
#   TARGET   capture-files, packet-decoder, packet-sequence, pdu-decoder, associate-parser,
#            command-set-parser, pipeline, or seeds (rewrites the seed corpora from samples-pcap/
#            and PduBuilder)
#   SECONDS  fuzzing time, default 120
#
# Without JAZZER_FUZZ, `mvn test` runs the same targets in regression mode over the inputs in
# src/test/resources/io/dicomwatch/PACKAGE/CLASSInputs/METHOD/. A finding fails the run, and Jazzer
# stores the crashing input in that folder, where it becomes a regression input once committed.
# The corpus that fuzzing grows stays in .cifuzz-corpus/, which git ignores.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-120}
case "$target" in
    capture-files) test='CaptureFilesFuzzTest' ;;
    packet-decoder) test='PacketDecoderFuzzTest#decode' ;;
    packet-sequence) test='PacketDecoderFuzzTest#decodeFrames' ;;
    pdu-decoder) test='UpperLayerDecoderFuzzTest' ;;
    associate-parser) test='AssociatePduParserFuzzTest' ;;
    command-set-parser) test='CommandSetParserFuzzTest' ;;
    pipeline) test='PipelineFuzzTest' ;;
    seeds)
        mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
        exec java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" io.dicomwatch.testing.FuzzSeeds
        ;;
    *) echo "unknown target '$target'; expected capture-files, packet-decoder, packet-sequence," \
            "pdu-decoder, associate-parser, command-set-parser, pipeline or seeds" >&2; exit 2 ;;
esac

# A build folder of its own lets fuzzing run while other builds use target/.
build=target-fuzz
log=$build/fuzz-$target.log
mkdir -p "$build"
# Jazzer 0.24.0's JUnit integration passes the configuration parameters jazzer.internal.arg.N to
# libFuzzer (N=0 is a program name), so -max_total_time overrides the annotation's maxDuration.
# NOTE: the parameter name is Jazzer's internal interface and may change in other versions.
JAZZER_FUZZ=1 mvn -B -o test -Ddicomwatch.buildDir="$PWD/$build" -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine=-Xmx1g \
    -Djazzer.internal.arg.0=fuzz "-Djazzer.internal.arg.1=-max_total_time=$seconds" >"$log" 2>&1 || status=$?
grep -E '^(Done [0-9]+ runs|#[0-9]+\s+DONE)' "$log" | tail -2 || true
grep -E 'Tests run:.*Fail' "$log" | tail -1 || true
if [ "${status:-0}" -ne 0 ]; then
    echo "fuzzing $target failed (exit ${status}); see $log" >&2
    exit "$status"
fi
