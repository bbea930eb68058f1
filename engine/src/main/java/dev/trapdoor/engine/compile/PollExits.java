package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.Map;
import java.util.TreeMap;

/**
 * A loop header's poll exit reaches the chunk's shared spill block through a short stub that first
 * zeroes the operand slots above the poll's operand-stack height: the spill block stores every slot the chunk wrote,
 * and without the stub a slot that is dead at the poll (the loop's last operand, a long made for a slot only the
 * exit reads) stays live around the loop for it, in a register or a stack slot C2 must keep.
 *
 * <p>The zeroes are never seen: the interpreter resumes at the poll with that height, and a debugger shows the operands
 * below it only. Stubs are shared by polls of one height, at most {@link #MAX} per chunk (further polls go straight
 * to the spill block, as before). Not after calls: their stubs cost bytes where few slots are dead, and tak's typed
 * entry (four calls at four heights) would pass C2's {@code FreqInlineSize} ({@code TypedExitTest}).
 * {@code -Dtrapdoor.jit.pollExitStubs=false} turns them off.
 */
final class PollExits implements Opcodes {
    static final boolean ON = !"false".equals(System.getProperty("trapdoor.jit.pollExitStubs"));
    /** Stubs per chunk: each is bounded by the chunk's operand slots, and counts against its budget. */
    static final int MAX = 4;

    private final FunctionTranslator t;
    /** This chunk's stubs by the first operand slot dead at their polls. */
    private final Map<Integer, Label> stubs = new TreeMap<>();

    PollExits(FunctionTranslator t) {
        this.t = t;
    }

    static final org.objectweb.asm.Handle POLL = new org.objectweb.asm.Handle(H_INVOKESTATIC,
            RuntimeNames.RT, "poll", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);

    /**
     * The poll at a loop header and after each call's return: a call site the JVM folds to nothing while it answers
     * false. When the store switches it (a debugger attached, an interrupt), the frame exits with the header's entry
     * id (or the call's {@link EntryIds#afterCall}), and the runtime moves it into the interpreter there.
     * {@code firstDead}: the first operand slot dead at a loop header, or -1 to store every slot as before.
     */
    void poll(int id, int firstDead) {
        Label go = new Label();
        t.e.mv.visitInvokeDynamicInsn("poll", "()Z", POLL);
        t.e.mv.visitJumpInsn(IFEQ, go);
        t.exitTo(id, firstDead < 0 ? t.spill : target(firstDead));
        t.e.mv.visitLabel(go);
    }

    void startChunk() {
        stubs.clear();
    }

    /**
     * The label a poll exit with its entry id on the JVM stack jumps to: the stub for {@code firstDead} (the first
     * operand slot dead at the poll), or the spill block.
     */
    private Label target(int firstDead) {
        if (!ON) {
            return t.spill;
        }
        Label stub = stubs.get(firstDead);
        if (stub == null && stubs.size() < MAX) {
            stub = new Label();
            stubs.put(firstDead, stub);
        }
        return stub != null ? stub : t.spill;
    }

    /** Upper bound of the bytes {@link #emit} will need, with one more stub than the chunk has so far. */
    int reserve(int chunkMaxHeight) {
        // Per stub a goto, per operand slot a lconst_0 and a (wide) lstore.
        return ON ? Math.min(stubs.size() + 1, MAX) * (3 + 5 * (chunkMaxHeight + 2)) : 0;
    }

    /** The stubs, before the spill block, once the chunk knows which slots it wrote. */
    void emit() {
        Emit e = t.e;
        for (Map.Entry<Integer, Label> s : stubs.entrySet()) {
            e.mv.visitLabel(s.getValue());
            zeroWrittenLongs(e, s.getKey());
            e.mv.visitJumpInsn(GOTO, t.spill);
        }
    }

    /**
     * Zeroes every long slot from {@code firstSlot} up that the chunk wrote, so that the spill after it keeps no dead
     * value live.
     */
    static void zeroWrittenLongs(Emit e, int firstSlot) {
        java.util.BitSet written = e.written;
        for (int i = written.nextSetBit(firstSlot); i >= 0; i = written.nextSetBit(i + 1)) {
            if (!e.intSlots.get(i)) {
                e.mv.visitInsn(LCONST_0);
                e.mv.visitVarInsn(LSTORE, e.local(i));
            }
        }
    }
}
