package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.instr.GcOpcodes;
import dev.trapdoor.engine.validate.FunctionValidator;
import org.objectweb.asm.Opcodes;

/**
 * GC's instructions ({@code 0xFB} prefix, reported as {@code 0xFB00 | sub}, and {@code ref.eq}): each stores its
 * operands into the frame's slots of the value stack and calls the interpreter's implementation there
 * ({@code exec.JitGc}), so traps and their details are the interpreter's. An allocation is a GC safepoint
 * ({@link FunctionTranslator#gcSafepoint}): the frame's written slots reach the value stack first, where the
 * collection looks for references. {@code br_on_cast} and {@code br_on_cast_fail} test with {@code ref.test} into the
 * free slot above the stack and branch on the answer like {@code br_if}.
 */
final class GcEmitter implements Opcodes {
    static final int BASE = 0xFB00;
    private static final int REF_TEST = 20;

    private GcEmitter() {
    }

    static boolean isGc(int op) {
        return op == GcOpcodes.REF_EQ || op >= BASE && op <= BASE + GcOpcodes.LAST;
    }

    static void emit(FunctionTranslator t, int op, int moduleOffset, int h, FunctionValidator v) {
        if (t.simd.wide()) {
            // A v128 field's high half would have to move between the object and the compiled high halves.
            throw new UnsupportedByCompiler("GC instructions in a function that may hold a v128", moduleOffset);
        }
        Emit e = t.e;
        int sub = op == GcOpcodes.REF_EQ ? op : op - BASE;
        boolean branch = sub == 24 || sub == 25;
        int n = GcOpcodes.operands(t.module, sub, v.immA, v.immB);
        int first = t.opSlot(h - n);
        int top = t.opSlot(h);
        if (GcOpcodes.allocates(sub)) {
            t.gcSafepoint();
        }
        boolean traps = traps(sub);
        if (traps) {
            t.sites.begin(e, moduleOffset, op, -1, 0);
        }
        // A typed call may have grown the value stack since the chunk read it (a typed entry starts without it).
        e.reloadStack();
        for (int i = 0; i < n; i++) {
            e.spill(first + i);
        }
        e.context();
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.iconst(branch ? REF_TEST : sub);
        e.iconst(branch ? v.immB : v.immA);
        e.iconst(branch ? 0 : v.immB);
        e.iconst(first);
        // The test of a br_on_cast leaves the operand alone: its slot may still hold the value an exit spills.
        e.iconst(branch ? top : first);
        e.iconst(top);
        e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.PACKAGE + "JitGc", "exec",
                "(" + RuntimeNames.CONTEXT_DESC + "IIIIIII)J", false);
        if (traps) {
            t.sites.end(e);
        }
        if (branch) {
            e.mv.visitInsn(L2I);
            // Both carry the reference: br_on_cast when it passes the test, br_on_cast_fail when it does not.
            t.conditionalBranch(sub == 24 ? IFNE : IFEQ, v.immA, h);
        } else if (hasResult(sub)) {
            e.st(first);
        } else {
            e.mv.visitInsn(POP2);
        }
    }

    /** Worst-case bytes of {@code op}'s code, not counting a safepoint's. */
    static int worstCase(FunctionTranslator t, int op, FunctionValidator v) {
        int sub = op == GcOpcodes.REF_EQ ? op : op - BASE;
        int n = GcOpcodes.operands(t.module, sub, v.immA, v.immB);
        int branch = sub == 24 || sub == 25 ? 48 + 12 * Math.max(v.frame(v.immA).branchArity(), v.resultCount()) : 0;
        return 64 + 12 * n + branch;
    }

    /** Casts, null and bounds checks, segment bounds, and an allocation that does not fit. */
    private static boolean traps(int sub) {
        return sub <= 19 || sub == 22 || sub == 23 || sub == 29 || sub == 30;
    }

    /** The setters, fills, copies and inits leave nothing. */
    private static boolean hasResult(int sub) {
        return sub != 5 && sub != 14 && !(sub >= 16 && sub <= 19);
    }
}
