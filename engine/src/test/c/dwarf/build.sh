#!/bin/sh
# Rebuilds the DWARF test fixtures in engine/src/test/resources/dwarf from the C sources beside this script.
# Needs Debian's clang 14 toolchain for wasm:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32 llvm-14
# The built .wasm files are committed so CI needs no clang; run this only after changing the C sources.
# Builds run from this directory with relative paths, so DW_AT_comp_dir is the only absolute path in the DWARF.
set -eu
# clang 14 emits DWARF 4 for wasm by default (plain -g and -gdwarf-4 give identical bytes), so v5 is asked for explicitly.
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../resources/dwarf"
mkdir -p "$out"
cd "$here"
# Debian's wasi-libc is multiarch-style: headers in /usr/include/wasm32-wasi, libs in /usr/lib/wasm32-wasi.
# --sysroot=/usr alone would look in /usr/include and /usr/lib, so point clang at both explicitly.
wasm_clang() {
    clang --target=wasm32-wasi --sysroot=/usr -isystem /usr/include/wasm32-wasi -L/usr/lib/wasm32-wasi \
        -fdebug-prefix-map="$here"=/build/trapdoor "$@"
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
cc -gdwarf-4 -O0 -o "$out/prog-O0.wasm" main.c mathutil.c
cc -gdwarf-4 -O2 -o "$out/prog-O2.wasm" main.c mathutil.c
cc -gdwarf-5 -O0 -o "$out/prog-O0-dwarf5.wasm" main.c mathutil.c
cc -gdwarf-5 -O2 -o "$out/prog-O2-dwarf5.wasm" main.c mathutil.c
# No libc: small DWARF, so tests can damage every byte of it.
tiny() {
    cc -nostdlib -Wl,--no-entry -Wl,--export=tiny "$@"
}
tiny -gdwarf-4 -O2 -o "$out/tiny-O2-dwarf4.wasm" tiny.c
tiny -gdwarf-5 -O2 -o "$out/tiny-O2-dwarf5.wasm" tiny.c
# wasm-opt after linking (what clang's optimized one-step link runs when wasm-opt is on PATH) empties the line tables.
if command -v wasm-opt >/dev/null; then
    wasm-opt -O2 "$out/tiny-O2-dwarf4.wasm" -o "$out/tiny-wasmopt.wasm"
else
    echo "*** wasm-opt (binaryen) missing: tiny-wasmopt.wasm not rebuilt" >&2
fi
ls -l "$out"
