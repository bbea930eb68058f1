package dev.trapdoor.dap.session;

/**
 * The last WASI call that returned and its errno, as the program's WASI reports it: a step over a WASI call reads
 * the call's result here, since the guest may drop or fold it before the next instruction a debugger can stop at.
 */
public final class WasiReturns {
    /** One returned call. */
    public record Last(String function, int errno) {
    }

    private volatile Last last;

    void record(String function, long[] args, int errno) {
        last = new Last(function, errno);
    }

    /** Forgets the last call, before running the next. */
    void clear() {
        last = null;
    }

    /** The last call since {@link #clear}, or {@code null}. */
    Last last() {
        return last;
    }
}
