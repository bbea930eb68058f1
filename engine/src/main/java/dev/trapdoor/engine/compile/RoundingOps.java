package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.FLOAT_OPS;

/**
 * Float abs, neg, ceil, floor, trunc, nearest and sqrt (0x8B-0x91, 0x99-0x9F) inline: the expression
 * {@code FloatOps.rounding} evaluates for the op, written out in the chunk, with the same slot loads and store as the
 * call ({@code ld}, {@code st}) and the same calls inside ({@code Math.sqrt}, {@code Math.ceil}, ...,
 * {@code FloatOps.quiet} and {@code FloatOps.truncF/truncD}), so both tiers compute the same bits, NaN payloads
 * included. The call cost C2's inlining budget {@code rounding}'s 278 bytes of bytecode per site (nbody's
 * {@code sqrt} where the chunk had spent it, session 28); inline, about 20.
 *
 * <p>Opt-in, {@code -Dtrapdoor.jit.inlineRounding=true}: under load nbody-O2 was slower with it than with the call in
 * 4 of 4 alternated pairs of the same jar (0.187-0.280 ms against 0.176-0.185), and no kernel was faster
 * (benchmarks/RESULTS.md, session 29): C2 had already inlined {@code rounding} in nbody's steady state.
 */
final class RoundingOps implements Opcodes {
    static final boolean ENABLED = "true".equals(System.getProperty("trapdoor.jit.inlineRounding"));

    private RoundingOps() {
    }

    /** Emits {@code op} on {@code slot}; false (nothing emitted) unless switched on. */
    static boolean emit(Emit e, int op, int slot) {
        if (!ENABLED) {
            return false;
        }
        e.ld(slot);
        switch (op) {
            case 0x8B -> {
                e.lconst(0x7FFF_FFFFL);
                e.mv.visitInsn(LAND);
            }
            case 0x8C -> {
                e.lconst(0x8000_0000L);
                e.mv.visitInsn(LXOR);
                e.lconst(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
            }
            case 0x99 -> {
                e.lconst(Long.MAX_VALUE);
                e.mv.visitInsn(LAND);
            }
            case 0x9A -> {
                e.lconst(Long.MIN_VALUE);
                e.mv.visitInsn(LXOR);
            }
            default -> {
                if (op <= 0x91) {
                    f32(e, op);
                } else {
                    f64(e, op);
                }
            }
        }
        e.st(slot);
        return true;
    }

    /** {@code bits((float) Math.x(f(a)))}, or {@code bits(truncF(f(a)))}, on the long {@code a} on the stack. */
    private static void f32(Emit e, int op) {
        e.mv.visitInsn(L2I);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        if (op == 0x8F) {
            e.mv.visitMethodInsn(INVOKESTATIC, FLOAT_OPS, "truncF", "(F)F", false);
        } else {
            e.mv.visitInsn(F2D);
            math(e, op - 0x8D);
            e.mv.visitInsn(D2F);
        }
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        e.mv.visitInsn(I2L);
    }

    /** {@code bits(quiet(Math.x(d(a))))}, or with {@code truncD}, on the long {@code a} on the stack. */
    private static void f64(Emit e, int op) {
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        if (op == 0x9D) {
            e.mv.visitMethodInsn(INVOKESTATIC, FLOAT_OPS, "truncD", "(D)D", false);
        } else {
            math(e, op - 0x9B);
        }
        e.mv.visitMethodInsn(INVOKESTATIC, FLOAT_OPS, "quiet", "(D)D", false);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
    }

    /** ceil, floor, (trunc: not here), rint, sqrt, by their distance from ceil in either type's opcodes. */
    private static void math(Emit e, int k) {
        String name = switch (k) {
            case 0 -> "ceil";
            case 1 -> "floor";
            case 3 -> "rint";
            case 4 -> "sqrt";
            default -> throw new IllegalStateException("no Math function for rounding op " + k);
        };
        // rint through FloatOps, which keeps a NaN's sign in every JIT state (Math.rint does only in C2's code).
        e.mv.visitMethodInsn(INVOKESTATIC, k == 3 ? FLOAT_OPS : "java/lang/Math", name, "(D)D", false);
    }
}
