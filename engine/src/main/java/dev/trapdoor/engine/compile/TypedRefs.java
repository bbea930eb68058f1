package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * Typed function references' tests on a reference slot: a reference is a {@code long} whose null is -1 (the
 * interpreter's {@code Values.NULL_REF}), so a test is one {@code lcmp}. ({@code call_ref} is a call_indirect of
 * {@link CallEmitter#REF_TABLE}; {@code br_on_null} and {@code br_on_non_null} branch in the translator.)
 */
final class TypedRefs implements Opcodes {
    private TypedRefs() {
    }

    /** Leaves on the JVM stack an int that is 0 exactly when the reference in {@code slot} is null. */
    static void isNull(Emit e, int slot) {
        e.ld(slot);
        e.lconst(-1L);
        e.mv.visitInsn(LCMP);
    }

    /** {@code ref.as_non_null}: traps with a null reference, as the interpreter's operation does. */
    static void asNonNull(Emit e, Sites sites, int moduleOffset, int top) {
        Label ok = new Label();
        isNull(e, top - 1);
        e.mv.visitJumpInsn(IFNE, ok);
        sites.begin(e, moduleOffset, 0xD4, -1, 0);
        e.rt("nullReference", "()Ljava/lang/RuntimeException;");
        e.mv.visitInsn(ATHROW);
        sites.end(e);
        e.mv.visitLabel(ok);
    }
}
