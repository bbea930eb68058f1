package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.error.WasmException;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

import java.util.Arrays;

/**
 * Calls from Wasm (or from the embedder) into host functions: arguments normalized to their declared types, results
 * checked against the signature, and every Java failure in the host turned into a trap instead of escaping.
 */
final class HostCalls {
    private HostCalls() {
    }

    /**
     * Calls a host function with arguments from the value stack at {@code argFp} and puts its results there;
     * {@code castTypeIndex} >= 0 for a call adapted by function-pointer-cast emulation.
     */
    static void fromWasm(Interpreter in, FunctionInstance callee, Instance caller, int argFp, int castTypeIndex) {
        if (callee.type.hasV128()) {
            V128Host.fromWasm(in, callee, caller, argFp);
            return;
        }
        int n = callee.type.paramCount();
        long[] args = Arrays.copyOfRange(in.stack, argFp, argFp + n);
        for (int i = 0; i < n; i++) {
            args[i] = Values.normalize(callee.type.param(i), args[i]);
        }
        long[] results = call(callee, caller, args);
        int m = callee.type.resultCount();
        if (results == null || results.length != m) {
            throw new TrapSignal(TrapKind.HOST_FUNCTION_FAILED, new TrapDetail.HostFailure(callee.name(), "returned "
                    + (results == null ? "null" : results.length + " values") + ", expected " + m));
        }
        int expected = castTypeIndex >= 0 && callee.typeId != caller.typeIds[castTypeIndex]
                ? caller.module.types().get(castTypeIndex).resultCount() : m;
        in.ensureStack(argFp + Math.max(m, expected));
        System.arraycopy(results, 0, in.stack, argFp, Math.min(m, expected));
        if (expected > m) {
            Arrays.fill(in.stack, argFp + m, argFp + expected, 0L);
        }
    }

    static long[] call(FunctionInstance f, Instance caller, long[] args) {
        try {
            f.store.exnRefs.escaped(f.type, false, args);
            f.store.gcHeap().pinRefs(f.type.params(), args);
            Recording recording = f.store.recording;
            long[] results = recording != null && caller != null ? recording.log.call(f, caller, args)
                    : f.host.call(caller, args);
            HostCallListener[] listeners = f.store.hostCallListeners;
            if (listeners.length > 0 && caller != null && results != null) {
                for (HostCallListener l : listeners) {
                    l.returned(caller, f, args.clone(), results.clone());
                }
            }
            return results;
        } catch (WasmException | WasmThrow e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED,
                    new TrapDetail.HostFailure(f.name(), "the host's Java stack overflowed"));
        } catch (RuntimeException e) {
            throw new TrapSignal(TrapKind.HOST_FUNCTION_FAILED, new TrapDetail.HostFailure(f.name(), e.toString()));
        }
    }
}
