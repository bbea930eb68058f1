#!/usr/bin/env bash
# The SIMD kernel pair (vec-O3 against vec-O3-simd128) under JMH, one table per tier, by CPU time per call.
#
#   benchmarks/simd.sh [--no-build] [--tiers INTERPRETER,COMPILED,TIERED] [-- more JMH options]
#
# Each JMH fork runs one build on one tier in a fresh JVM (5 forks, 10 warm-up and 5 measured iterations of 1 s: at
# load 20 the tiered mode's last C2 compilation of the kernel's chunks came up to 7 s after a fork's start, and a
# call took 0.4 ms of CPU, twice the steady figure, at 9 s).
# `CpuPerCall` prints the benchmark thread's CPU time per call for each iteration; this script takes each fork's
# least and median over its measured iterations, prints every fork's, and per tier the median over the forks of
# each for both builds, and their ratios (SIMD / scalar: below 1 means the vector build is faster). A fork whose
# code is slow has every iteration slow, least included; on a loaded machine the host's contention raises the CPU
# time of whole iterations of either build for seconds at a time, which the least leaves out and the median does
# not. JMH's wall-clock score (its own mean ± error) is printed too; on a shared machine it measures the load.
# Log and JSON: benchmarks/target/results/simd.{log,json}.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/target/results"
build=true
tiers=INTERPRETER,COMPILED,TIERED
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=false ;;
    --tiers) shift; tiers=$1 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
cd "$ROOT"
if $build; then
  # -am: without it Maven takes the engine from ~/.m2, which may be another branch's or an old build.
  echo "building benchmarks.jar (./mvnw -q -B -pl benchmarks -am package -DskipTests)" >&2
  ./mvnw -q -B -Dstyle.color=never -pl benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%H:%M)
java -jar "$HERE/target/benchmarks.jar" SimdBenchmark -p tier="$tiers" -f 5 -wi 10 -w 1s -i 5 -r 1s "${extra[@]}" \
  -rf json -rff "$OUT/simd.json" > "$OUT/simd.log" 2>&1 || { tail -30 "$OUT/simd.log" >&2; exit 1; }
echo "SimdBenchmark $(date -u +%Y-%m-%d) $started-$(date -u +%H:%M) UTC at $(git rev-parse --short HEAD);" \
  "load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function least(list,   n, a, i, l) {
    n = split(list, a, " "); l = a[1] + 0
    for (i = 2; i <= n; i++) if (a[i] + 0 < l) l = a[i] + 0
    return l
  }
  function flush(   m, lo) {
    if (key != "" && its != "") {
      m = median(its); lo = least(its)
      per[key] = per[key] " " m; low[key] = low[key] " " lo; each[key] = each[key] sprintf(" %.1f/%.1f", lo, m)
    }
    its = ""
  }
  /^# Parameters:/ { match($0, /build = [^,)]*/); b = substr($0, RSTART + 8, RLENGTH - 8)
                     match($0, /tier = [^,)]*/); t = substr($0, RSTART + 7, RLENGTH - 7) }
  /^# Fork:/ { flush(); key = t " " b }
  /^Iteration/ && /cpu [0-9.]+ us/ { match($0, /cpu [0-9.]+/); its = its " " substr($0, RSTART + 4, RLENGTH - 4) }
  /^Result|^# Run complete/ { flush() }
  /^SimdBenchmark\.run / { score[$3 " " $2] = $6 " ± " $8 }
  END {
    flush()
    n = split("INTERPRETER COMPILED TIERED", ts, " ")
    print "| tier | build | CPU µs/call: median over forks of each fork least | median over forks of each fork median |" \
      " each fork: least/median of its iterations | JMH wall ms/op |"
    print "|---|---|---:|---:|---|---:|"
    for (i = 1; i <= n; i++) {
      s = ts[i] " O3"; v = ts[i] " O3-simd128"
      if (!(s in per) || !(v in per)) continue
      ls = median(low[s]); lv = median(low[v]); ms = median(per[s]); mv = median(per[v])
      printf "| %s | scalar | %.1f | %.1f |%s | %s |\n", ts[i], ls, ms, each[s], score[s]
      printf "| %s | SIMD | %.1f | %.1f |%s | %s |\n", ts[i], lv, mv, each[v], score[v]
      ratio[i] = sprintf("%s: SIMD / scalar %.3f (forks\047 least), %.3f (forks\047 medians)", ts[i], lv / ls, mv / ms)
    }
    for (i = 1; i <= n; i++) if (i in ratio) print ratio[i]
  }' "$OUT/simd.log"
