package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.BitSet;

/**
 * The spill block of a chunk compiled with liveness, laid out so that the slots only its trap copy stores are live on
 * the trap path alone. The older layout runs every exit and the trap copy through one block that tests the entry id
 * and then stores the trap-only slots: a JVM compiler cannot tell that an exit never takes that branch, so every slot
 * the chunk writes stays live to every exit and poll, and C1 makes a phi of it at nearly every join. In -O0 chunks of
 * 80-200 locals that passed C1's 10,000 virtual registers ("out of virtual registers in linear scan"), which keeps a
 * chunk out of C1's profiled tier and sometimes out of C2 (benchmarks/RESULTS.md, session 32).
 *
 * <p>Here the trap copy stores its own slots first and then joins the exits' stores, so the block is as long as
 * before plus one {@code goto}. {@code -Dtrapdoor.jit.trapCopyApart=false} keeps the older layout.
 */
final class TrapCopyApart implements Opcodes {
    static final String SWITCH = "trapdoor.jit.trapCopyApart";

    private TrapCopyApart() {
    }

    /** Read per function at translation time, so tests compare both layouts in one JVM. */
    static boolean on() {
        return !"false".equals(System.getProperty(SWITCH));
    }

    /**
     * Emits {@code stores} (where trap handlers jump, {@code ENTRY} holding {@link Sites#TRAPPED}) with the
     * trap-only slots, then the exits' spill label, the written slots both paths store, the trap copy's throw or
     * return, and the exits' return.
     */
    static void emit(FunctionTranslator t, Label stores, BitSet written, BitSet trapOnly) {
        Emit e = t.e;
        Label common = new Label();
        e.mv.visitLabel(stores);
        for (int i = trapOnly.nextSetBit(0); i >= 0; i = trapOnly.nextSetBit(i + 1)) {
            e.spill(i);
        }
        e.mv.visitJumpInsn(GOTO, common);
        e.mv.visitLabel(t.spill);
        e.mv.visitVarInsn(ISTORE, Emit.ENTRY);
        // A typed call may have grown the value stack since the chunk last read it.
        e.reloadStack();
        e.mv.visitLabel(common);
        for (int i = written.nextSetBit(0); i >= 0; i = written.nextSetBit(i + 1)) {
            e.spill(i);
        }
        Label exit = new Label();
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.iconst(Sites.TRAPPED);
        e.mv.visitJumpInsn(IF_ICMPNE, exit);
        Sites.throwOrReturn(e, false);
        e.mv.visitLabel(exit);
        e.high.spillUsed();
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.mv.visitInsn(IRETURN);
    }
}
