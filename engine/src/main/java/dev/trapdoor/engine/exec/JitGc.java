package dev.trapdoor.engine.exec;

/**
 * GC's instructions in compiled code ({@code compile.GcEmitter}): the compiled frame stores the operands into its
 * slots of the value stack and runs the interpreter's own operation ({@link GcOps}) there, so both tiers share one
 * implementation, with the same traps and the same details. Before an allocation the frame has also stored every slot
 * it wrote, so the collection an allocation may start finds its references ({@link GcCollector}).
 */
final class JitGc {
    private JitGc() {
    }

    /**
     * Runs GC operation {@code sub} with immediates {@code a} and {@code b} on the operands at slots {@code src} and up
     * of the compiled frame at {@code fp}, which holds live values below slot {@code top}; answers what it left in slot
     * {@code dst} (its result, if it has one).
     */
    static long exec(JitContext c, int fp, int sub, int a, int b, int src, int dst, int top) {
        Interpreter in = c.in;
        long[] s = in.stack;
        GcOps.exec(in, c.inst, sub, fp + dst, fp + src, a, b, s, fp, fp + top);
        return s[fp + dst];
    }
}
