#!/usr/bin/env bash
# Builds the benchmarks and prints one results table (Markdown) for Trapdoor vs Chicory.
#
#   benchmarks/run.sh [--quick] [--kernels] [-- JMH options for the steady-state and cold-start runs]
#
#   --quick    shorter iterations and one cold-start fork (about 5 minutes on 2 cores instead of about 13)
#   --forks N  steady-state forks per configuration (default 1). HotSpot compiles the interpreter's dispatch loop
#              from whatever profile it has at that moment, so one fork can land 20-40% off another; N=2 about
#              doubles the steady-state part of the run
#   --kernels  first rebuild the .wasm kernels and expected checksums (needs clang 14, wasi-libc, gcc, wabt)
#   -- ...     e.g. `-- -p workload=fib,sort -p opt=O2` to measure a subset
#
# JMH's JSON and logs are kept in benchmarks/target/results/; the table is also written to table.md there.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/target/results"
quick=false
kernels=false
forks=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --kernels) kernels=true ;;
    --forks) shift; forks=$1 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

if $kernels; then
  "$HERE/kernels/build.sh"
fi

cd "$ROOT"
if [ -x ./mvnw ]; then MVN=./mvnw; else MVN=mvn; fi
echo "building benchmarks.jar ($MVN -q -B -pl benchmarks -am package -DskipTests)" >&2
"$MVN" -q -B -Dstyle.color=never -pl benchmarks -am package -DskipTests
JAR="$HERE/target/benchmarks.jar"

# Forks: steady state gets one fork per configuration (72 of them) to fit the time budget; cold start needs a fresh
# JVM per sample, so its sample count is its fork count.
if $quick; then
  steady=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
  cold=(-f 1)
else
  steady=(-f "$forks" -wi 3 -w 1s -i 4 -r 1s)
  cold=(-f 3)
fi

mkdir -p "$OUT"
rm -f "$OUT"/*.json
# Other processes skew every number: record the load so a reader can tell a quiet run from a busy one.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
jmh() { # name regex options...
  local name=$1; shift
  echo "running $name (log: $OUT/$name.log)" >&2
  if ! java -jar "$JAR" "$@" -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1; then
    tail -30 "$OUT/$name.log" >&2
    echo "$name failed" >&2
    exit 1
  fi
}
jmh steady 'SteadyStateBenchmark' "${steady[@]}" "${extra[@]}"
jmh cold 'ColdStartBenchmark' "${cold[@]}" "${extra[@]}"
jmh debugger 'DebuggerOverheadBenchmark' "${steady[@]}"
jmh large 'LargeModuleBenchmark'
jmh chunking 'ChunkingBenchmark' "${steady[@]}"

{
  echo "## Trapdoor vs Chicory 1.7.5 ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1))"
  echo
  echo "JMH 1.37. Steady state: ${steady[*]} (avgt). Cold start: SingleShotTime, ${cold[*]}."
  echo "T/CI = Trapdoor / Chicory interpreter, T/CC = Trapdoor / Chicory compiler: above 1 means Trapdoor is slower."
  echo "± is JMH's 99.9% confidence half-width relative to the mean."
  echo "Load average (1/5/15 min) at start: $load_start; at end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  java -cp "$JAR" dev.trapdoor.bench.ResultsTable "$OUT/steady.json" "$OUT/cold.json" "$OUT/debugger.json" \
    "$OUT/large.json"
  echo
  java -cp "$JAR" dev.trapdoor.bench.ChunkingTable "$OUT/chunking.json"
  echo
  # Whole processes, Trapdoor and node/V8 side by side: memory growth (see growth/run.sh).
  "$HERE/growth/run.sh" --jar "$JAR"
} | tee "$OUT/table.md"
