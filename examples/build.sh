#!/usr/bin/env bash
# Rebuilds the example modules. The built .wasm files are committed, so tests and CI do not need clang.
# Needs Debian's clang 14 and wasi-libc:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
# and, for the C++ and Rust examples (skipped with a warning when missing):
#   apt-get install -y libc++-14-dev-wasm32 libc++abi-14-dev-wasm32 rustc libstd-rust-dev-wasm32 llvm-14
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

# WebAssembly 3.0 control flow. Tail calls: a million-deep mutual recursion (-O1 keeps the calls as return_call).
# Compiled and linked in two steps, so that wasm-opt (when on PATH) does not strip the names and line tables.
"$CC" "${CFLAGS[@]}" -mtail-call -c tailcall.c -o tailcall.o
"$CC" "${CFLAGS[@]/-O1/-O0}" -mtail-call tailcall.o -o tailcall.wasm
rm tailcall.o
# C++ exceptions (-fwasm-exceptions, legacy try/catch) with our own tiny runtime: Debian's wasm32 libc++abi has no
# __cxa_throw. Linked without libc++ (-nostdlib++): the program needs only libc.
CXX14=${CXX:-clang++-14}
tmp=$(mktemp -d)
"$CXX14" "${CFLAGS[@]/-O1/-O0}" -fwasm-exceptions -c eh.cpp -o "$tmp/eh.o"
"$CC" "${CFLAGS[@]}" -c eh_runtime.c -o "$tmp/eh_runtime.o"
"$CC" --target=wasm32-wasi -mexception-handling -c eh_throw.s -o "$tmp/eh_throw.o"
# wasm-ld 14 writes no tag names: exporting the tag names it for debuggers and reports.
"$CXX14" --target=wasm32-wasi --sysroot="$SYSROOT" -fwasm-exceptions -nostdlib++ -Wl,--export=__cpp_exception \
    "$tmp/eh.o" "$tmp/eh_runtime.o" "$tmp/eh_throw.o" -o eh.wasm
rm -r "$tmp"
# Both must print what the native builds print (the tests compare with the .expected files).
if command -v "${HOSTCC:-clang-14}" >/dev/null; then
    "${HOSTCC:-clang-14}" -O1 tailcall.c -o /tmp/trapdoor-tailcall && /tmp/trapdoor-tailcall > tailcall.expected
    "${HOSTCXX:-clang++-14}" -O1 eh.cpp -o /tmp/trapdoor-eh && /tmp/trapdoor-eh > eh.expected
    rm -f /tmp/trapdoor-tailcall /tmp/trapdoor-eh
fi

# SIMD: the same C scalar (-O3), auto-vectorized (-O3 -msimd128) and with wasm_simd128.h intrinsics; their outputs
# must be equal. Compiled and linked in two steps, so that wasm-opt (when on PATH) does not empty the line tables.
for variant in "scalar:" "auto:-msimd128" "intrin:-msimd128 -DUSE_INTRINSICS"; do
    name=${variant%%:*}
    read -r -a flags <<< "${variant#*:}"
    "$CC" "${CFLAGS[@]/-O1/-O3}" -ffp-contract=off "${flags[@]}" -c simd.c -o "simd-$name.o"
    "$CC" "${CFLAGS[@]/-O1/-O0}" "simd-$name.o" -o "simd-$name.wasm"   # -O0: no wasm-opt at link
    rm "simd-$name.o"
done

# C++ (libc++): debug (-O0) and release (-O2), both with DWARF. Compiled and linked in two steps: clang runs
# wasm-opt (when on PATH) after an optimized one-step link, and wasm-opt empties the line tables.
CXX=${CXX:-clang++-14}
CXXFLAGS=(--target=wasm32-wasi --sysroot="$SYSROOT" -std=c++17 -fno-exceptions -g -fdebug-prefix-map="$(pwd)"=examples)
if command -v "$CXX" >/dev/null && [[ -f "$SYSROOT/lib/wasm32-wasi/libc++.a" ]]; then
    "$CXX" "${CXXFLAGS[@]}" -O0 shapes.cpp -o shapes-debug.wasm
    "$CXX" "${CXXFLAGS[@]}" -O2 -c shapes.cpp -o shapes-release.o
    "$CXX" "${CXXFLAGS[@]}" shapes-release.o -o shapes-release.wasm
    rm shapes-release.o
else
    echo "*** $CXX or libc++ for wasm32-wasi missing: shapes-*.wasm not rebuilt" >&2
fi

# Rust: Debian's rustc (not a rustup one earlier on PATH, which lacks Debian's wasm32-wasi std). The release build
# uses fat LTO so that only the std code it keeps carries DWARF; the pubnames/pubtypes sections (unused by any
# debugger here) are removed to keep the committed files small.
RUSTC=${RUSTC:-/usr/bin/rustc}
OBJCOPY=${OBJCOPY:-llvm-objcopy-14}
RUSTFLAGS=(--target wasm32-wasi -g --remap-path-prefix="$(pwd)"=examples)
if [[ -x "$RUSTC" ]] && command -v "$OBJCOPY" >/dev/null && "$RUSTC" --print sysroot >/dev/null \
        && [[ -d "$("$RUSTC" --print sysroot)/lib/rustlib/wasm32-wasi" ]]; then
    "$RUSTC" "${RUSTFLAGS[@]}" -C opt-level=0 inventory.rs -o inventory-debug.wasm
    "$RUSTC" "${RUSTFLAGS[@]}" -C opt-level=2 -C lto=fat -C codegen-units=1 inventory.rs -o inventory-release.wasm
    for f in inventory-debug.wasm inventory-release.wasm; do
        "$OBJCOPY" --remove-section=.debug_pubnames --remove-section=.debug_pubtypes "$f" "$f"
    done
else
    echo "*** $RUSTC with wasm32-wasi, or $OBJCOPY, missing: inventory-*.wasm not rebuilt" >&2
fi
ls -l ./*.wasm
