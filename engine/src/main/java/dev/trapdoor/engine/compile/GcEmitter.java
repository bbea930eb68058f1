package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.instr.GcOpcodes;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.validate.FunctionValidator;
import org.objectweb.asm.Opcodes;

/**
 * GC's instructions ({@code 0xFB} prefix, reported as {@code 0xFB00 | sub}, and {@code ref.eq}). Field and element
 * accesses, {@code array.len}, casts and tests, {@code i31} and {@code ref.eq} work on JVM values: a call of
 * {@code exec.JitGc} answers the object's {@code long[]} (trapping on null as the interpreter does) and the access,
 * with the field's packing, is inline. Allocations and bulk operations store their operands into the frame's slots of
 * the value stack and call the interpreter's implementation there, so traps and their details are the interpreter's.
 * An allocation is a GC safepoint ({@link GcSafepoints}): the frame's written slots reach the value
 * stack first, where the collection looks for references.
 */
final class GcEmitter implements Opcodes {
    static final int BASE = 0xFB00;

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
        if (inline(t, e, sub, op, moduleOffset, t.opSlot(h), v, h)) {
            return;
        }
        int n = GcOpcodes.operands(t.module, sub, v.immA, v.immB);
        int first = t.opSlot(h - n);
        int top = t.opSlot(h);
        if (GcOpcodes.allocates(sub)) {
            t.gcPoints.safepoint();
        }
        boolean traps = sub != 27;
        if (traps) {
            t.sites.begin(e, moduleOffset, op, -1, 0);
        }
        // A typed call may have grown the value stack since the chunk read it (a typed entry starts without it).
        e.reloadStack();
        for (int i = 0; i < n; i++) {
            // A slot the chunk has not used still holds its value in the value stack. So array.new_fixed of thousands
            // of operands, too big for one chunk with its stores, ends up alone in a fresh chunk and stores nothing.
            if (e.used.get(first + i)) {
                e.spill(first + i);
            }
        }
        e.context();
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.iconst(sub);
        e.iconst(v.immA);
        e.iconst(v.immB);
        e.iconst(first);
        e.iconst(top);
        gc(e, "exec", "(" + RuntimeNames.CONTEXT_DESC + "IIIIII)J");
        if (traps) {
            t.sites.end(e);
        }
        if (hasResult(sub)) {
            e.st(first);
        } else {
            e.mv.visitInsn(POP2);
        }
    }

    private static final String JIT_GC = RuntimeNames.PACKAGE + "JitGc";
    private static final String VALUES = "(" + RuntimeNames.CONTEXT_DESC + "J)[J";

    /** Emits the operations that need no value stack; false for the others. */
    private static boolean inline(FunctionTranslator t, Emit e, int sub, int op, int moduleOffset, int top,
                                  FunctionValidator v, int h) {
        Sites sites = t.sites;
        switch (sub) {
            case 2, 3, 4 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.ld(top - 1);
                gc(e, "struct", VALUES);
                e.iconst(v.immB);
                e.mv.visitInsn(LALOAD);
                sites.end(e);
                unpack(e, t.module.types().get(v.immA).fieldCode(v.immB), sub == 3);
                e.st(top - 1);
            }
            case 5 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.ld(top - 2);
                gc(e, "struct", VALUES);
                e.iconst(v.immB);
                e.ld(top - 1);
                pack(e, t.module.types().get(v.immA).fieldCode(v.immB));
                e.mv.visitInsn(LASTORE);
                sites.end(e);
            }
            case 11, 12, 13 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                element(e, top - 2);
                e.mv.visitInsn(LALOAD);
                sites.end(e);
                unpack(e, t.module.types().get(v.immA).fieldCode(0), sub == 12);
                e.st(top - 2);
            }
            case 14 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                element(e, top - 3);
                e.ld(top - 1);
                pack(e, t.module.types().get(v.immA).fieldCode(0));
                e.mv.visitInsn(LASTORE);
                sites.end(e);
            }
            case 15 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.ld(top - 1);
                gc(e, "array", VALUES);
                e.mv.visitInsn(ARRAYLENGTH);
                sites.end(e);
                e.stI(top - 1);
            }
            case 20, 21 -> {
                test(e, top - 1, v.immA);
                e.stI(top - 1);
            }
            case 22, 23 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.context();
                e.ld(top - 1);
                e.iconst(v.immA);
                gc(e, "cast", "(" + RuntimeNames.CONTEXT_DESC + "JI)J");
                sites.end(e);
                e.st(top - 1);
            }
            case 24, 25 -> {
                test(e, top - 1, v.immB);
                // Both carry the reference: br_on_cast when it passes the test, br_on_cast_fail when it does not.
                t.conditionalBranch(sub == 24 ? IFNE : IFEQ, v.immA, h);
            }
            case 26 -> {
                // any.convert_extern: the same slot value in the other hierarchy.
            }
            case 28 -> {
                e.ldI(top - 1);
                e.mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.PACKAGE + "GcRefs", "i31", "(I)J", false);
                e.st(top - 1);
            }
            case 29, 30 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.ld(top - 1);
                e.iconst(sub == 29 ? 1 : 0);
                gc(e, "i31", "(JZ)J");
                sites.end(e);
                e.st(top - 1);
            }
            case GcOpcodes.REF_EQ -> {
                e.ld(top - 2);
                e.ld(top - 1);
                e.mv.visitInsn(LCMP);
                e.bool(IFEQ, top - 2);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Pushes the elements of the array at {@code slot} and the checked index at the slot above it. */
    private static void element(Emit e, int slot) {
        e.context();
        e.ld(slot);
        gc(e, "array", VALUES);
        e.mv.visitInsn(DUP);
        e.ldI(slot + 1);
        gc(e, "index", "([JI)I");
    }

    /** Pushes whether the reference at {@code slot} has reference type {@code code}, as an int. */
    private static void test(Emit e, int slot, int code) {
        e.context();
        e.ld(slot);
        e.iconst(code);
        gc(e, "test", "(" + RuntimeNames.CONTEXT_DESC + "JI)Z");
    }

    private static void gc(Emit e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, JIT_GC, name, desc, false);
    }

    /** A stored field as a slot value: a signed packed field sign-extended (unsigned ones are stored masked). */
    private static void unpack(Emit e, int code, boolean signed) {
        if (signed && (code == TypeCode.I8 || code == TypeCode.I16)) {
            e.mv.visitInsn(L2I);
            e.mv.visitInsn(code == TypeCode.I8 ? I2B : I2S);
            e.mv.visitInsn(I2L);
        }
    }

    /** A slot value as field storage, as {@code GcOps.pack}: packed ones masked, i32 and f32 canonical. */
    private static void pack(Emit e, int code) {
        switch (code) {
            case TypeCode.I8 -> {
                e.lconst(0xFFL);
                e.mv.visitInsn(LAND);
            }
            case TypeCode.I16 -> {
                e.lconst(0xFFFFL);
                e.mv.visitInsn(LAND);
            }
            case TypeCode.I32 -> {
                e.mv.visitInsn(L2I);
                e.mv.visitInsn(I2L);
            }
            case TypeCode.F32 -> {
                e.lconst(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
            }
            default -> {
            }
        }
    }

    /** Worst-case bytes of {@code op}'s code, not counting a safepoint's. */
    static int worstCase(FunctionTranslator t, int op, FunctionValidator v) {
        int sub = op == GcOpcodes.REF_EQ ? op : op - BASE;
        int n = GcOpcodes.operands(t.module, sub, v.immA, v.immB);
        int branch = sub == 24 || sub == 25 ? 48 + 12 * Math.max(v.frame(v.immA).branchArity(), v.resultCount()) : 0;
        return 64 + 12 * n + branch;
    }

    /** The setters, fills, copies and inits leave nothing. */
    private static boolean hasResult(int sub) {
        return sub != 5 && sub != 14 && !(sub >= 16 && sub <= 19);
    }
}
