#!/usr/bin/env bash
# Builds the memory-growth benchmark programs; the .wasm outputs are committed so running them needs no toolchain.
# Needs: apt-get install -y clang lld wasi-libc wabt
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm src/grow1024.wat -o grow1024.wasm
wat2wasm src/empty.wat -o empty.wasm
# The memory may grow to 32767 pages (2 GiB - 64 KiB): the most a Java array holds, so both engines stop at the same
# size. -O2, no debug info: the program's own speed is not what is measured.
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Wl,--max-memory=2147418112 -Wl,--strip-all \
  src/malloc_loop.c -o malloc_loop.wasm
