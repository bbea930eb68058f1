#!/usr/bin/env bash
# Builds the whole-process benchmark programs: Lua 5.4's interpreter and SQLite's shell, from Debian's sources,
# compiled with Debian's clang 14 for wasm32-wasi. Everything lands in benchmarks/target/whole/ (never committed:
# no third-party source or binary goes into git):
#   src/                       the downloaded .dsc and .orig tarballs, unpacked
#   lua.wasm, sqlite3.wasm     the programs (-O2, linked without wasm-opt, no DWARF)
# Our own glue (what WASI lacks) is in lua/ and sqlite/ next to this script; the sources themselves are unpatched.
#
# Needs the network (deb.debian.org) and: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32 tcl curl
# (tcl: SQLite's tool that makes the amalgamation sqlite3.c is a Tcl script; cc, make: its configure step.)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$(dirname "$HERE")/target/whole"
SRC="$OUT/src"
CC=${CC:-clang}
SYSROOT=${WASI_SYSROOT:-/usr}   # wasi-libc installs /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi
mkdir -p "$SRC"

# fetch_orig BINARY_PACKAGE: downloads the source package's .dsc and upstream tarball (the version apt would install)
# from Debian's pool into $SRC, checks the tarball against the .dsc's SHA-256, and prints the tarball's path.
fetch_orig() {
  local pkg=$1 version source upstream dsc pool orig sum
  version=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
  [ -n "$version" ] && [ "$version" != "(none)" ] || { echo "apt-cache knows no $pkg (run apt-get update)" >&2; exit 1; }
  source=$(apt-cache show --no-all-versions "$pkg" | sed -n 's/^Source: \([^ ]*\).*/\1/p')
  source=${source:-$pkg}
  version=${version#*:}             # no epoch in file names
  upstream=${version%-*}
  pool="https://deb.debian.org/debian/pool/main/${source:0:1}/$source"
  dsc="$SRC/${source}_$version.dsc"
  [ -f "$dsc" ] || curl -sSfL -o "$dsc" "$pool/${source}_$version.dsc"
  orig=$(sed -n "/^Checksums-Sha256:/,/^[A-Z]/s/^ [0-9a-f]\{64\} [0-9]* \(${source}_$upstream\.orig\.tar\.[a-z]*\)$/\1/p" "$dsc")
  [ -n "$orig" ] || { echo "no upstream tarball named in $dsc" >&2; exit 1; }
  [ -f "$SRC/$orig" ] || curl -sSfL -o "$SRC/$orig" "$pool/$orig"
  sum=$(sed -n "/^Checksums-Sha256:/,/^[A-Z]/s/^ \([0-9a-f]\{64\}\) [0-9]* $orig$/\1/p" "$dsc")
  echo "$sum  $SRC/$orig" | sha256sum -c --quiet - >&2 || { echo "$orig does not match $dsc" >&2; exit 1; }
  echo "$SRC/$orig"
}

# unpack TARBALL: unpacks into $SRC (once) and prints the directory it made.
unpack() {
  local dir
  dir="$SRC/$(tar tf "$1" | awk -F/ 'NR == 1 { print $1 }')"
  [ -d "$dir" ] || tar xf "$1" -C "$SRC"
  echo "$dir"
}

WASM=(--target=wasm32-wasi --sysroot="$SYSROOT")
# Compiled at -O2, linked without -O: clang runs wasm-opt (when on PATH) after an optimized link, and the
# comparison should be of the engines on clang's own output.
COPT=(-O2 -Wno-deprecated-declarations)

# --- Lua 5.4: every file of src/ except luac.c (the standalone compiler), as Lua's own makefile builds lua.
lua_dir=$(unpack "$(fetch_orig lua5.4)")
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
for f in "$lua_dir"/src/*.c; do
  [ "$(basename "$f")" = luac.c ] && continue
  "$CC" "${WASM[@]}" "${COPT[@]}" -std=gnu99 -DLUA_COMPAT_5_3 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
    -I"$HERE/lua/include" -include "$HERE/lua/lua_wasi.h" -c "$f" -o "$obj/$(basename "${f%.c}").o"
done
"$CC" "${WASM[@]}" "${COPT[@]}" -Wall -c "$HERE/lua/lua_wasi.c" -o "$obj/lua_wasi.o"
"$CC" "${WASM[@]}" -mexception-handling -c "$HERE/lua/lua_eh.s" -o "$obj/lua_eh.o"
"$CC" "${WASM[@]}" "$obj"/*.o -lwasi-emulated-signal -lwasi-emulated-process-clocks -o "$OUT/lua.wasm"
echo "built $OUT/lua.wasm ($(stat -c %s "$OUT/lua.wasm") bytes, $(basename "$lua_dir"))"
rm -f "$obj"/*

# --- SQLite: its source tree makes the amalgamation (sqlite3.c) and the shell (shell.c) with a host build step.
sqlite_dir=$(unpack "$(fetch_orig sqlite3)")
gen="$SRC/sqlite-amalgamation"
if [ ! -f "$gen/sqlite3.c" ] || [ ! -f "$gen/shell.c" ]; then
  mkdir -p "$gen"
  ( cd "$gen" && "$sqlite_dir/configure" --disable-tcl > configure.log 2>&1 \
      && make sqlite3.c shell.c > make.log 2>&1 ) || { echo "making the amalgamation failed: see $gen/*.log" >&2; exit 1; }
fi
# No threads, processes, extensions, WAL (shared memory) or shared cache in WASI; SQLITE_OS_OTHER replaces
# os_unix.c (which needs file locks and fchown) with sqlite/sqlite_vfs.c, so every database and temporary
# structure is in memory (SQLITE_TEMP_STORE=3).
SQLITE_DEFS=(-DSQLITE_OS_OTHER=1 -DSQLITE_TEMP_STORE=3 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION
             -DSQLITE_OMIT_WAL -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_NOHAVE_SYSTEM -DSQLITE_OMIT_POPEN
             -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID)
"$CC" "${WASM[@]}" "${COPT[@]}" "${SQLITE_DEFS[@]}" -c "$gen/sqlite3.c" -o "$obj/sqlite3.o"
"$CC" "${WASM[@]}" "${COPT[@]}" "${SQLITE_DEFS[@]}" -I"$HERE/sqlite/include" -include "$HERE/sqlite/shell_wasi.h" \
  -c "$gen/shell.c" -o "$obj/shell.o"
"$CC" "${WASM[@]}" "${COPT[@]}" "${SQLITE_DEFS[@]}" -Wall -Wextra -I"$gen" -c "$HERE/sqlite/sqlite_vfs.c" \
  -o "$obj/sqlite_vfs.o"
"$CC" "${WASM[@]}" "$obj"/*.o -lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-getpid \
  -o "$OUT/sqlite3.wasm"
echo "built $OUT/sqlite3.wasm ($(stat -c %s "$OUT/sqlite3.wasm") bytes, $(basename "$sqlite_dir"))"
