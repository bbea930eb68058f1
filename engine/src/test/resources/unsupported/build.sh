#!/usr/bin/env bash
# Rebuilds the modules that use WebAssembly features Trapdoor does not support (UnsupportedFixturesTest). The built
# .wasm files are committed, so tests and CI do not need clang. Needs Debian's clang 14 and lld:
#   apt-get install -y clang lld
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC=${CC:-clang-14}
LD=${LD:-wasm-ld-14}
# Freestanding: no libc, every function exported so the linker keeps it.
FLAGS=(-O2 -nostdlib -Wl,--no-entry -Wl,--export-all)

"$CC" --target=wasm32 "${FLAGS[@]}" -O3 -msimd128 simd.c -o simd.wasm
"$CC" --target=wasm32 "${FLAGS[@]}" -mtail-call tailcall.c -o tailcall.wasm
"$CC" --target=wasm64 "${FLAGS[@]}" wasm64.c -o wasm64.wasm
"$CC" --target=wasm32 "${FLAGS[@]}" -matomics -mbulk-memory atomics.c -o atomics.wasm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$CC" --target=wasm32 -O2 -fwasm-exceptions -c eh.cpp -o "$tmp/eh.o"
"$CC" --target=wasm32 -mexception-handling -c tag.s -o "$tmp/tag.o"
"$LD" --no-entry --export=guarded --allow-undefined "$tmp/eh.o" "$tmp/tag.o" -o eh.wasm
ls -l ./*.wasm
