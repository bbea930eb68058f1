package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * A case chunk's loop entered only at its header copy (ARCHITECTURE.md "Header copies"). A chunk holding a header
 * copy and the tail back to it is a loop (copy → case → tail → copy), and its entry switch used to jump straight
 * into the cases: a loop entered at each of its cases, which C2 finds irreducible (24-36 such loops per `bigvm`
 * case chunk, twice the machine code; benchmarks/RESULTS.md, session 29). Here the entry switch sits at the loop's
 * head instead: the prologue jumps to a test in front of the copy, which sends a real entry id (never negative) on
 * to the switch and a back-edge's -1 on to the copy, so every path into the loop passes that one test.
 *
 * <p>Applied when a chunk holds exactly one header copy and something in the chunk branches to it (a dead copy keeps
 * the plain switch, and the test in front of it stays dead). {@code -Dtrapdoor.jit.reducibleCopies=false}: the entry
 * switch jumps into the cases as before.
 */
final class ReducibleCopies implements Opcodes {
    /** Read at each function's translation, as header copies' own switch is. */
    static boolean enabled() {
        return !"false".equals(System.getProperty("trapdoor.jit.reducibleCopies"));
    }

    /** This chunk's copied loop with the test in front, the test and the entry switch; null when none. */
    private Control loop;
    private Label test;
    private Label entrySwitch;

    /** A new chunk: no test yet. */
    void startChunk() {
        loop = null;
    }

    /**
     * At the copy's label, before its poll: back-edges land here and set the entry to -1; the prologue's jump lands
     * on the test after that store.
     */
    void emitTest(Emit e, Control c) {
        loop = c;
        test = new Label();
        entrySwitch = new Label();
        e.mv.visitInsn(ICONST_M1);
        e.mv.visitVarInsn(ISTORE, Emit.ENTRY);
        e.mv.visitLabel(test);
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.mv.visitJumpInsn(IFGE, entrySwitch);
    }

    /**
     * In the prologue, after the fills and before the entry switch: go to the test when the copy is reached from
     * inside the chunk, and name the switch, which the test jumps to (dead code when the copy is).
     */
    void beforeSwitch(Emit e) {
        if (loop == null) {
            return;
        }
        if (loop.labelUsed) {
            e.mv.visitJumpInsn(GOTO, test);
        }
        e.mv.visitLabel(entrySwitch);
    }
}
