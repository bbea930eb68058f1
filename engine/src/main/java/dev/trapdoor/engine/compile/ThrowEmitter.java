package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

/**
 * {@code throw}, {@code throw_ref} and the legacy {@code rethrow} in compiled code. A compiled frame never runs a
 * handler: a throw deoptimizes. It throws the runtime's deoptimization ({@code exec.JitExceptions#throwing}) from a
 * site of its own, whose handler adds the frame with its slots; every frame below adds itself on the way out. The
 * first frame whose handler catches moves into the interpreter, which raises the exception there and runs the
 * handler (no debugger), or the outermost invocation moves them all and runs the throwing instruction again (a
 * debugger, or nothing catches). Either way the interpreter finds the handler ({@code ExceptionHandlers}), so tags
 * match and payloads land exactly as they do in the interpreter. Compiled code therefore translates a
 * {@code try_table} or legacy {@code try} as a block whose handlers are unreachable.
 */
final class ThrowEmitter implements Opcodes {
    private ThrowEmitter() {
    }

    static final String RUNTIME = RuntimeNames.PACKAGE + "JitExceptions";

    static void emit(Emit e, Sites sites, int op, int moduleOffset) {
        sites.begin(e, moduleOffset, op, -1, 0);
        e.mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "throwing", "()Ljava/lang/RuntimeException;", false);
        e.mv.visitInsn(ATHROW);
        sites.end(e);
    }
}
