#!/usr/bin/env bash
# Whole-process benchmark: Lua 5.4 running scripts/bench.lua and SQLite's shell running scripts/bench.sql, each a
# fresh process, on Trapdoor's CLI (`bin/trapdoor run`, per tier) and on node/V8
# (`node --experimental-wasi-unstable-preview1 node-run.mjs`). Prints a Markdown table: median wall and CPU time
# (user + sys, GNU time) over the runs (the lower middle one for an even N), and Trapdoor / node. Every run's stdout
# must equal node's first one.
#
#   benchmarks/whole/run.sh [--runs N] [--lua-scale S] [--tiers "tiered interpreter compiled"] [--timeout SECONDS]
#
#   --runs N       runs per engine and program (default 3; the median is reported)
#   --lua-scale S  bench.lua's SCALE argument (default 4: about 1 s of CPU on node)
#   --tiers LIST   Trapdoor's --tier values to measure (default all three)
#   --timeout S    a run that takes longer is killed and reported (default 900)
# Needs benchmarks/whole/build.sh's output (benchmarks/target/whole/*.wasm), Trapdoor's jar
# (./mvnw -pl engine,dap-server -am package -DskipTests), node and /usr/bin/time. Not part of `mvn verify`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILT="$ROOT/benchmarks/target/whole"
runs=3
lua_scale=4
tiers="tiered interpreter compiled"
limit=900
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) shift; runs=$1 ;;
    --lua-scale) shift; lua_scale=$1 ;;
    --tiers) shift; tiers=$1 ;;
    --timeout) shift; limit=$1 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
for f in "$BUILT/lua.wasm" "$BUILT/sqlite3.wasm"; do
  [ -f "$f" ] || { echo "no $f: run benchmarks/whole/build.sh first" >&2; exit 1; }
done
[ -f "$ROOT/dap-server/target/trapdoor.jar" ] || { echo "no Trapdoor jar: ./mvnw -pl engine,dap-server -am package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }
command -v node > /dev/null || { echo "needs node" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$HERE/scripts"   # both engines preopen the working directory as "."
failed=0

# run_once LABEL STDIN COMMAND...: one fresh process; appends "wall cpu status" to $work/LABEL.times and keeps its
# stdout as $work/LABEL.N.out.
run_once() {
  local label=$1 input=$2; shift 2
  local n status=0 wall user sys
  n=0
  [ -f "$work/$label.times" ] && n=$(wc -l < "$work/$label.times")
  timeout "$limit" /usr/bin/time -f 'time %e %U %S' -o "$work/$label.time" "$@" < "$input" \
    > "$work/$label.$n.out" 2> "$work/$label.$n.err" || status=$?
  read -r wall user sys < <(sed -n 's/^time //p' "$work/$label.time" | tail -1)
  echo "${wall:-$limit} $(awk "BEGIN { print ${user:-0} + ${sys:-0} }") $status" >> "$work/$label.times"
}

# median FILE COLUMN (for an even count, the lower of the two middle values)
median() { awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure PROGRAM STDIN ARGS...: runs node then every Trapdoor tier and prints their rows.
measure() {
  local program=$1 input=$2; shift 2
  local name=${program%.wasm} node_wall node_cpu
  local node=(node --experimental-wasi-unstable-preview1 --no-warnings "$HERE/node-run.mjs" "$BUILT/$program" "$@")
  for _ in $(seq "$runs"); do run_once "$name-node" "$input" "${node[@]}"; done
  node_wall=$(median "$work/$name-node.times" 1)
  node_cpu=$(median "$work/$name-node.times" 2)
  printf '| %s | node %s | %s | %s | 1 | 1 | %s | %s |\n' "$name" "$(node --version)" "$node_wall" "$node_cpu" \
    "$(awk '{ print $3 }' "$work/$name-node.times" | sort -u | paste -sd,)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for tier in $tiers; do
    local label="$name-$tier" verdict="" i
    local trapdoor=("$ROOT/bin/trapdoor" run --tier "$tier" --dir . --env HOME=/ "$BUILT/$program" "$@")
    for _ in $(seq "$runs"); do run_once "$label" "$input" "${trapdoor[@]}"; done
    for i in $(seq 0 $((runs - 1))); do
      if ! cmp -s "$work/$name-node.0.out" "$work/$label.$i.out"; then
        verdict="output differs from node's (run $((i + 1)) said: $(head -2 "$work/$label.$i.err" | cut -c1-160 | tr '\n|' ' /'))"
        failed=1
        break
      fi
    done
    local wall cpu
    wall=$(median "$work/$label.times" 1)
    cpu=$(median "$work/$label.times" 2)
    printf '| %s | Trapdoor --tier %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$tier" "$wall" "$cpu" \
      "$(awk "BEGIN { printf \"%.1f\", $wall / $node_wall }")" "$(awk "BEGIN { printf \"%.1f\", $cpu / $node_cpu }")" \
      "$(awk '{ print $3 }' "$work/$label.times" | sort -u | paste -sd,)${verdict:+; $verdict}" \
      "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
}

echo "## Whole process: Lua and SQLite, Trapdoor vs node ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1))"
echo
echo "Each figure is the median of $runs fresh processes (GNU time): wall seconds and CPU seconds (user + sys), and"
echo "Trapdoor / node for each. lua: \`lua.wasm bench.lua $lua_scale\`; sqlite3: \`sqlite3.wasm < bench.sql\`."
echo "Load average (1/5/15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg); the last column is the load after each row."
echo
echo "| program | engine | wall s | CPU s | wall / node | CPU / node | exit | load after |"
echo "|---|---|---|---|---|---|---|---|"
measure lua.wasm /dev/null bench.lua "$lua_scale"
measure sqlite3.wasm bench.sql
echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
exit $failed
