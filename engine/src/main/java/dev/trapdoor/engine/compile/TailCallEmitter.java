package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.FunctionValidator;
import org.objectweb.asm.Opcodes;

/**
 * {@code return_call}, {@code return_call_indirect} and {@code return_call_ref} in compiled code. The frame resolves
 * its callee (an indirect one with the interpreter's checks and traps, while the caller's frame still exists), names
 * it to the runtime as the pending tail call, moves the arguments down to its own frame pointer in the value stack
 * and returns {@link #PENDING} from its chunk. Its {@code call} entry, once it has left the frame, runs the pending
 * callee and every tail call that follows in one loop ({@code exec.JitTailCalls#finish}): a trampoline in the
 * runtime, so a million mutual tail calls take constant JVM stack, and a callee's frame replaces its caller's in
 * every stack a trap or a debugger sees.
 */
final class TailCallEmitter implements Opcodes {
    /** What a chunk returns when its frame made a tail call: neither an entry id nor {@link EntryIds#RETURNED}. */
    static final int PENDING = -2;
    static final String RUNTIME = RuntimeNames.PACKAGE + "JitTailCalls";

    private final Emit e;
    private final Sites sites;
    private final WasmModule module;
    /** Whether the function makes a tail call: its entry then finishes them, and it gets no typed entry. */
    boolean used;

    TailCallEmitter(Emit e, Sites sites, WasmModule module) {
        this.e = e;
        this.sites = sites;
        this.module = module;
    }

    private FuncType type(int op, FunctionValidator v) {
        return op == 0x12 ? module.functionType(v.immA) : module.types().get(v.immA);
    }

    /** Worst-case bytes of the tail call at hand (the budget's check before each instruction). */
    int worstCase(int op, FunctionValidator v) {
        FuncType ft = type(op, v);
        return 64 + (ft.hasV128() ? 28 : 12) * ft.paramCount();
    }

    /** Emits the tail call {@code op} whose operands end below {@code top}. */
    void emit(int op, int moduleOffset, FunctionValidator v, int top) {
        FuncType ft = type(op, v);
        used = true;
        int n = ft.paramCount();
        int argSlot;
        if (op == 0x12) {
            argSlot = top - n;
            e.context();
            e.iconst(v.immA);
            e.iconst(moduleOffset);
            e.mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "direct", "(" + RuntimeNames.CONTEXT_DESC + "II)V", false);
        } else {
            argSlot = top - 1 - n;
            sites.begin(e, moduleOffset, op, -1, 0);
            e.context();
            e.iconst(v.immA);
            // return_call_ref calls through its operand, as the interpreter's REF_TABLE (-1) does.
            e.iconst(op == 0x15 ? -1 : v.immB);
            e.ldI(top - 1);
            e.iconst(moduleOffset);
            e.mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "indirect", "(" + RuntimeNames.CONTEXT_DESC + "IIII)V",
                    false);
            sites.end(e);
        }
        // Only now, with the callee resolved, may the arguments overwrite the frame's locals in the value stack.
        e.reloadStack();
        for (int i = 0; i < n; i++) {
            e.stackRef(i);
            e.ld(argSlot + i);
            e.mv.visitInsn(LASTORE);
        }
        if (ft.hasV128()) {
            // A v128 argument's high half goes to the same index of the interpreter's array (the frame-state format).
            e.high.array();
            for (int i = 0; i < n; i++) {
                if (ft.param(i) == ValType.V128) {
                    e.mv.visitInsn(DUP);
                    e.mv.visitVarInsn(ILOAD, Emit.FP);
                    e.iconst(i);
                    e.mv.visitInsn(IADD);
                    e.high.ld(argSlot + i);
                    e.mv.visitInsn(LASTORE);
                }
            }
            e.mv.visitInsn(POP);
        }
        e.iconst(PENDING);
        e.mv.visitInsn(IRETURN);
    }
}
