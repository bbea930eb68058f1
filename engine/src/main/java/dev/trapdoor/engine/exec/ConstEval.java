package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.model.ConstExpr;

/**
 * Evaluates a validated constant expression in an instance under construction, with an operand stack for 3.0's
 * extended constant expressions ({@code i32}/{@code i64} {@code add}, {@code sub}, {@code mul}). An i32 result is
 * kept sign-extended, as arithmetic writes it.
 */
final class ConstEval {
    private ConstEval() {
    }

    static long eval(Instance instance, ConstExpr expr) {
        return eval(instance, expr, null);
    }

    /**
     * Evaluates {@code expr}; for a v128 result ({@code v128.const} or {@code global.get} of a v128 global, the only
     * constant forms of that type) the high half goes to {@code high[0]}.
     */
    static long eval(Instance instance, ConstExpr expr, long[] high) {
        ByteReader r = new ByteReader(instance.module.bytes(), expr.moduleOffset(), expr.endOffset());
        // Validation bounds the depth by the expression's length: every push reads at least one byte.
        long[] stack = new long[Math.max(1, expr.endOffset() - expr.moduleOffset())];
        // High halves of the v128 values on the stack, for struct.new and array.new of v128 fields.
        long[] highs = new long[stack.length];
        int sp = 0;
        while (!r.atEnd()) {
            int op = r.u8();
            switch (op) {
                case 0x41 -> stack[sp++] = r.s32();
                case 0x42 -> stack[sp++] = r.s64();
                case 0x43 -> stack[sp++] = r.f32Bits() & 0xFFFF_FFFFL;
                case 0x44 -> stack[sp++] = r.f64Bits();
                case 0xD0 -> {
                    r.s33(); // the heap type
                    stack[sp++] = Values.NULL_REF;
                }
                case 0xD2 -> stack[sp++] = instance.functions[r.u32()].address;
                case 0x23 -> {
                    GlobalInstance g = instance.globals[r.u32()];
                    highs[sp] = g.hi;
                    stack[sp++] = g.get();
                    if (high != null) {
                        high[0] = g.hi;
                    }
                }
                case 0xFD -> {
                    r.u32(); // v128.const, the only constant SIMD instruction
                    stack[sp++] = dev.trapdoor.engine.instr.SimdImmediates.bytes8(r);
                    long h = dev.trapdoor.engine.instr.SimdImmediates.bytes8(r);
                    highs[sp - 1] = h;
                    if (high != null) {
                        high[0] = h;
                    }
                }
                case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> {
                    long b = stack[--sp];
                    stack[sp - 1] = arith(op, stack[sp - 1], b);
                }
                case 0xFB -> sp = GcConstEval.step(instance, r, stack, highs, sp);
                case 0x0B -> {
                    return stack[sp - 1];
                }
                default -> throw new IllegalStateException("non-constant opcode 0x" + Integer.toHexString(op)
                        + " in a validated constant expression");
            }
        }
        return stack[sp - 1];
    }

    private static long arith(int op, long a, long b) {
        return switch (op) {
            case 0x6A -> (int) a + (int) b;
            case 0x6B -> (int) a - (int) b;
            case 0x6C -> (int) a * (int) b;
            case 0x7C -> a + b;
            case 0x7D -> a - b;
            default -> a * b;
        };
    }
}
