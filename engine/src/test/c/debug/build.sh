#!/usr/bin/env bash
# Rebuilds the debugger tests' modules from our C sources. The .wasm files are committed, so CI needs no clang.
# Needs Debian's clang 14: apt-get install -y clang lld
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
OUT=../../resources/debug
clang --target=wasm32 -nostdlib -Wl,--no-entry -O0 -g debuggee.c -o "$OUT/debuggee.wasm"
ls -l "$OUT"
