#!/usr/bin/env bash
# Rebuilds the example modules. The built .wasm files are committed, so tests and CI do not need clang.
# Needs Debian's clang 14 and wasi-libc:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC=${CC:-clang}
SYSROOT=${WASI_SYSROOT:-/usr}   # wasi-libc installs /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi
# Debug paths are recorded relative to the repository root, where the README runs the examples from.
CFLAGS=(--target=wasm32-wasi --sysroot="$SYSROOT" -O1 -g -fdebug-prefix-map="$(pwd)"=examples)

"$CC" "${CFLAGS[@]}" hello.c -o hello.wasm
"$CC" "${CFLAGS[@]}" trap.c -o trap.wasm
"$CC" "${CFLAGS[@]}" -mexec-model=reactor fib.c -o fib.wasm
"$CC" "${CFLAGS[@]}" debugme.c -o debugme.wasm
# -O0: the C-variables tests want every variable at every line.
"$CC" "${CFLAGS[@]/-O1/-O0}" cvars.c -o cvars.wasm
ls -l ./*.wasm
