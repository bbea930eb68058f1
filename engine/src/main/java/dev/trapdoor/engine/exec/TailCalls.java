package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * {@code return_call}, {@code return_call_indirect} and {@code return_call_ref}: the callee's frame replaces the caller's. The arguments move
 * down to the caller's frame pointer, the callee is pushed as a saved frame that resumes at pc 0, and the
 * {@code RETURN} the translator put right after the tail call pops it: the dispatch loop enters the callee through
 * its ordinary return path, with no case of its own, and the frame depth stays what it was, so mutual recursion of any
 * depth runs in constant space. Results land at the caller's frame pointer, where the caller's caller expects them.
 */
final class TailCalls {
    /** Opcodes of the translated code; out of every other range (see {@link Op#length}). */
    static final int RETURN_CALL = 0x2212;
    static final int RETURN_CALL_INDIRECT = 0x2213;

    private TailCalls() {
    }

    static boolean isTailCall(int op) {
        return op == RETURN_CALL || op == RETURN_CALL_INDIRECT;
    }

    /** Length in ints, not counting the {@code RETURN} that follows. */
    static int length(int op) {
        return op == RETURN_CALL ? 3 : 5;
    }

    /**
     * Translates {@code return_call} (0x12), {@code return_call_indirect} (0x13) or {@code return_call_ref} (0x15) at
     * operand-stack height h.
     */
    static void translate(Translator t, FunctionValidator v, int h, int op) {
        if (op == 0x12) {
            FuncType ft = t.module.functionType(v.immA);
            t.emit(RETURN_CALL, v.immA, t.slot(h - ft.paramCount()));
        } else {
            // return_call_ref (0x15) is a return_call_indirect through the reference, as call_ref is a call_indirect.
            FuncType ft = t.module.types().get(v.immA);
            int table = op == 0x15 ? TypedRefTranslation.REF_TABLE : v.immB;
            t.emit(RETURN_CALL_INDIRECT, v.immA, table, t.slot(h - 1 - ft.paramCount()), t.slot(h - 1));
        }
        t.emit(Op.RETURN);
    }

    /** Runs the tail call at {@code pc}; returns the pc of the {@code RETURN} after it. */
    static int exec(int op, Interpreter self, int[] code, int pc, long[] s, int fp) {
        Instance inst = self.instance();
        FunctionInstance callee = op == RETURN_CALL ? inst.functions[code[pc + 1]]
                : SlowOps.indirectTarget(inst, code, pc, s, fp, false);
        int argFp = fp + code[pc + (op == RETURN_CALL ? 2 : 3)];
        int n = callee.type.paramCount();
        System.arraycopy(s, argFp, s, fp, n);
        System.arraycopy(self.hi, argFp, self.hi, fp, n);
        int next = pc + length(op);
        if (callee.host == null && JitTailCalls.body(self, callee) != null) {
            // Compiled callees and their own compiled tail calls run in one loop; what they hand back runs here.
            callee = JitTailCalls.fromInterpreter(self, callee, fp);
            if (callee == null) {
                return next;
            }
        }
        if (callee.host != null) {
            try {
                self.callOut(callee, fp, next, fp, -1);
            } catch (WasmThrow ex) {
                // The caller's frame is gone: none of its handlers may catch what its tail callee throws.
                ex.at(self.fn, fp, -1);
                throw ex;
            }
            return next;
        }
        if (--callee.hotness == 0) {
            Tiering.hot(callee);
        }
        CompiledFunction cf = Interpreter.compiled(callee);
        if ((long) fp + cf.frameSize > self.maxSlots) {
            throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, new TrapDetail.StackExhausted(self.depth,
                    self.maxDepth, (long) fp + cf.frameSize, self.maxSlots));
        }
        // The dispatch loop reloads the value stack after this call: it may grow here.
        self.ensureStack(fp + cf.frameSize);
        cf.initLocals(self.stack, fp);
        self.pushFrame(callee, fp, 0);
        return next;
    }
}
