#!/usr/bin/env bash
# Rebuilds the record-and-replay tests' program, for the DAP test and the engine test. The .wasm files are
# committed, so CI needs no clang. Its DWARF names the source c/replay/replay.c, which the server finds from the
# .wasm's ancestor src/test.
# Needs Debian's clang 14 and wasi-libc: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
OUT=../../resources/replay
clang --target=wasm32-wasi --sysroot=/usr -O0 -g -fdebug-prefix-map="$(pwd)"=c/replay replay.c -o "$OUT/replay.wasm"
cp "$OUT/replay.wasm" ../../../../../engine/src/test/resources/replay/replay.wasm
ls -l "$OUT"
