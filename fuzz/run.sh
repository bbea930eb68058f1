#!/usr/bin/env bash
# Differential fuzzing against V8, for as long as you like: runs COUNT random modules from seed FIRST (default: a
# seed from the clock, printed so a run can be repeated) through DifferentialFuzzTest, which CI runs on seeds 1..1150.
#
#   fuzz/run.sh 20000            # 20,000 modules from a fresh seed
#   fuzz/run.sh 1 123456         # rerun one seed (its module and both transcripts land in engine/target/fuzz-failures)
#
# Needs wasm-opt (Debian's binaryen) and node; one JVM and one node process run the whole batch.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:?usage: fuzz/run.sh COUNT [FIRST_SEED]}
first=${2:-$(( $(date +%s) * 1000 ))}
echo "differential fuzz: $count modules from seed $first"
exec ./mvnw -q -pl engine test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.count="$count" -Dfuzz.first="$first"
