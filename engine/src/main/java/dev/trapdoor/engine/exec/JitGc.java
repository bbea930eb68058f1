package dev.trapdoor.engine.exec;

/**
 * GC's instructions in compiled code ({@code compile.GcEmitter}). Allocations and bulk operations: the compiled frame
 * stores the operands into its slots of the value stack and runs the interpreter's own operation ({@link GcOps})
 * there, so both tiers share one implementation, with the same traps and the same details; before an allocation the
 * frame has also stored every slot it wrote, so the collection an allocation may start finds its references
 * ({@link GcCollector}). Field and element accesses, casts and {@code i31} take their operands as JVM values and use
 * the interpreter's checks ({@link GcOps}, {@link GcCasts}).
 */
final class JitGc {
    private JitGc() {
    }

    /**
     * Runs GC operation {@code sub} with immediates {@code a} and {@code b} on the operands at slots {@code src} and up
     * of the compiled frame at {@code fp}, which holds live values below slot {@code top}; answers its result (what it
     * left in slot {@code src}, where it puts one).
     */
    static long exec(JitContext c, int fp, int sub, int a, int b, int src, int top) {
        Interpreter in = c.in;
        long[] s = in.stack;
        GcOps.exec(in, c.inst, sub, fp + src, fp + src, a, b, s, fp, fp + top);
        return s[fp + src];
    }

    /** The fields of the struct {@code ref} names; traps on null. */
    static long[] struct(JitContext c, long ref) {
        return GcOps.struct(c.inst, ref).values;
    }

    /** The elements of the array {@code ref} names; traps on null. */
    static long[] array(JitContext c, long ref) {
        return GcOps.array(c.inst, ref).values;
    }

    /** Checks that {@code i} indexes {@code values}; returns it. */
    static int index(long[] values, int i) {
        return GcOps.index(values, i, 1);
    }

    static boolean test(JitContext c, long ref, int code) {
        return GcCasts.test(c.inst, ref, code);
    }

    static long cast(JitContext c, long ref, int code) {
        if (!GcCasts.test(c.inst, ref, code)) {
            throw GcCasts.failure(c.inst, ref, code);
        }
        return ref;
    }

    /** {@code i31.get_s} ({@code signed}) or {@code i31.get_u}; traps on null. */
    static long i31(long ref, boolean signed) {
        if (ref == Values.NULL_REF) {
            throw new TrapSignal(dev.trapdoor.engine.trap.TrapKind.NULL_I31_REFERENCE,
                    new dev.trapdoor.engine.trap.TrapDetail.None());
        }
        return signed ? GcRefs.i31Signed(ref) : GcRefs.i31Unsigned(ref);
    }
}
