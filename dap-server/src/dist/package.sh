#!/usr/bin/env bash
# Run by Maven at package time (dap-server/pom.xml), after the shaded target/trapdoor.jar is built:
#   1. trains class-data sharing: a `trapdoor run` of examples/hello.wasm, a scripted DAP session (initialize,
#      launch with a breakpoint, configurationDone, disconnect) and an interactive one (train-session.sh: stack
#      trace, scopes, variables, hover and line steps at the stop) record the classes a start loads (target/
#      trapdoor.classlist), and a static archive is dumped from them for the jar where it is (target/trapdoor.jsa);
#   2. packs the distribution archive target/trapdoor-VERSION.tar.gz: bin/trapdoor, lib/trapdoor.jar, the class list
#      (an installed copy dumps its own archive on first run: JDK 17 ties an archive to the jar's path), README,
#      LICENSE and NOTICE.
set -euo pipefail
version="${1:?usage: package.sh VERSION}"
module="$(cd "$(dirname "$0")/../.." && pwd)"
repo="$(dirname "$module")"
target="$module/target"
jar="$target/trapdoor.jar"
java_cmd="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_cmd="$JAVA_HOME/bin/java"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. Training runs. Each writes the classes it loaded; the union is the list.
# hello.wasm writes a file into its preopened /out, so the list also holds what --dir and file output load.
mkdir -p "$work/out"
(cd "$work" && "$java_cmd" -XX:DumpLoadedClassList="$work/run.lst" -jar "$jar" run --dir "$work/out::/out" \
    "$repo/examples/hello.wasm" >/dev/null 2>&1) || true
message() {
    printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"
}
{
    message '{"seq":1,"type":"request","command":"initialize","arguments":{"adapterID":"trapdoor","linesStartAt1":true,"columnsStartAt1":true}}'
    message "{\"seq\":2,\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":\"$repo/examples/debugme.wasm\"}}"
    message "{\"seq\":3,\"type\":\"request\",\"command\":\"setBreakpoints\",\"arguments\":{\"source\":{\"path\":\"$repo/examples/debugme.c\"},\"breakpoints\":[{\"line\":23}]}}"
    message '{"seq":4,"type":"request","command":"configurationDone","arguments":{}}'
    message '{"seq":5,"type":"request","command":"threads","arguments":{}}'
    message '{"seq":6,"type":"request","command":"disconnect","arguments":{"terminateDebuggee":true}}'
} > "$work/session.txt"
"$java_cmd" -XX:DumpLoadedClassList="$work/dap.lst" -jar "$jar" dap < "$work/session.txt" >/dev/null 2>&1 || true
# An interactive session adds what a stop's stack trace, scopes, variables and hover and a line step load (without
# it, a first step loads some 50 classes from the jar). Only a help: a failed session keeps what it recorded.
if ! timeout 120 bash "$module/src/dist/train-session.sh" "$java_cmd" "$jar" "$repo" "$work/steps.lst"; then
    echo "*** dap-server: the interactive class-data training session did not finish (first steps load more" \
        "classes)" >&2
fi
# JDK 17's dump regenerates java.lang.invoke's holder classes from the @lambda-form-invoker lines, and gives up on all
# of them for one invoker whose type does not start and end with Object (an exactInvoker of a compiled function's
# typed entry, (LLIILJI)J, which a training run records when the machine is slow enough for the tiered mode to start
# compiling). The archive then lacks every pregenerated form, and a hello-world spins two dozen classes at run time.
cat "$work/run.lst" "$work/dap.lst" "$work/steps.lst" 2>/dev/null | grep -v '^#' \
    | awk '!($1 == "@lambda-form-invoker" && $3 ~ /Invokers[$]Holder$/ &&
             ($4 == "exactInvoker" || $4 == "invoker") && $5 !~ /^L.*_L$/)' \
    | sort -u > "$target/trapdoor.classlist"
rm -f "$target/trapdoor.jsa"
if ! "$java_cmd" -Xshare:dump -XX:SharedClassListFile="$target/trapdoor.classlist" \
        -XX:SharedArchiveFile="$target/trapdoor.jsa" -cp "$jar" >"$work/dump.log" 2>&1; then
    echo "*** dap-server: no class-data-sharing archive (start-up is slower): $(tail -1 "$work/dump.log")" >&2
    rm -f "$target/trapdoor.jsa"
elif grep -q "Failed to generate LambdaForm holder classes" "$work/dump.log"; then
    echo "*** dap-server: the class-data-sharing archive has no pregenerated method-handle forms (start-up is" \
        "slower): $(grep -m1 'error' "$work/dump.log")" >&2
fi

# 2. The distribution archive.
name="trapdoor-$version"
dist="$work/$name"
mkdir -p "$dist/bin" "$dist/lib"
cp "$repo/bin/trapdoor" "$dist/bin/trapdoor"
chmod 755 "$dist/bin/trapdoor"
cp -p "$jar" "$dist/lib/trapdoor.jar"
cp "$target/trapdoor.classlist" "$dist/lib/trapdoor.classlist"
cp "$repo/README.md" "$repo/LICENSE" "$repo/NOTICE" "$repo/CHANGELOG.md" "$dist/"
tar -czf "$target/$name.tar.gz" -C "$work" "$name"
