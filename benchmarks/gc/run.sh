#!/usr/bin/env bash
# GC workloads (gcbench.wat) on two builds of the trapdoor jar, in fresh processes, alternating the builds round by
# round, so that a loaded machine's drift hits both alike. Prints each run's result and CPU time (user + system: every
# thread, JIT and collector included) and wall time.
#
#   benchmarks/gc/run.sh OLD.jar NEW.jar [rounds]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 OLD.jar NEW.jar [rounds]" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }
old=$1 new=$2 rounds=${3:-3}
out=$(mktemp)
trap 'rm -f "$out" "$out.t"' EXIT
echo "round build tier export result user-s sys-s wall-s"
for r in $(seq "$rounds"); do
  for build in old new; do
    jar=$old; [ "$build" = new ] && jar=$new
    for run in "compiled fields 20000" "compiled alloc 400000" "tiered fields 20000"; do
      set -- $run
      /usr/bin/time -o "$out.t" -f "%U %S %e" java -cp "$jar" dev.trapdoor.dap.cli.Main run --tier="$1" \
          --invoke="$2" "$HERE/gcbench.wat" "$3" > "$out"
      echo "$r $build $1 $2 $(cat "$out") $(cat "$out.t")"
    done
  done
done
