package dev.trapdoor.bench;

/**
 * Kernels are reactors that never call WASI, but wasi-libc's stdio exit path still makes the linker keep imports of
 * {@code fd_write}, {@code fd_seek} and {@code fd_close}. Both engines get the same stubs, which throw: a kernel that
 * actually called one would fail its run instead of silently measuring a stub.
 */
final class NoWasi {
    static final String MODULE = "wasi_snapshot_preview1";

    private NoWasi() {
    }

    static UnsupportedOperationException called(String module, String name) {
        return new UnsupportedOperationException("benchmark kernel called " + module + "." + name
                + "; kernels must not need WASI");
    }

    static void checkModule(String module, String name) {
        if (!MODULE.equals(module)) {
            throw new IllegalArgumentException("kernel imports " + module + "." + name + ", which no stub provides");
        }
    }
}
