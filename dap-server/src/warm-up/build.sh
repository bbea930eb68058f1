#!/usr/bin/env bash
# Rebuilds the warm-up program (warmup.c) into the jar's resources. The built .wasm is committed, so the build does
# not need clang. Needs what examples/build.sh needs (Debian's clang 14, lld and wasi-libc).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC=${CC:-clang}
SYSROOT=${WASI_SYSROOT:-/usr}
out=../main/resources/dev/trapdoor/dap/warm/warmup.wasm
CFLAGS=(--target=wasm32-wasi --sysroot="$SYSROOT" -O1 -g -fdebug-prefix-map="$(pwd)"=.)
# Debug paths are recorded as plain "warmup.c": the warm-up sets its breakpoint by that name. Compiled and linked in
# two steps, so that wasm-opt (when on PATH) does not empty the line tables.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$CC" "${CFLAGS[@]}" -c warmup.c -o "$tmp/warmup.o"
"$CC" "${CFLAGS[@]/-O1/-O0}" "$tmp/warmup.o" -o "$out"   # -O0: no wasm-opt at link
