#!/usr/bin/env bash
# Rebuilds the data breakpoint tests' program. The .wasm is committed, so CI needs no clang.
# Its DWARF names the source c/watch/watch.c, which the server finds from the .wasm's ancestor src/test.
# Needs Debian's clang 14 and wasi-libc: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
OUT=../../resources/watch
# Compiled and linked in two steps: clang runs wasm-opt (when on PATH) after an optimized compile-and-link, and
# that empties the line tables.
FLAGS=(--target=wasm32-wasi --sysroot=/usr -O1 -g)
clang "${FLAGS[@]}" -fdebug-prefix-map="$(pwd)"=c/watch -c watch.c -o /tmp/trapdoor-watch.o
clang --target=wasm32-wasi --sysroot=/usr /tmp/trapdoor-watch.o -o "$OUT/watch.wasm"
rm -f /tmp/trapdoor-watch.o
ls -l "$OUT"
