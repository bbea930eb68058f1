package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.exec.EngineConfig;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * One frame check per two levels of a self-recursive typed entry ({@code -Dtrapdoor.jit.pairedChecks=true}, off by
 * default). Every typed entry checks its own frame ({@code exec.JitRt#enterTyped}: the value stack's room and the
 * depth slack), so a recursion pays that check at each level, including the level C2 inlines into its caller. With
 * this, the class gets two more copies of the typed body:
 * <ul>
 * <li>{@code t}, the entry callers reach, first asks whether its own frame and one of its self calls' frames fit below
 * the value stack's first length, a constant, with slack left for that callee ({@code slack >= 1}); if so it runs
 * {@link #WIDE}, else the body as before (its own check, then self calls through the call site).</li>
 * <li>{@link #WIDE} is the body without the check, its self calls made straight to {@link #UNCHECKED}: the check in
 * {@code t} covered them.</li>
 * <li>{@link #UNCHECKED} is the body without the check, its self calls through the call site again (to {@code t}),
 * so the next level checks.</li>
 * </ul>
 * A call that only its own frame fits runs the old body, so the stack runs out at exactly the interpreter's depth and
 * size with the same frames. A copy's sites, handlers and exits are the original's (the same numbers), so traps and
 * polls are unchanged. {@link #UNCHECKED} is entered by a direct call, which no retargeting of the call site reaches:
 * it starts with the poll, and when the store wants frames out of compiled code (a breakpoint pinned the function,
 * a debugger attached) it hands the call to the call site instead, as its caller would have.
 */
public final class PairedChecks implements Opcodes {
    private PairedChecks() {
    }

    /** Read when a function is translated. */
    static boolean enabled() {
        return Boolean.getBoolean("trapdoor.jit.pairedChecks");
    }

    /** The body whose frame and self callees' frames {@code t} checked. */
    public static final String WIDE = "w";
    /** The body a checked caller calls: no check of its own. */
    public static final String UNCHECKED = "u";

    /** Whether {@code method} is a typed body of a compiled class: {@code t} or one of its copies. */
    public static boolean isTypedBody(String method) {
        return TypedCalls.METHOD.equals(method) || WIDE.equals(method) || UNCHECKED.equals(method);
    }

    /**
     * The largest fp a typed frame of {@code frameSize} slots may have for itself and a self callee at
     * {@code fp + calleeOffset} of the same size to fit the value stack's first length.
     */
    static int widestFp(int frameSize, int calleeOffset) {
        return EngineConfig.MIN_VALUE_STACK_SLOTS - frameSize - calleeOffset;
    }

    /**
     * The class with {@code t} split as above. {@code selfOffset} is the largest offset from {@code fp} at which the
     * typed body calls itself (so at least one self call exists), {@code frameSize} its frame's slots.
     */
    static byte[] apply(byte[] cls, String className, int funcIndex, int frameSize, int selfOffset) {
        ClassReader reader = new ClassReader(cls);
        ClassWriter out = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // As JvmCompiler.newClass: only our own value types meet at merges.
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
        String[] desc = new String[1];
        reader.accept(new ClassVisitor(ASM9, out) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String sig, String[] ex) {
                MethodVisitor mv = super.visitMethod(access, name, d, sig, ex);
                if (!name.equals(TypedCalls.METHOD)) {
                    return mv;
                }
                desc[0] = d;
                return new EntryCheck(mv, className, d, widestFp(frameSize, selfOffset));
            }
        }, ClassReader.SKIP_FRAMES);
        copy(reader, out, WIDE, className, funcIndex, false);
        copy(reader, out, UNCHECKED, className, funcIndex, true);
        return out.toByteArray();
    }

    /** Another copy of {@code t} under {@code name}; each pass of the reader makes labels of its own. */
    private static void copy(ClassReader reader, ClassWriter out, String name, String className, int funcIndex,
                             boolean unchecked) {
        reader.accept(new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String sig, String[] ex) {
                if (!n.equals(TypedCalls.METHOD)) {
                    return null;
                }
                MethodVisitor mv = out.visitMethod(ACC_STATIC | ACC_PRIVATE, name, d, sig, ex);
                return new Body(mv, className, d, funcIndex, unchecked);
            }
        }, ClassReader.SKIP_FRAMES);
    }

    /** Loads the method's own arguments, as its descriptor lists them. */
    private static void loadArgs(MethodVisitor mv, String desc) {
        int slot = 0;
        for (Type t : Type.getArgumentTypes(desc)) {
            mv.visitVarInsn(t.getOpcode(ILOAD), slot);
            slot += t.getSize();
        }
    }

    /** {@code t}: the check of two frames in front of its code, which goes to {@link #WIDE} when it passes. */
    private static final class EntryCheck extends MethodVisitor {
        private final String className;
        private final String desc;
        private final int widestFp;

        EntryCheck(MethodVisitor mv, String className, String desc, int widestFp) {
            super(ASM9, mv);
            this.className = className;
            this.desc = desc;
            this.widestFp = widestFp;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            // The arguments are still where the caller put them: fp in 0, slack in 1 (TypedCalls.SHORT).
            Label narrow = new Label();
            mv.visitVarInsn(ILOAD, 0);
            mv.visitLdcInsn(widestFp);
            mv.visitJumpInsn(IF_ICMPGT, narrow);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitInsn(ICONST_1);
            mv.visitJumpInsn(IF_ICMPLT, narrow);
            loadArgs(mv, desc);
            mv.visitMethodInsn(INVOKESTATIC, className, WIDE, desc, false);
            mv.visitInsn(LRETURN);
            mv.visitLabel(narrow);
        }
    }

    /** A copy of the body without its frame check; {@code unchecked}: behind the poll, else with direct self calls. */
    private static final class Body extends MethodVisitor {
        private final String className;
        private final String desc;
        private final int funcIndex;
        private final boolean unchecked;

        Body(MethodVisitor mv, String className, String desc, int funcIndex, boolean unchecked) {
            super(ASM9, mv);
            this.className = className;
            this.desc = desc;
            this.funcIndex = funcIndex;
            this.unchecked = unchecked;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (unchecked) {
                // Free while the poll answers false (C2 folds the call site); else the call goes where the call site
                // now points, since a direct call from an older copy of this class reached here.
                Label compiled = new Label();
                mv.visitInvokeDynamicInsn("poll", "()Z", PollExits.POLL);
                mv.visitJumpInsn(IFEQ, compiled);
                loadArgs(mv, desc);
                mv.visitInvokeDynamicInsn("call", desc, CallEmitter.LINK_TYPED, funcIndex, -1);
                mv.visitInsn(LRETURN);
                mv.visitLabel(compiled);
            }
        }

        @Override
        public void visitMethodInsn(int op, String owner, String name, String d, boolean itf) {
            if (op == INVOKESTATIC && owner.equals(RuntimeNames.RT) && name.equals("enterTyped")) {
                // The interpreter, fp, the frame's size and the slack: checked by the caller.
                mv.visitInsn(POP2);
                mv.visitInsn(POP2);
                return;
            }
            super.visitMethodInsn(op, owner, name, d, itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String d, Handle bsm, Object... args) {
            if (!unchecked && isSelfCall(name, d, bsm, args)) {
                mv.visitMethodInsn(INVOKESTATIC, className, UNCHECKED, d, false);
                return;
            }
            super.visitInvokeDynamicInsn(name, d, bsm, args);
        }

        private boolean isSelfCall(String name, String d, Handle bsm, Object[] args) {
            return name.equals("call") && d.equals(desc) && bsm.equals(CallEmitter.LINK_TYPED)
                    && args.length > 0 && args[0] instanceof Integer i && i == funcIndex;
        }
    }
}
