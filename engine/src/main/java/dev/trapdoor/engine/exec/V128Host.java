package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/** A call from Wasm to a host function whose signature has a v128: its values cross in the flat form. */
final class V128Host {
    private V128Host() {
    }

    static void fromWasm(Interpreter in, FunctionInstance callee, Instance caller, int argFp) {
        long[] args = V128Args.fromSlots(callee.type.params(), in.stack, in.hi, argFp);
        long[] results = HostCalls.call(callee, caller, args);
        int m = V128Args.flatLength(callee.type.results());
        if (results == null || results.length != m) {
            throw new TrapSignal(TrapKind.HOST_FUNCTION_FAILED, new TrapDetail.HostFailure(callee.name(), "returned "
                    + (results == null ? "null" : results.length + " values") + ", expected " + m));
        }
        in.ensureStack(argFp + callee.type.resultCount());
        V128Args.toSlots(callee.type.results(), results, in.stack, in.hi, argFp);
    }
}
