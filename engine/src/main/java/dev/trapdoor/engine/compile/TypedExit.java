package dev.trapdoor.engine.compile;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.BitSet;

/**
 * A typed entry's spill block, out of line: a second static method of the class, {@code x(long[] s, int fp, int entry,
 * int slack, long... slots)}, stores the slots the entry passes into the value stack (or into the trap copy a handler
 * passes), then ends the frame as the inline block would ({@code JitRt.exitTyped} for a poll's exit, the trap's
 * throw or a caught exception's return for a handler). The entry then pays two bytes per slot (its load as an
 * argument) instead of a whole array store each, and its exits are cold: what decides is the entry's size, since C2
 * inlines a hot callee only under {@code FreqInlineSize} (325 bytes) and a typed entry is the code that direct calls
 * reach. Recursive kernels such as {@code tak} fit that with this, and not without.
 */
final class TypedExit implements Opcodes {
    private TypedExit() {
    }

    /** Name of the helper in the typed entry's class. */
    static final String METHOD = "x";
    /** Slots the helper takes at most (two argument words each, of the JVM's 255, beside its four leading ones). */
    static final int MAX_SLOTS = 120;

    /** Whether the block for these slots can go out of line: nothing but plain slots to move, and few enough. */
    static boolean possible(Emit e, BitSet written, BitSet trapOnly) {
        return e.high.used.isEmpty() && written.cardinality() + trapOnly.cardinality() <= MAX_SLOTS;
    }

    static String descriptor(int slots) {
        return "([JIII" + "J".repeat(slots) + ")J";
    }

    /**
     * The entry's side, at the spill block's {@code stores} label, with {@link Emit#S} null for a poll's exit (the
     * helper reads the value stack then: a typed call may have grown it) or the trap copy, {@link Emit#FP} and
     * {@link Emit#ENTRY} set as for the inline block.
     */
    static void call(Emit e, BitSet written, BitSet trapOnly) {
        e.mv.visitVarInsn(ALOAD, Emit.S);
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.mv.visitVarInsn(ILOAD, e.slackLocal);
        for (int i = written.nextSetBit(0); i >= 0; i = written.nextSetBit(i + 1)) {
            e.ld(i);
        }
        for (int i = trapOnly.nextSetBit(0); i >= 0; i = trapOnly.nextSetBit(i + 1)) {
            e.ld(i);
        }
        e.mv.visitMethodInsn(INVOKESTATIC, e.className, METHOD,
                descriptor(written.cardinality() + trapOnly.cardinality()), false);
        e.mv.visitInsn(LRETURN);
    }

    /** The helper itself, in the entry's class; {@code written} go out on every path, {@code trapOnly} on traps. */
    static void emit(ClassWriter cw, String className, BitSet written, BitSet trapOnly) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, METHOD,
                descriptor(written.cardinality() + trapOnly.cardinality()), null, null);
        mv.visitCode();
        int s = 0;
        int fp = 1;
        int entry = 2;
        int slack = 3;
        Label haveArray = new Label();
        mv.visitVarInsn(ALOAD, s);
        mv.visitJumpInsn(IFNONNULL, haveArray);
        mv.visitFieldInsn(GETSTATIC, className, "CTX", RuntimeNames.CONTEXT_DESC);
        mv.visitFieldInsn(GETFIELD, RuntimeNames.CONTEXT, "in", "L" + RuntimeNames.INTERPRETER + ";");
        mv.visitFieldInsn(GETFIELD, RuntimeNames.INTERPRETER, "stack", "[J");
        mv.visitVarInsn(ASTORE, s);
        mv.visitLabel(haveArray);
        int arg = 4;
        for (int i = written.nextSetBit(0); i >= 0; i = written.nextSetBit(i + 1), arg += 2) {
            store(mv, s, fp, i, arg);
        }
        Label exit = new Label();
        mv.visitVarInsn(ILOAD, entry);
        mv.visitIntInsn(BIPUSH, Sites.TRAPPED);
        mv.visitJumpInsn(IF_ICMPNE, exit);
        for (int i = trapOnly.nextSetBit(0); i >= 0; i = trapOnly.nextSetBit(i + 1), arg += 2) {
            store(mv, s, fp, i, arg);
        }
        mv.visitFieldInsn(GETSTATIC, className, "CTX", RuntimeNames.CONTEXT_DESC);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "pendingOrCaught",
                "(" + RuntimeNames.CONTEXT_DESC + ")Ljava/lang/Throwable;", false);
        Label caught = new Label();
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, caught);
        mv.visitInsn(ATHROW);
        mv.visitLabel(caught);
        mv.visitInsn(POP);
        mv.visitFieldInsn(GETSTATIC, className, "CTX", RuntimeNames.CONTEXT_DESC);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "caughtTyped", "(" + RuntimeNames.CONTEXT_DESC + ")J", false);
        mv.visitInsn(LRETURN);
        mv.visitLabel(exit);
        // The chunk method takes the frame from here on; its return leaves the result in the value stack.
        mv.visitFieldInsn(GETSTATIC, className, "CTX", RuntimeNames.CONTEXT_DESC);
        mv.visitVarInsn(ILOAD, fp);
        mv.visitVarInsn(ILOAD, entry);
        mv.visitVarInsn(ILOAD, slack);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "exitTyped", "(" + RuntimeNames.CONTEXT_DESC + "III)J", false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void store(MethodVisitor mv, int s, int fp, int slot, int arg) {
        mv.visitVarInsn(ALOAD, s);
        mv.visitVarInsn(ILOAD, fp);
        if (slot != 0) {
            mv.visitLdcInsn(slot);
            mv.visitInsn(IADD);
        }
        mv.visitVarInsn(LLOAD, arg);
        mv.visitInsn(LASTORE);
    }
}
