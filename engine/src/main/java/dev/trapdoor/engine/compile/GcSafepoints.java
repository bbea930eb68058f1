package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.ISTORE;

/**
 * The GC safepoints of a function that may hold GC references ({@code GcRefUses}): before each allocation and each
 * call (whose callee may allocate), the frame's written slots go to the value stack, where a collection looks for
 * references; the rest of the frame is there already. The stores are one block per chunk, emitted when the chunk
 * knows every slot it writes (a loop's back-edge brings values written after the safepoint), which returns through a
 * switch on the safepoint's number. A function without GC references gets none of this.
 */
final class GcSafepoints {
    private final Emit e;
    private final boolean enabled;
    /** The current chunk's block, once a safepoint needs it. */
    private Label block;
    /** Where each safepoint of the current chunk goes on after the block, by number. */
    private final List<Label> returns = new ArrayList<>();
    /** The JVM local holding the number of the safepoint the block returns to. */
    private int returnLocal;

    GcSafepoints(Emit e, boolean enabled) {
        this.e = e;
        this.enabled = enabled;
    }

    /** Whether the function may hold GC references (a collection may read any slot of its frame). */
    boolean mayHold() {
        return enabled;
    }

    void startChunk() {
        block = null;
        returns.clear();
    }

    /** A safepoint here: a jump to the chunk's block, which comes back right after it. */
    void safepoint() {
        if (!enabled) {
            return;
        }
        if (block == null) {
            block = new Label();
            returnLocal = e.freshLocal();
        }
        Label back = new Label();
        e.iconst(returns.size());
        e.mv.visitVarInsn(ISTORE, returnLocal);
        e.mv.visitJumpInsn(GOTO, block);
        e.mv.visitLabel(back);
        returns.add(back);
    }

    /** Upper bound of the bytes {@link #emitBlock} will take, given what the chunk holds so far. */
    int reserve() {
        return block == null ? 0 : 24 + e.slotMoveBytes + 4 * returns.size();
    }

    /** The bytes the next safepoint adds, its share of the block included. */
    int safepointBytes() {
        return !enabled ? 0 : block == null ? 32 + e.slotMoveBytes : 12;
    }

    /** What any other instruction may add to the block: the stores of slots it writes first. */
    int blockGrowth() {
        return block == null ? 0 : 24;
    }

    /**
     * The chunk's block, at its end; in the first chunk it also stores the declared locals the chunk uses (those from
     * {@code paramCount} to {@code localCount}), which its prologue sets while the value stack may hold anything.
     */
    void emitBlock(boolean firstChunk, int paramCount, int localCount) {
        if (block == null) {
            return;
        }
        e.mv.visitLabel(block);
        e.reloadStack();
        BitSet slots = (BitSet) e.written.clone();
        if (firstChunk) {
            BitSet declaredLocals = (BitSet) e.used.clone();
            declaredLocals.clear(0, paramCount);
            declaredLocals.clear(localCount, Integer.MAX_VALUE);
            slots.or(declaredLocals);
        }
        for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
            e.spill(i);
        }
        e.mv.visitVarInsn(ILOAD, returnLocal);
        Label[] back = returns.toArray(new Label[0]);
        e.mv.visitTableSwitchInsn(0, back.length - 1, back[0], back);
    }
}
