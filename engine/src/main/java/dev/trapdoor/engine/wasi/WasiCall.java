package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.trap.WasmFrame;

/**
 * One completed WASI call, for a system-call trace: the function, its arguments decoded
 * ({@code 1<stdout>, "hi\n", 1, [3]}), the errno it answered, and the Wasm frame that called it (null if none).
 */
public record WasiCall(String function, String arguments, int errno, WasmFrame caller) {
    /** {@code SUCCESS} or the errno's name, e.g. {@code ENOENT}. */
    public String errnoName() {
        Errno e = Errno.of(errno);
        return e == null ? "errno " + errno : e.name();
    }

    /** The strace-like text without the caller: {@code fd_write(1<stdout>, "hi\n", 1, [3]) = 0 SUCCESS}. */
    public String text() {
        return function + "(" + arguments + ") = " + errno + " " + errnoName();
    }
}
