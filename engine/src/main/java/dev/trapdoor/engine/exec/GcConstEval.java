package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.FuncType;

/** Evaluates GC's constant instructions ({@code 0xFB} prefix, already read) of a validated constant expression. */
final class GcConstEval {
    private GcConstEval() {
    }

    /** Runs one instruction on {@code stack} below {@code sp}; returns the new {@code sp}. */
    static int step(Instance inst, ByteReader r, long[] stack, long[] highs, int sp) {
        int sub = r.u32();
        switch (sub) {
            case 0, 1, 6, 7, 8 -> {
                int index = r.u32();
                FuncType t = inst.module.types().get(index);
                long[] values;
                if (sub == 0) {
                    values = new long[t.fieldCount()];
                    sp -= values.length;
                    for (int i = 0; i < values.length; i++) {
                        values[i] = GcOps.pack(t.fieldCode(i), stack[sp + i]);
                    }
                } else if (sub == 1) {
                    values = new long[t.fieldCount()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = GcOps.defaultValue(t.fieldCode(i));
                    }
                } else if (sub == 8) {
                    values = new long[r.u32()];
                    sp -= values.length;
                    for (int i = 0; i < values.length; i++) {
                        values[i] = GcOps.pack(t.fieldCode(0), stack[sp + i]);
                    }
                } else {
                    int n = (int) stack[--sp];
                    if (n < 0) {
                        throw GcOps.outOfMemory();
                    }
                    values = new long[n];
                    java.util.Arrays.fill(values, sub == 6 ? GcOps.pack(t.fieldCode(0), stack[--sp])
                            : GcOps.defaultValue(t.fieldCode(0)));
                }
                GcObject o = new GcObject(inst, index, values);
                if (o.highs != null) {
                    v128Highs(sub, o, highs, sp);
                }
                stack[sp++] = inst.store.gcHeap().add(o);
            }
            case 28 -> stack[sp - 1] = GcRefs.i31((int) stack[sp - 1]);
            case 27 -> inst.store.gcHeap().externalize(stack[sp - 1]);
            default -> {
                // any.convert_extern changes no bits.
            }
        }
        return sp;
    }

    /** The high halves of a new object's v128 fields: its operands' from {@code sp} (array.new: the value's, at {@code sp}). */
    private static void v128Highs(int sub, GcObject o, long[] highs, int sp) {
        if (sub == 0 || sub == 8) {
            System.arraycopy(highs, sp, o.highs, 0, o.highs.length);
        } else if (sub == 6) {
            java.util.Arrays.fill(o.highs, highs[sp]);
        }
    }
}
