#!/usr/bin/env bash
# The start-up scenario: ms from the process start of the shipped jar to the `initialize` response, to the first
# breakpoint of a DAP session, and to the exit of `trapdoor run` hello-world, with and without the AppCDS archive
# (dap-server/target/trapdoor.jsa, built by `mvn package`). Prints a Markdown table of medians.
#
#   benchmarks/startup.sh [RUNS]      (default 10)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
cd "$ROOT"
if [ ! -f dap-server/target/trapdoor.jar ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
  echo "building (./mvnw -q -B -pl dap-server,benchmarks -am package -DskipTests)" >&2
  ./mvnw -q -B -Dstyle.color=never -pl dap-server,benchmarks -am package -DskipTests
fi
exec java -cp benchmarks/target/benchmarks.jar dev.trapdoor.bench.startup.StartupScenario \
  dap-server/target/trapdoor.jar examples "${1:-10}"
