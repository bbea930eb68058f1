#!/usr/bin/env bash
# Record-and-replay costs (RecordingRun, on benchmarks.jar): recording overhead per kernel (CPU time, each mode in
# its own JVM) against the plain and the exact interpreter, the time to step back after about 10 s of recording,
# and what the recording holds per second.
# Prints a Markdown table and the load average before and after, for benchmarks/RESULTS.md.
#
#   benchmarks/replay/run.sh [--jar PATH] [KERNEL-OPT...]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/../target/benchmarks.jar"
if [ "${1:-}" = "--jar" ]; then JAR=$2; shift 2; fi
[ -f "$JAR" ] || { echo "no $JAR: build it with ./mvnw -pl benchmarks -am package -DskipTests" >&2; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
java -Xmx4g -cp "$JAR" dev.trapdoor.bench.RecordingRun "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
