package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * The translated {@code throw}, {@code throw_ref} and the legacy {@code rethrow} (of what its {@code catch} left in
 * {@link ExnRefs}). A throw builds or takes the {@link WasmThrow}, tells a debugger, and
 * leaves the dispatch loop as a Java exception; {@link Unwinder} finds the handler.
 */
final class ExceptionOps {
    /** {@code THROW tag argSlot}. */
    static final int THROW = 0x2208;
    /** {@code THROW_REF slot}. */
    static final int THROW_REF = 0x220A;
    /** {@code RETHROW level}: the legacy rethrow of what the catch at try nesting level {@code level} caught. */
    static final int RETHROW = 0x2209;

    private ExceptionOps() {
    }

    static boolean isThrow(int op) {
        return op == THROW || op == THROW_REF || op == RETHROW;
    }

    static int length(int op) {
        return op == THROW ? 3 : 2;
    }

    static int exec(int op, Interpreter self, int[] code, int pc, long[] s, int fp) {
        WasmThrow ex = create(op, self, self.instance(), code, pc, s, fp);
        if (self.bridged && !ExceptionStops.caughtInRun(self, ex, self.fn, pc)) {
            // A compiled frame below may catch it, or must be listed if none does: the frames leave this run as a
            // deoptimization carrying the exception (JitExceptions).
            JitUnwind u = JitUnwind.deoptimization(self.fn, pc, fp);
            u.carry(ex, self.jitDepth);
            throw u;
        }
        thrown(self, ex, self.fn, pc, fp);
        throw ex;
    }

    /**
     * The exception the throwing instruction at {@code pc} throws, from its frame at {@code fp} of {@code s}; traps
     * (a {@link TrapSignal}) on a null {@code exnref}.
     */
    static WasmThrow create(int op, Interpreter self, Instance inst, int[] code, int pc, long[] s, int fp) {
        WasmThrow ex;
        if (op == THROW) {
            TagInstance tag = inst.tags[code[pc + 1]];
            int n = tag.type().paramCount();
            int from = fp + code[pc + 2];
            long[] values = new long[n];
            long[] highs = new long[n];
            System.arraycopy(s, from, values, 0, n);
            System.arraycopy(self.hi, from, highs, 0, n);
            for (int i = 0; i < n; i++) {
                values[i] = Values.normalize(tag.type().param(i), values[i]);
            }
            ex = new WasmThrow(tag, values, highs);
        } else if (op == RETHROW) {
            ex = self.store.exnRefs.caught(fp, code[pc + 1]);
            if (ex == null) {
                throw new IllegalStateException("rethrow outside a catch of this frame");
            }
        } else {
            long ref = s[fp + code[pc + 1]];
            ex = ref == Values.NULL_REF ? null : self.store.exnRefs.get(ref);
            if (ex == null) {
                throw new TrapSignal(TrapKind.NULL_REFERENCE, new TrapDetail.None());
            }
        }
        return ex;
    }

    /**
     * A throw at {@code pc} of the running frame {@code fn} (a host's throw: at the call that reached the host): keeps
     * the stack when no Wasm handler will catch it, and tells the debugger, frames alive.
     */
    static void thrown(Interpreter in, WasmThrow ex, FunctionInstance fn, int pc, int fp) {
        ex.at(fn, fp, pc);
        ex.announced = true;
        if (!ExceptionStops.caught(in, ex, fn, pc)) {
            ex.frames(Traps.stack(in, fn, pc));
        }
        if (in.debug() != null) {
            in.debug().onThrow(ex, fn, pc, fp);
        }
    }

}
