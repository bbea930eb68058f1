// A catch-all around a call that may throw: with -fwasm-exceptions clang 14 emits the legacy try/catch and a tag
// section. The tag itself comes from tag.s, since Debian's wasm32 libc++abi has none.
extern "C" void might_throw(int);

extern "C" int guarded(int v) {
    try {
        might_throw(v);
    } catch (...) {
        return -1;
    }
    return v;
}
