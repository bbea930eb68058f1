package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.ConstExpr;

/** Evaluates a validated constant expression in an instance under construction. */
final class ConstEval {
    private ConstEval() {
    }

    static long eval(Instance instance, ConstExpr expr) {
        ByteReader r = new ByteReader(instance.module.bytes(), expr.moduleOffset(), expr.endOffset());
        long value = 0;
        while (!r.atEnd()) {
            int op = r.u8();
            switch (op) {
                case 0x41 -> value = r.s32();
                case 0x42 -> value = r.s64();
                case 0x43 -> value = r.f32Bits() & 0xFFFF_FFFFL;
                case 0x44 -> value = r.f64Bits();
                case 0xD0 -> {
                    r.u8();
                    value = Values.NULL_REF;
                }
                case 0xD2 -> value = instance.functions[r.u32()].address;
                case 0x23 -> value = instance.globals[r.u32()].get();
                case 0x0B -> {
                    return value;
                }
                default -> throw new IllegalStateException("non-constant opcode 0x" + Integer.toHexString(op)
                        + " in a validated constant expression");
            }
        }
        return value;
    }
}
