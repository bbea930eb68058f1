#!/usr/bin/env bash
# Class-data-sharing training (run by package.sh): a DAP session that waits for each answer, as an editor does, so
# that the classes of a stop's stack trace, scopes and variables and of line steps are in the archive too (a scripted
# session sends everything before the program stops). Writes the loaded classes to OUT; gives up after 20 s of
# silence. Usage: train-session.sh JAVA JAR REPO OUT
set -uo pipefail
export LC_ALL=C
java_cmd="$1" jar="$2" repo="$3" out="$4"
coproc DAP { exec "$java_cmd" -XX:DumpLoadedClassList="$out" -jar "$jar" dap 2>/dev/null; }
# bash unsets DAP and DAP_PID when the server exits: keep copies.
pid=$DAP_PID
exec {to_server}>&"${DAP[1]}" {from_server}<&"${DAP[0]}"
seq=0
frame=""
send() {
    seq=$((seq + 1))
    local body="{\"seq\":$seq,\"type\":\"request\",\"command\":\"$1\",\"arguments\":$2}"
    printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body" >&"$to_server"
}
recv() {
    local line len
    IFS= read -r -t 20 line <&"$from_server" || return 1
    line="${line%$'\r'}"
    len="${line#Content-Length: }"
    [[ "$len" =~ ^[0-9]+$ ]] || return 1
    IFS= read -r -t 20 line <&"$from_server" || return 1
    IFS= read -r -t 20 -N "$len" frame <&"$from_server" || return 1
}
await() {
    while recv; do
        [[ "$frame" == *"$1"* ]] && return 0
    done
    return 1
}
session() {
    send initialize '{"adapterID":"trapdoor","linesStartAt1":true,"columnsStartAt1":true}'
    await '"command":"initialize"' || return 1
    send launch "{\"program\":\"$repo/examples/debugme.wasm\"}"
    await '"command":"launch"' || return 1
    send setBreakpoints "{\"source\":{\"path\":\"$repo/examples/debugme.c\"},\"breakpoints\":[{\"line\":23}]}"
    await '"command":"setBreakpoints"' || return 1
    send configurationDone '{}'
    await '"event":"stopped"' || return 1
    local step frameId ref
    for step in 1 2 3; do
        send threads '{}'
        await '"command":"threads"' || return 1
        send stackTrace '{"threadId":1,"startFrame":0,"levels":20}'
        await '"command":"stackTrace"' || return 1
        [[ "$frame" =~ \"stackFrames\":\[\{\"id\":([0-9]+) ]] || return 1
        frameId="${BASH_REMATCH[1]}"
        send scopes "{\"frameId\":$frameId}"
        await '"command":"scopes"' || return 1
        [[ "$frame" =~ \"variablesReference\":([1-9][0-9]*) ]] || return 1
        ref="${BASH_REMATCH[1]}"
        send variables "{\"variablesReference\":$ref}"
        await '"command":"variables"' || return 1
        send evaluate "{\"expression\":\"total\",\"frameId\":$frameId,\"context\":\"hover\"}"
        await '"command":"evaluate"' || return 1
        [[ $step == 3 ]] && break
        send next '{"threadId":1}'
        await '"event":"stopped"' || return 1
    done
    # The breakpoint is in a loop: clear it, then run to the end.
    send setBreakpoints "{\"source\":{\"path\":\"$repo/examples/debugme.c\"},\"breakpoints\":[]}"
    await '"command":"setBreakpoints"' || return 1
    send continue '{"threadId":1}'
    await '"event":"terminated"' || return 1
    send disconnect '{}'
    await '"command":"disconnect"'
}
session
status=$?
exec {to_server}>&-
for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || exit "$status"
    sleep 0.1
done
kill "$pid" 2>/dev/null
exit 1
