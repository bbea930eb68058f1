#!/usr/bin/env bash
# Rebuilds wasm64.wasm, the freestanding memory64 kernel (clang 14 links --target=wasm64), and records in
# wasm64.expected what the same C prints natively, which `trapdoor run --invoke run wasm64.wasm` must print
# (RunWasm64IT). Needs Debian's clang 14, lld and a native C compiler:
#   apt-get install -y clang lld gcc
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC=${CC:-clang-14}
NATIVE_CC=${NATIVE_CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Freestanding: no libc and no entry point; the kernel's three functions are exported. -g: DWARF for the debugger.
# Compiled and linked in two steps: an optimized one-step link runs wasm-opt (when on PATH), which empties the line
# tables.
"$CC" --target=wasm64 -O1 -g -fdebug-prefix-map="$(pwd)"=examples -c wasm64.c -o "$tmp/wasm64.o"
"$CC" --target=wasm64 -nostdlib -Wl,--no-entry -Wl,--export=run -Wl,--export=fill -Wl,--export=checksum \
    "$tmp/wasm64.o" -o wasm64.wasm
"$NATIVE_CC" -O1 -DNATIVE wasm64.c -o "$tmp/wasm64"
"$tmp/wasm64" > wasm64.expected
ls -l wasm64.wasm wasm64.expected
