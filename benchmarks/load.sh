#!/usr/bin/env bash
# The DAP load test: SESSIONS (default 50) concurrent TCP sessions against one `trapdoor dap --port` process, each
# launching examples/debugme.wasm, stopping at a breakpoint, taking up to STEPS (default 20) line steps with
# stackTrace, scopes and variables after each (debugme's loop ends after 10), and running to exit. Prints lost responses and events, the step round trip's
# p50/p99 (and per step index), and the server's heap (with every session stopped), peak RSS, threads and CPU by thread
# group (JIT compilers, sessions, engines, Netty), and the client's own CPU while the sessions step. Results:
# benchmarks/RESULTS.md.
# The server is started by bin/trapdoor, as users start it (its class-data archive, its collector); TRAPDOOR_JAVA_OPTS
# reaches it as usual.
# WARM_CLIENT=1 first warms the client (one JVM, a thread per session) by one round against a throwaway server, so that
# its own JIT does not share the cores with the measured server's first steps. On a quiet machine that made no clear
# difference to p99 (benchmarks/RESULTS.md, session 19), so the default stays a cold client, as in earlier figures.
#
#   benchmarks/load.sh            # 50 sessions, 20 steps each
#   benchmarks/load.sh 10 5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl engine,dap-server,benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(find ~/.m2/repository/com/google/code/gson/gson -name 'gson-2.11.0.jar' | head -1)"
# The client runs on C1 alone with the serial collector: it shares the two cores with the server it measures, and its own
# C2 compiles and GC threads were CPU the server's steps did not get (a third of the client's CPU while the sessions
# step; benchmarks/RESULTS.md, session 21).
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" dev.trapdoor.bench.load.DapLoad bin/trapdoor examples "${1:-50}" "${2:-20}" 1 \
    $([[ -z "${WARM_CLIENT:-}" ]] || echo warm-client)
