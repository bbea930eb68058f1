package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The typed entry ({@link TypedCalls}) of a function of several chunks: the value-stack entry {@code call(int fp)}
 * behind the typed convention, in one method, so a typed caller reaches it as it reaches a function of one chunk
 * (a static call through its typed call site) rather than through the runtime's adapter over the value stack
 * ({@code JitRt.viaStack}: method handles collecting the arguments into an array, a second call site, a frame count
 * of its own). It checks the depth slack and the room as a typed entry does, counts its frame in the interpreter's
 * {@code jitDepth} (its chunks call out and trap as chunks do, reading those counters), stores the arguments and the
 * locals {@link EntryZeroes} names into the value stack, runs the chunks and returns the result from the value stack.
 * The counters go back to the caller's on the way out, return or throw, as the adapter's {@code finally} did; the
 * frames a trap reports are the chunks' own, so they equal the interpreter's as before.
 *
 * <p>{@code -Dtrapdoor.jit.chunkedTypedEntry=false}: functions of several chunks get no typed entry (the adapter).
 */
final class ChunkedTypedEntry implements Opcodes {
    private ChunkedTypedEntry() {
    }

    static final boolean ENABLED = !"false".equals(System.getProperty("trapdoor.jit.chunkedTypedEntry"));

    /** Above this many locals to set, the entry calls the runtime's loop instead of storing each one inline. */
    private static final int INLINE_ZEROES = 24;

    /**
     * @param frameSize the larger of the compiled and the interpreted frame: the room check is the value-stack
     *                  entry's, so both tiers run out of value stack at the same call
     * @param zeroes    the declared locals to set, ascending ({@link EntryZeroes})
     * @param refs      which of them are references (set to null, -1)
     * @param localLoop the class has its own chunk loop {@code run(int fp, int entry)}
     */
    static void emit(ClassWriter cw, String className, FuncType ft, int frameSize, int[] zeroes, java.util.BitSet refs,
                     boolean localLoop) {
        String desc = TypedCalls.descriptor(ft);
        Type[] args = Type.getArgumentTypes(desc);
        int fixed = args.length - ft.paramCount();
        int[] argLocal = new int[args.length];
        int next = 0;
        for (int i = 0; i < args.length; i++) {
            argLocal[i] = next;
            next += args[i].getSize();
        }
        int saved = next;
        int stack = next + 1;
        int entry = next + 2;
        String interp = "L" + RuntimeNames.INTERPRETER + ";";
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, TypedCalls.METHOD, desc, null, null);
        mv.visitCode();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        // The typed entry's checks: a trap here comes before this frame is counted, with enterFrame's detail.
        mv.visitFieldInsn(GETSTATIC, className, "IN", interp);
        mv.visitVarInsn(ILOAD, Emit.FP);
        iconst(mv, frameSize);
        mv.visitVarInsn(ILOAD, Emit.ENTRY);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "enterTyped", "(" + interp + "III)V", false);
        mv.visitFieldInsn(GETSTATIC, className, "IN", interp);
        mv.visitVarInsn(ILOAD, Emit.ENTRY);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "countChunkedFrame", "(" + interp + "I)I", false);
        mv.visitVarInsn(ISTORE, saved);
        mv.visitLabel(tryStart);
        mv.visitFieldInsn(GETSTATIC, className, "IN", interp);
        mv.visitFieldInsn(GETFIELD, RuntimeNames.INTERPRETER, "stack", "[J");
        mv.visitVarInsn(ASTORE, stack);
        if (zeroes.length > INLINE_ZEROES) {
            mv.visitFieldInsn(GETSTATIC, className, "CTX", RuntimeNames.CONTEXT_DESC);
            mv.visitVarInsn(ALOAD, stack);
            mv.visitVarInsn(ILOAD, Emit.FP);
            mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "zeroLocals",
                    "(" + RuntimeNames.CONTEXT_DESC + "[JI)V", false);
        } else {
            for (int slot : zeroes) {
                slotRef(mv, stack, slot);
                if (refs.get(slot)) {
                    mv.visitLdcInsn(-1L);
                } else {
                    mv.visitInsn(LCONST_0);
                }
                mv.visitInsn(LASTORE);
            }
        }
        for (int i = 0; i < ft.paramCount(); i++) {
            slotRef(mv, stack, i);
            toSlot(mv, args[fixed + i], argLocal[fixed + i]);
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ILOAD, Emit.FP);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, className, "c0", RuntimeNames.CHUNK_DESC, false);
        mv.visitVarInsn(ISTORE, entry);
        Label done = new Label();
        mv.visitVarInsn(ILOAD, entry);
        mv.visitJumpInsn(IFLT, done);
        if (localLoop) {
            mv.visitVarInsn(ILOAD, Emit.FP);
            mv.visitVarInsn(ILOAD, entry);
            mv.visitMethodInsn(INVOKESTATIC, className, "run", "(II)V", false);
        } else {
            mv.visitFieldInsn(GETSTATIC, className, "CTX", RuntimeNames.CONTEXT_DESC);
            mv.visitVarInsn(ILOAD, Emit.FP);
            mv.visitVarInsn(ILOAD, entry);
            mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "runChunks", "(" + RuntimeNames.CONTEXT_DESC + "II)V",
                    false);
        }
        mv.visitLabel(done);
        mv.visitLabel(tryEnd);
        restoreDepth(mv, className, saved);
        Type result = Type.getReturnType(desc);
        if (result.getSort() == Type.VOID) {
            mv.visitInsn(RETURN);
        } else if (ft.resultCount() == 0) {
            zeroOf(mv, result);
            mv.visitInsn(result.getOpcode(IRETURN));
        } else {
            // The chunks' return left the result in the value stack, which a callee may have grown: read it again.
            mv.visitFieldInsn(GETSTATIC, className, "IN", interp);
            mv.visitFieldInsn(GETFIELD, RuntimeNames.INTERPRETER, "stack", "[J");
            mv.visitVarInsn(ILOAD, Emit.FP);
            mv.visitInsn(LALOAD);
            fromSlot(mv, result);
            mv.visitInsn(result.getOpcode(IRETURN));
        }
        // A trap, a Wasm exception or a host's exit passing through: the caller's counters, then on its way.
        mv.visitLabel(handler);
        restoreDepth(mv, className, saved);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void restoreDepth(MethodVisitor mv, String className, int saved) {
        mv.visitFieldInsn(GETSTATIC, className, "IN", "L" + RuntimeNames.INTERPRETER + ";");
        mv.visitVarInsn(ILOAD, saved);
        mv.visitFieldInsn(PUTFIELD, RuntimeNames.INTERPRETER, "jitDepth", "I");
    }

    /** {@code s[fp + slot]}, ready for {@code lastore}. */
    private static void slotRef(MethodVisitor mv, int stack, int slot) {
        mv.visitVarInsn(ALOAD, stack);
        mv.visitVarInsn(ILOAD, Emit.FP);
        if (slot != 0) {
            iconst(mv, slot);
            mv.visitInsn(IADD);
        }
    }

    /** Loads an argument of JVM type {@code t} as the interpreter's slot (an i32 sign-extended, floats as bits). */
    private static void toSlot(MethodVisitor mv, Type t, int local) {
        mv.visitVarInsn(t.getOpcode(ILOAD), local);
        switch (t.getSort()) {
            case Type.LONG -> {
            }
            case Type.INT -> mv.visitInsn(I2L);
            case Type.FLOAT -> {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
            }
            case Type.DOUBLE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J",
                    false);
            default -> throw new IllegalStateException("typed argument of type " + t);
        }
    }

    /** Converts a slot's {@code long} on the JVM stack to the typed convention's JVM type {@code t}. */
    private static void fromSlot(MethodVisitor mv, Type t) {
        switch (t.getSort()) {
            case Type.LONG -> {
            }
            case Type.INT -> mv.visitInsn(L2I);
            case Type.FLOAT -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            }
            case Type.DOUBLE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D",
                    false);
            default -> throw new IllegalStateException("typed result of type " + t);
        }
    }

    private static void zeroOf(MethodVisitor mv, Type t) {
        switch (t.getSort()) {
            case Type.LONG -> mv.visitInsn(LCONST_0);
            case Type.FLOAT -> mv.visitInsn(FCONST_0);
            case Type.DOUBLE -> mv.visitInsn(DCONST_0);
            default -> mv.visitInsn(ICONST_0);
        }
    }

    private static void iconst(MethodVisitor mv, int v) {
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
