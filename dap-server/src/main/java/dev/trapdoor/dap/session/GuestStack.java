package dev.trapdoor.dap.session;

/**
 * The JVM stack of a thread that runs guest code. Compiled Wasm calls are JVM calls, so a guest recursing toward the
 * engine's call-depth limit (20,000 by default) in frames that hold many values needs far more than the JVM's default
 * 1 MB: with it, compiled code ran out of JVM stack after ~700 such calls, a "call stack exhausted" trap where the
 * interpreter returns. The space is reserved, not committed: a thread uses only the pages it touches.
 */
public final class GuestStack {
    /** Bytes of stack a guest thread reserves. */
    public static final long BYTES = 1L << 30;

    private GuestStack() {
    }

    /** A thread named {@code name} that runs {@code body} on a guest-sized stack (not started). */
    public static Thread thread(Runnable body, String name) {
        return new Thread(null, body, name, BYTES);
    }
}
