#!/usr/bin/env bash
# Memory-growth benchmarks, each run in a fresh process: Trapdoor (GrowthRun, on benchmarks.jar) against node/V8
# (node-run.mjs). Prints a Markdown table: the time from decoding the module to the end of _start (run-ms) and the
# process's CPU time over that span (run-cpu-ms: every thread, JIT and GC included, as on a loaded machine wall time
# says little), the whole process's wall and CPU time, and its peak RSS (GNU time's %M). empty.wasm is the floor:
# the same start-up with a _start that only stores a byte.
#
#   benchmarks/growth/run.sh [--full] [--jar PATH]
#
#   --full  also let the malloc loop run away to the engine's limit (2 GiB - 64 KiB), unbudgeted
#   --jar   the benchmarks jar (default: benchmarks/target/benchmarks.jar, which benchmarks/run.sh builds)
# Without node on PATH the V8 rows are left out (said in the table). Needs /usr/bin/time (Debian package "time").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/../target/benchmarks.jar"
full=false
while [ $# -gt 0 ]; do
  case "$1" in
    --full) full=true ;;
    --jar) shift; JAR=$1 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$JAR" ] || { echo "no $JAR: build it with ./mvnw -pl benchmarks -am package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }
have_node=false
command -v node > /dev/null && have_node=true

cd "$HERE"
# measure LABEL COMMAND...: one table row from the command's stderr (run-ms) and GNU time's figures.
measure() {
  local label=$1; shift
  local log
  log=$(mktemp)
  local status=0
  /usr/bin/time -f 'time %e %U %S %M' "$@" > "$log.out" 2> "$log" || status=$?
  local run_ms run_cpu wall user sys rss
  run_ms=$(sed -n 's/^run-ms //p' "$log" | tail -1)
  run_cpu=$(sed -n 's/^run-cpu-ms //p' "$log" | tail -1)
  read -r wall user sys rss < <(sed -n 's/^time //p' "$log" | tail -1)
  local said
  said=$(head -c 60 "$log.out" | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %.2f | %d | %s |\n' "$label" "${run_ms:-?}" "${run_cpu:-?}" "$wall" \
    "$(awk "BEGIN{print $user + $sys}")" \
    $((rss / 1024)) "${said:-exit $status}"
  rm -f "$log" "$log.out"
}

echo "## Memory growth ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)$($have_node && echo ", node $(node --version)"))"
echo
echo "Each row one fresh process. run-ms: decoding the module to the end of _start (no runtime start-up); wall and"
echo "CPU (user + sys): the whole process; run-cpu-ms: the process's CPU time over run-ms; peak RSS: GNU time's"
echo "maximum resident set size."
echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
$have_node || echo "node was not found: no V8 rows."
echo
echo "| program | run-ms | run-cpu-ms | wall s | CPU s | peak RSS MiB | output |"
echo "|---|---|---|---|---|---|---|"
T=(java -cp "$JAR" dev.trapdoor.bench.GrowthRun tiered)
N=(node --no-warnings node-run.mjs)
measure "empty _start, Trapdoor" "${T[@]}" unlimited empty.wasm
$have_node && measure "empty _start, V8" "${N[@]}" empty.wasm
measure "grow1024, Trapdoor" "${T[@]}" unlimited grow1024.wasm
$have_node && measure "grow1024, V8" "${N[@]}" grow1024.wasm
measure "malloc loop to 256 MiB, Trapdoor" "${T[@]}" unlimited malloc_loop.wasm 256
$have_node && measure "malloc loop to 256 MiB, V8" "${N[@]}" malloc_loop.wasm 256
measure "runaway malloc loop, Trapdoor --max-memory 256M" "${T[@]}" 268435456 malloc_loop.wasm
measure "runaway malloc loop, Trapdoor --max-memory 1G" "${T[@]}" 1073741824 malloc_loop.wasm
if $full; then
  measure "runaway malloc loop, Trapdoor, no budget" "${T[@]}" unlimited malloc_loop.wasm
  $have_node && measure "runaway malloc loop, V8" "${N[@]}" malloc_loop.wasm
fi
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
