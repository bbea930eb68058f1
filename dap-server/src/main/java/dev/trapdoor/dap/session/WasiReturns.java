package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.HostCallSite;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.Instance;

/**
 * The last host call that returned, as the program's WASI reports it (the function and its errno) and as the store
 * reports any host call ({@link dev.trapdoor.engine.exec.HostCallListener}: the callee and its results). A step over
 * a host call reads the call's result here, since the guest may drop or fold it before the next instruction a
 * debugger can stop at.
 */
public final class WasiReturns {
    /** One returned WASI call. */
    public record Last(String function, int errno) {
    }

    /** One returned host call (WASI or any other import), from the instance {@code caller}. */
    private record Host(Instance caller, FunctionInstance callee, long[] results) {
    }

    private volatile Last last;
    private volatile Host lastHost;

    void record(String function, long[] args, int errno) {
        last = new Last(function, errno);
    }

    void recordHost(Instance caller, FunctionInstance callee, long[] results) {
        lastHost = new Host(caller, callee, results);
    }

    /** Forgets the last call, before running the next. */
    void clear() {
        last = null;
        lastHost = null;
    }

    /** The last WASI call since {@link #clear}, or {@code null}. */
    Last last() {
        return last;
    }

    /** The results of {@code call} if it is the last host call since {@link #clear}, else {@code null}. */
    long[] hostResults(HostCallSite call) {
        Host h = lastHost;
        return h != null && h.caller().functionAt(call.funcIndex()) == h.callee() ? h.results() : null;
    }
}
