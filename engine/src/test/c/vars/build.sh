#!/bin/sh
# Rebuilds the typed-variable test fixtures in engine/src/test/resources/vars from vars.c.
# Needs Debian's clang 14 toolchain for wasm: apt-get install -y clang lld llvm-14
# The built .wasm files are committed so CI needs no clang; run this only after changing vars.c.
# No libc (-nostdlib, no entry point): the modules import nothing, so tests instantiate them with no imports.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../resources/vars"
mkdir -p "$out"
cd "$here"
cc() {
    clang --target=wasm32 -nostdlib -Wl,--no-entry -fdebug-prefix-map="$here"=/build/trapdoor "$@"
}
# DWARF 4 at -O0 (.debug_loc unused), DWARF 4 at -O2 (.debug_loc), DWARF 5 at -O2 (.debug_loclists).
cc -gdwarf-4 -O0 -o "$out/vars-O0.wasm" vars.c
cc -gdwarf-4 -O2 -o "$out/vars-O2.wasm" vars.c
cc -gdwarf-5 -O0 -o "$out/vars-O0-dwarf5.wasm" vars.c
cc -gdwarf-5 -O2 -o "$out/vars-O2-dwarf5.wasm" vars.c
ls -l "$out"
