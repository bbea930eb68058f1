package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.debug.DebugEvent;

/**
 * Where a debugger meets Wasm exceptions: the stop at a {@code throw}, before anything unwinds. Whether a handler
 * will catch it is looked up in the interpreter's frames, all runs included (a host function between two runs could
 * still catch it; the event says what Wasm will do).
 */
final class ExceptionStops {
    private ExceptionStops() {
    }

    static void onThrow(DebugSupport support, WasmThrow ex, FunctionInstance fn, int pc, int fp) {
        TagInstance tag = ex.tag();
        support.stop(new DebugEvent.WasmException(tag.name(), tag.type(), ex.values().clone(),
                caught(support.interpreter(), ex, fn, pc), fn.funcIndex, fn.code.moduleOffset(pc)), fn, pc, fp);
    }

    static boolean caught(Interpreter in, WasmThrow ex, FunctionInstance fn, int pc) {
        if (catchesAt(fn, pc, ex)) {
            return true;
        }
        for (int d = in.depth - 1; d >= 0; d--) {
            if (catchesAt(in.frameFn[d], Interpreter.resumePc(in.framePc[d]) - 1, ex)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a handler of this interpreter run (not of the runs below it) catches {@code ex} thrown there. */
    static boolean caughtInRun(Interpreter in, WasmThrow ex, FunctionInstance fn, int pc) {
        if (catchesAt(fn, pc, ex)) {
            return true;
        }
        for (int d = in.depth - 1; d >= in.entryDepth(); d--) {
            if (catchesAt(in.frameFn[d], Interpreter.resumePc(in.framePc[d]) - 1, ex)) {
                return true;
            }
        }
        return false;
    }

    private static boolean catchesAt(FunctionInstance f, int pc, WasmThrow ex) {
        ExceptionHandlers h = f == null || f.code == null ? null : f.code.handlers;
        return h != null && pc >= 0 && h.catches(pc, ex, f.instance);
    }
}
