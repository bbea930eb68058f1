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
 * depth slack), so a recursion pays that check at each level, including the levels C2 inlines into their caller.
 * With this, the typed body moves into two copies without the check, and {@code t} only chooses between them:
 * <ul>
 * <li>{@code t}, which callers reach: if its own frame and its self calls' frames fit below the value stack's first
 * length (a constant) and the slack leaves room for one more level ({@code slack >= 1}), it runs {@link #WIDE};
 * else it checks its own frame as before (trapping or growing the stack there) and runs {@link #UNCHECKED}.</li>
 * <li>{@link #WIDE}: the body, its self calls made through {@link #GUARD} straight to {@link #UNCHECKED}, which
 * {@code t}'s check covered.</li>
 * <li>{@link #UNCHECKED}: the body, its self calls through the call site (to {@code t}), so the next level checks.</li>
 * </ul>
 * So every frame is still checked, by itself or by its caller, against the same bounds: the stack runs out at
 * exactly the interpreter's depth and size with the same frames. The copies' sites, handlers and exits are the
 * body's (the same numbers), so traps and polls are as before. {@code t} is small, so C2 inlines it wherever a typed
 * call reaches it, and the body's size against C2's inlining limit is what it was. The direct call from
 * {@link #WIDE} is one that retargeting the call site does not reach: {@link #GUARD} makes it through the call site
 * instead while the store wants frames out of compiled code (a breakpoint pinned the function, a debugger attached),
 * as the body would have; C2 folds that poll to nothing.
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
    /** The body whose frame its caller checked. */
    public static final String UNCHECKED = "u";
    /** {@link #WIDE}'s way to {@link #UNCHECKED}, or to the call site while compiled frames should leave. */
    static final String GUARD = "g";

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
        // The class as it was, but t's body goes to u; then a second copy of it as w.
        reader.accept(new ClassVisitor(ASM9, out) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String sig, String[] ex) {
                if (!name.equals(TypedCalls.METHOD)) {
                    return super.visitMethod(access, name, d, sig, ex);
                }
                desc[0] = d;
                return new Body(out.visitMethod(ACC_STATIC | ACC_PRIVATE, UNCHECKED, d, sig, ex), className, d,
                        funcIndex, false);
            }
        }, ClassReader.SKIP_FRAMES);
        reader.accept(new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String sig, String[] ex) {
                if (!n.equals(TypedCalls.METHOD)) {
                    return null;
                }
                return new Body(out.visitMethod(ACC_STATIC | ACC_PRIVATE, WIDE, d, sig, ex), className, d,
                        funcIndex, true);
            }
        }, ClassReader.SKIP_FRAMES);
        entry(out.visitMethod(ACC_STATIC, TypedCalls.METHOD, desc[0], null, null), className, desc[0],
                widestFp(frameSize, selfOffset), frameSize);
        guard(out.visitMethod(ACC_STATIC | ACC_PRIVATE, GUARD, desc[0], null, null), className, desc[0], funcIndex);
        return out.toByteArray();
    }

    /** Loads the method's own arguments, as its descriptor lists them. */
    private static void loadArgs(MethodVisitor mv, String desc) {
        int slot = 0;
        for (Type t : Type.getArgumentTypes(desc)) {
            mv.visitVarInsn(t.getOpcode(ILOAD), slot);
            slot += t.getSize();
        }
    }

    /** {@code t}: both frames checked at once, or its own alone ({@code fp} in 0, the slack in 1: the short form). */
    private static void entry(MethodVisitor mv, String className, String desc, int widestFp, int frameSize) {
        mv.visitCode();
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
        mv.visitFieldInsn(GETSTATIC, className, "IN", "L" + RuntimeNames.INTERPRETER + ";");
        mv.visitVarInsn(ILOAD, 0);
        mv.visitLdcInsn(frameSize);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "enterTyped", "(L" + RuntimeNames.INTERPRETER + ";III)V",
                false);
        loadArgs(mv, desc);
        mv.visitMethodInsn(INVOKESTATIC, className, UNCHECKED, desc, false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@link #GUARD}: {@link #UNCHECKED}, or the call site while the poll answers true. */
    private static void guard(MethodVisitor mv, String className, String desc, int funcIndex) {
        mv.visitCode();
        Label compiled = new Label();
        mv.visitInvokeDynamicInsn("poll", "()Z", PollExits.POLL);
        mv.visitJumpInsn(IFEQ, compiled);
        loadArgs(mv, desc);
        mv.visitInvokeDynamicInsn("call", desc, CallEmitter.LINK_TYPED, funcIndex, -1);
        mv.visitInsn(LRETURN);
        mv.visitLabel(compiled);
        loadArgs(mv, desc);
        mv.visitMethodInsn(INVOKESTATIC, className, UNCHECKED, desc, false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** A copy of the body without its frame check; {@code wide}: its self calls go to {@link #GUARD}. */
    private static final class Body extends MethodVisitor {
        private final String className;
        private final String desc;
        private final int funcIndex;
        private final boolean wide;

        Body(MethodVisitor mv, String className, String desc, int funcIndex, boolean wide) {
            super(ASM9, mv);
            this.className = className;
            this.desc = desc;
            this.funcIndex = funcIndex;
            this.wide = wide;
        }

        @Override
        public void visitMethodInsn(int op, String owner, String name, String d, boolean itf) {
            if (op == INVOKESTATIC && owner.equals(RuntimeNames.RT) && name.equals("enterTyped")) {
                // The interpreter, fp, the frame's size and the slack: t checked them.
                mv.visitInsn(POP2);
                mv.visitInsn(POP2);
                return;
            }
            super.visitMethodInsn(op, owner, name, d, itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String d, Handle bsm, Object... args) {
            if (wide && isSelfCall(name, d, bsm, args)) {
                mv.visitMethodInsn(INVOKESTATIC, className, GUARD, d, false);
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
