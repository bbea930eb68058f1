package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.ARITH;
import static dev.trapdoor.engine.compile.RuntimeNames.FLOAT_OPS;

/**
 * Numeric instructions (0x45-0xC4 and the saturating truncations): the common ones as JVM arithmetic, the rare
 * ones as calls to the interpreter's own helpers ({@code FloatOps}, {@code Arith}), so both tiers compute them with
 * the same code and trap with the same detail.
 */
final class NumericOps implements Opcodes {
    /** The interpreter's opcode of the first saturating truncation ({@code Op.TRUNC_SAT}). */
    private static final int TRUNC_SAT = 0xE0;

    private NumericOps() {
    }

    /** Whether {@code op} can trap (the caller wraps its code in a trap site). */
    static boolean traps(int op) {
        return (op >= 0x6D && op <= 0x70) || (op >= 0x7F && op <= 0x82) || (op >= 0xA8 && op <= 0xAB)
                || (op >= 0xAE && op <= 0xB1);
    }

    static boolean isNumeric(int op) {
        return (op >= 0x45 && op <= 0xC4) || (op >= 0xFC00 && op <= 0xFC07);
    }

    /** Emits {@code op} with the operand stack's top at height {@code h} (operand slots via {@code top}). */
    static void emit(Emit e, int op, int top) {
        int a2 = top - 2;
        int b = top - 1;
        if (op >= 0xFC00) {
            unaryCall(e, "unary", TRUNC_SAT + (op & 0xFF), b);
            return;
        }
        switch (op) {
            case 0x45 -> {
                e.ldI(b);
                e.bool(IFEQ, b);
            }
            case 0x46, 0x47, 0x48, 0x4A, 0x4C, 0x4E -> {
                e.ldI(a2);
                e.ldI(b);
                e.bool(switch (op) {
                    case 0x46 -> IF_ICMPEQ;
                    case 0x47 -> IF_ICMPNE;
                    case 0x48 -> IF_ICMPLT;
                    case 0x4A -> IF_ICMPGT;
                    case 0x4C -> IF_ICMPLE;
                    default -> IF_ICMPGE;
                }, a2);
            }
            case 0x49, 0x4B, 0x4D, 0x4F -> {
                // Unsigned order is signed order with both sign bits flipped. Integer.compareUnsigned would leave C2 a
                // three-way result that it keeps as -1/0/1 plus a test when the compare ends a loop (fib-O2's).
                e.ldI(a2);
                e.iconst(Integer.MIN_VALUE);
                e.mv.visitInsn(IADD);
                e.ldI(b);
                e.iconst(Integer.MIN_VALUE);
                e.mv.visitInsn(IADD);
                e.bool(signOf(op - 0x49) + (IF_ICMPLT - IFLT), a2);
            }
            case 0x50 -> {
                e.ld(b);
                e.mv.visitInsn(LCONST_0);
                e.mv.visitInsn(LCMP);
                e.bool(IFEQ, b);
            }
            case 0x51, 0x52, 0x53, 0x55, 0x57, 0x59 -> {
                e.ld(a2);
                e.ld(b);
                e.mv.visitInsn(LCMP);
                e.bool(switch (op) {
                    case 0x51 -> IFEQ;
                    case 0x52 -> IFNE;
                    case 0x53 -> IFLT;
                    case 0x55 -> IFGT;
                    case 0x57 -> IFLE;
                    default -> IFGE;
                }, a2);
            }
            case 0x54, 0x56, 0x58, 0x5A -> {
                // As for i32: lcmp of the flipped values, which C2 folds into the branch.
                e.ld(a2);
                e.lconst(Long.MIN_VALUE);
                e.mv.visitInsn(LADD);
                e.ld(b);
                e.lconst(Long.MIN_VALUE);
                e.mv.visitInsn(LADD);
                e.mv.visitInsn(LCMP);
                e.bool(signOf(op - 0x54), a2);
            }
            case 0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60 -> {
                e.ldF(a2);
                e.ldF(b);
                floatCompare(e, op - 0x5B, FCMPL, FCMPG, a2);
            }
            case 0x61, 0x62, 0x63, 0x64, 0x65, 0x66 -> {
                e.ldD(a2);
                e.ldD(b);
                floatCompare(e, op - 0x61, DCMPL, DCMPG, a2);
            }
            case 0x67, 0x68, 0x69 -> {
                e.ldI(b);
                e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer",
                        op == 0x67 ? "numberOfLeadingZeros" : op == 0x68 ? "numberOfTrailingZeros" : "bitCount",
                        "(I)I", false);
                e.stI(b);
            }
            case 0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76 -> {
                e.ldI(a2);
                e.ldI(b);
                e.mv.visitInsn(switch (op) {
                    case 0x6A -> IADD;
                    case 0x6B -> ISUB;
                    case 0x6C -> IMUL;
                    case 0x71 -> IAND;
                    case 0x72 -> IOR;
                    case 0x73 -> IXOR;
                    case 0x74 -> ISHL;
                    case 0x75 -> ISHR;
                    default -> IUSHR;
                });
                e.stI(a2);
            }
            case 0x6D, 0x6E, 0x6F, 0x70 -> {
                e.ldI(a2);
                e.ldI(b);
                e.mv.visitMethodInsn(INVOKESTATIC, ARITH,
                        new String[]{"i32DivS", "i32DivU", "i32RemS", "i32RemU"}[op - 0x6D], "(II)I", false);
                e.stI(a2);
            }
            case 0x77, 0x78 -> {
                e.ldI(a2);
                e.ldI(b);
                e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", op == 0x77 ? "rotateLeft" : "rotateRight",
                        "(II)I", false);
                e.stI(a2);
            }
            case 0x79, 0x7A, 0x7B -> {
                e.ld(b);
                e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long",
                        op == 0x79 ? "numberOfLeadingZeros" : op == 0x7A ? "numberOfTrailingZeros" : "bitCount",
                        "(J)I", false);
                e.stI(b);
            }
            case 0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85 -> {
                e.ld(a2);
                e.ld(b);
                e.mv.visitInsn(switch (op) {
                    case 0x7C -> LADD;
                    case 0x7D -> LSUB;
                    case 0x7E -> LMUL;
                    case 0x83 -> LAND;
                    case 0x84 -> LOR;
                    default -> LXOR;
                });
                e.st(a2);
            }
            case 0x86, 0x87, 0x88 -> {
                e.ld(a2);
                e.ldI(b);
                e.mv.visitInsn(op == 0x86 ? LSHL : op == 0x87 ? LSHR : LUSHR);
                e.st(a2);
            }
            case 0x7F, 0x80, 0x81, 0x82 -> {
                e.ld(a2);
                e.ld(b);
                e.mv.visitMethodInsn(INVOKESTATIC, ARITH,
                        new String[]{"i64DivS", "i64DivU", "i64RemS", "i64RemU"}[op - 0x7F], "(JJ)J", false);
                e.st(a2);
            }
            case 0x89, 0x8A -> {
                e.ld(a2);
                e.ldI(b);
                e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", op == 0x89 ? "rotateLeft" : "rotateRight",
                        "(JI)J", false);
                e.st(a2);
            }
            case 0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x91, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F -> {
                if (!RoundingOps.emit(e, op, b)) {
                    unaryCall(e, "rounding", op, b);
                }
            }
            case 0x92, 0x93, 0x94, 0x95 -> {
                e.ldF(a2);
                e.ldF(b);
                e.mv.visitInsn(new int[]{FADD, FSUB, FMUL, FDIV}[op - 0x92]);
                e.stF(a2);
            }
            case 0xA0, 0xA1, 0xA2, 0xA3 -> {
                e.ldD(a2);
                e.ldD(b);
                e.mv.visitInsn(new int[]{DADD, DSUB, DMUL, DDIV}[op - 0xA0]);
                e.stD(a2);
            }
            case 0x96, 0x97, 0x98, 0xA4, 0xA5, 0xA6 -> {
                e.iconst(op);
                e.ld(a2);
                e.ld(b);
                e.mv.visitMethodInsn(INVOKESTATIC, FLOAT_OPS, "binary", "(IJJ)J", false);
                e.st(a2);
            }
            default -> conversion(e, op, b);
        }
    }

    /** The jump on {@code compare(a, b)}'s sign for lt, gt, le, ge (in that order, 0..3 by twos). */
    private static int signOf(int k) {
        return switch (k) {
            case 0 -> IFLT;
            case 2 -> IFGT;
            case 4 -> IFLE;
            default -> IFGE;
        };
    }

    /** eq, ne, lt, gt, le, ge: NaN compares false except for ne, by choosing the cmp variant per condition. */
    private static void floatCompare(Emit e, int k, int cmpl, int cmpg, int dst) {
        switch (k) {
            case 0 -> {
                e.mv.visitInsn(cmpl);
                e.bool(IFEQ, dst);
            }
            case 1 -> {
                e.mv.visitInsn(cmpl);
                e.bool(IFNE, dst);
            }
            case 2 -> {
                e.mv.visitInsn(cmpg);
                e.bool(IFLT, dst);
            }
            case 3 -> {
                e.mv.visitInsn(cmpl);
                e.bool(IFGT, dst);
            }
            case 4 -> {
                e.mv.visitInsn(cmpg);
                e.bool(IFLE, dst);
            }
            default -> {
                e.mv.visitInsn(cmpl);
                e.bool(IFGE, dst);
            }
        }
    }

    private static void unaryCall(Emit e, String helper, int op, int slot) {
        e.iconst(op);
        e.ld(slot);
        e.mv.visitMethodInsn(INVOKESTATIC, FLOAT_OPS, helper, "(IJ)J", false);
        e.st(slot);
    }

    /** 0xA7-0xC4: the frequent conversions inline, the rest through {@code FloatOps.unary}. */
    private static void conversion(Emit e, int op, int x) {
        switch (op) {
            case 0xA7, 0xAC -> {
                e.ldI(x);
                e.stI(x);
            }
            case 0xAD -> {
                e.ld(x);
                e.mv.visitLdcInsn(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
                e.st(x);
            }
            case 0xB2 -> {
                e.ldI(x);
                e.mv.visitInsn(I2F);
                e.stF(x);
            }
            case 0xB4 -> {
                e.ld(x);
                e.mv.visitInsn(L2F);
                e.stF(x);
            }
            case 0xB6 -> {
                e.ldD(x);
                e.mv.visitInsn(D2F);
                e.stF(x);
            }
            case 0xB7 -> {
                e.ldI(x);
                e.mv.visitInsn(I2D);
                e.stD(x);
            }
            case 0xB9 -> {
                e.ld(x);
                e.mv.visitInsn(L2D);
                e.stD(x);
            }
            case 0xBB -> {
                e.ldF(x);
                e.mv.visitInsn(F2D);
                e.stD(x);
            }
            case 0xBC, 0xBD, 0xBE, 0xBF -> {
                // Reinterpretations: the slot already holds the raw bits.
            }
            case 0xC0, 0xC2 -> {
                e.ldI(x);
                e.mv.visitInsn(I2B);
                e.stI(x);
            }
            case 0xC1, 0xC3 -> {
                e.ldI(x);
                e.mv.visitInsn(I2S);
                e.stI(x);
            }
            case 0xC4 -> {
                e.ldI(x);
                e.stI(x);
            }
            default -> unaryCall(e, "unary", op, x);
        }
    }
}
