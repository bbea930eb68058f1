#!/usr/bin/env bash
# Rebuilds the restartFrame tests' program. The .wasm is committed, so CI needs no clang.
# Its DWARF names the source c/restart/restart.c, which the server finds from the .wasm's ancestor src/test.
# Needs Debian's clang 14 and wasi-libc: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
OUT=../../resources/restart
clang --target=wasm32-wasi --sysroot=/usr -O0 -g -fdebug-prefix-map="$(pwd)"=c/restart restart.c -o "$OUT/restart.wasm"
ls -l "$OUT"
