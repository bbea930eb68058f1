#!/usr/bin/env bash
# Fuzzing for as long as you like.
#
# Differential fuzzing against V8: runs COUNT random modules from seed FIRST (default: a seed from the clock,
# printed so a run can be repeated) through DifferentialFuzzTest, which CI runs on seeds 1..1150.
#
#   fuzz/run.sh 20000            # 20,000 modules from a fresh seed
#   fuzz/run.sh 1 123456         # rerun one seed (its module and both transcripts land in engine/target/fuzz-failures)
#   FUZZ_CONFIGS=chunk64,exact,tiered fuzz/run.sh 5000   # also in 64-byte chunks, the exact translation, tiered
#
# Needs wasm-opt (Debian's binaryen) and node; one JVM and one node process run the whole batch.
#
# The mutation-fuzzing harness (the fuzz/ module; CI runs each target 20 s from seed 26): TARGET is decoder
# (decoder + validator), exports (instantiate and run every export under a time limit), dap (the DAP message
# layer) or all; each runs SECONDS from SEED (default: from the clock, printed). A failing input is kept in
# fuzz/target/fuzz-failures/ with the seed and index that reproduce it.
#
#   fuzz/run.sh decoder 3600     # an hour of the decoder from a fresh seed
#   fuzz/run.sh all 600 42       # ten minutes of each target from seed 42
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  decoder|exports|dap|all)
    target=$1
    seconds=${2:?usage: fuzz/run.sh decoder|exports|dap|all SECONDS [SEED]}
    seed=${3:-$(date +%s)}
    case $target in
      decoder) tests=DecoderFuzzTest ;;
      exports) tests=RunExportsFuzzTest ;;
      dap) tests=DapMessageFuzzTest ;;
      all) tests='DecoderFuzzTest,RunExportsFuzzTest,DapMessageFuzzTest' ;;
    esac
    echo "fuzz harness: $target for $seconds s per target from seed $seed"
    exec ./mvnw -q -pl fuzz -am test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfuzz.seconds="$seconds" -Dfuzz.seed="$seed" -Dsurefire.timeout=0 -DtrimStackTrace=false
    ;;
esac
count=${1:?usage: fuzz/run.sh COUNT [FIRST_SEED] | fuzz/run.sh decoder|exports|dap|all SECONDS [SEED]}
first=${2:-$(( $(date +%s) * 1000 ))}
echo "differential fuzz: $count modules from seed $first"
exec ./mvnw -q -pl engine test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.count="$count" -Dfuzz.first="$first" -Dfuzz.configs="${FUZZ_CONFIGS:-}" -Dfuzz.features="${FUZZ_FEATURES:-}"
