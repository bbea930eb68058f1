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
wasm_clang() {
    clang --target=wasm32 -nostdlib -Wl,--no-entry -fdebug-prefix-map="$here"=/build/trapdoor "$@"
}
# clang runs wasm-opt (when one is on PATH) after an optimizing one-step link, and wasm-opt empties the line
# tables: so each source is compiled with all the flags, and the objects are linked without the -O flags.
cc() {
    tmp=$(mktemp -d)
    output= sources= objects= flags= link=
    while [ $# -gt 0 ]; do
        case "$1" in
            -o) output=$2; shift ;;
            *.c) sources="$sources $1"; objects="$objects $tmp/$(basename "$1" .c).o" ;;
            -O*) flags="$flags $1" ;;
            *) flags="$flags $1"; link="$link $1" ;;
        esac
        shift
    done
    for source in $sources; do
        # shellcheck disable=SC2086 # the flag lists are words
        wasm_clang -Wno-unused-command-line-argument $flags -c "$source" -o "$tmp/$(basename "$source" .c).o"
    done
    # shellcheck disable=SC2086
    wasm_clang $link $objects -o "$output"
    rm -r "$tmp"
}
# DWARF 4 at -O0 (.debug_loc unused), DWARF 4 at -O2 (.debug_loc), DWARF 5 at -O2 (.debug_loclists).
cc -gdwarf-4 -O0 -o "$out/vars-O0.wasm" vars.c
cc -gdwarf-4 -O2 -o "$out/vars-O2.wasm" vars.c
cc -gdwarf-5 -O0 -o "$out/vars-O0-dwarf5.wasm" vars.c
cc -gdwarf-5 -O2 -o "$out/vars-O2-dwarf5.wasm" vars.c
ls -l "$out"
# Look-alikes of library types, for the formatters' fallback to the raw struct (C++, -O0 only).
clang++ --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export=lookalikes -fdebug-prefix-map="$here"=/build/trapdoor \
    -gdwarf-4 -O0 -o "$out/lookalikes.wasm" lookalikes.cpp
