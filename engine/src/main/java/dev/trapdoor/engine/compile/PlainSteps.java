package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.BitSet;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The instructions that both a function's own code and its header and tail copies ({@link HeaderCopies}) emit:
 * locals, constants, numeric operations, loads, stores and {@code select}. One place, so that a copy traps, defers
 * and assigns exactly as the original does.
 */
final class PlainSteps implements Opcodes {
    private final Emit e;
    private final Sites sites;
    /** Locals written so far ({@link FunctionTranslator#assigned}). */
    private final BitSet assigned;
    private final boolean stackResults;
    /** Operand height to JVM slot. */
    private final IntUnaryOperator opSlot;
    /** Whether the instruction after the one at a module offset is a {@code br_if} back to a loop. */
    private final IntPredicate loopTestAt;

    PlainSteps(Emit e, Sites sites, BitSet assigned, boolean stackResults, IntUnaryOperator opSlot,
               IntPredicate loopTestAt) {
        this.loopTestAt = loopTestAt;
        this.e = e;
        this.sites = sites;
        this.assigned = assigned;
        this.stackResults = stackResults;
        this.opSlot = opSlot;
    }

    void select(int top) {
        Label skip = new Label();
        e.ldI(top - 1);
        e.mv.visitJumpInsn(IFNE, skip);
        e.copy(top - 2, top - 3);
        e.mv.visitLabel(skip);
    }

    void store(int op, int moduleOffset, int top, long memOffset) {
        sites.begin(e, moduleOffset, op, top - 2, memOffset, top);
        MemoryOps.store(e, op, top, memOffset);
        sites.end(e);
    }

    /** A step of a copied tail ({@link LoopJoins}) other than a block or branch: a plain one, a select or a store. */
    void copied(int op, int moduleOffset, int h, int immA, long immL) {
        if (op == 0x1B) {
            select(opSlot.applyAsInt(h));
        } else if (op == 0x24) {
            RuntimeOps.globalSet(e, immA, opSlot.applyAsInt(h));
        } else if (MemoryOps.isStore(op)) {
            store(op, moduleOffset, opSlot.applyAsInt(h), immL);
        } else {
            plain(op, moduleOffset, h, immA, immL);
        }
    }

    /** An instruction a header copy can repeat ({@link HeaderCopy#plain}), at height {@code h}. */
    void plain(int op, int moduleOffset, int h, int immA, long immL) {
        int top = opSlot.applyAsInt(h);
        switch (op) {
            case 0x20 -> e.pending.pushCopy(top, immA);
            case 0x21, 0x22 -> {
                assigned.set(immA);
                e.copy(top - 1, immA);
            }
            case 0x41, 0x43 -> e.pending.pushConst(top, (int) immL);
            case 0x42, 0x44 -> e.pending.pushConst(top, immL);
            default -> {
                if (op == 0x45 && e.pending.conditionAt(top - 1)) {
                    e.pending.invertCondition();
                } else if (NumericOps.isNumeric(op)) {
                    boolean traps = NumericOps.traps(op);
                    if (traps) {
                        sites.begin(e, moduleOffset, op, -1, 0, top);
                    }
                    // A comparison's result stays a condition for a br_if or if right after it.
                    e.pending.deferConditions = op <= 0x66;
                    e.pending.deferResults = stackResults;
                    if (!UnsignedMaskTests.emit(e, op, top - 2, top - 1, loopTestAt.test(moduleOffset))) {
                        NumericOps.emit(e, op, top);
                    }
                    e.pending.deferConditions = false;
                    e.pending.deferResults = false;
                    if (traps) {
                        sites.end(e);
                    }
                } else {
                    sites.begin(e, moduleOffset, op, top - 1, immL, top);
                    e.pending.deferResults = stackResults;
                    MemoryOps.load(e, op, top, immL);
                    e.pending.deferResults = false;
                    sites.end(e);
                }
            }
        }
    }
}
