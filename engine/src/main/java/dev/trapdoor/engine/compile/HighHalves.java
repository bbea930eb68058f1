package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

import java.util.BitSet;

import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT;
import static dev.trapdoor.engine.compile.RuntimeNames.INTERPRETER;

/**
 * The high halves of v128 values in the current chunk. A v128 in frame slot {@code x} is two JVM {@code long}
 * locals: the low half in {@code x}'s ordinary local ({@link Emit#local}), the high half in a second one given out
 * here on first use. Only slots that ever hold a v128 in the chunk get one, so scalar code pays nothing. In the
 * frame-state format the high halves live where the interpreter keeps them, at the same index of its parallel
 * {@code hi} array; they move there at every exit and return and before calls, and back at entries and after calls.
 */
final class HighHalves implements Opcodes {
    private final Emit e;
    /** Frame slots whose high half the current chunk holds in a JVM local. */
    final BitSet used = new BitSet();
    private int[] jvmLocal = new int[16];
    /** An int JVM local for an effective address used twice (a whole v128 load or store), 0 until needed. */
    private int address;
    /** The lowest argument slot of the chunk's calls: the slots from there up may belong to a callee's frame. */
    private int callFloor;

    HighHalves(Emit e) {
        this.e = e;
    }

    void startChunk() {
        used.clear();
        java.util.Arrays.fill(jvmLocal, 0);
        address = 0;
        callFloor = Integer.MAX_VALUE;
    }

    /** Bytes the chunk's entries and exits need for the high halves it holds, for the budget. */
    int reserve() {
        return used.isEmpty() ? 0 : 24 + 36 * used.cardinality();
    }

    private int local(int slot) {
        if (slot >= jvmLocal.length) {
            jvmLocal = java.util.Arrays.copyOf(jvmLocal, Math.max(slot + 1, jvmLocal.length * 2));
        }
        int l = jvmLocal[slot];
        if (l == 0) {
            l = jvmLocal[slot] = e.freshLocal();
            used.set(slot);
        }
        return l;
    }

    int addressLocal() {
        if (address == 0) {
            address = e.freshLocal();
        }
        return address;
    }

    void ld(int slot) {
        e.mv.visitVarInsn(LLOAD, local(slot));
    }

    void st(int slot) {
        e.mv.visitVarInsn(LSTORE, local(slot));
    }

    void copy(int from, int to) {
        if (from != to) {
            ld(from);
            st(to);
        }
    }

    /** The interpreter's {@code hi} array (read each time: it grows with the value stack). */
    void array() {
        e.context();
        e.mv.visitFieldInsn(GETFIELD, CONTEXT, "in", "L" + INTERPRETER + ";");
        e.mv.visitFieldInsn(GETFIELD, INTERPRETER, "hi", "[J");
    }

    /** {@code hi[fp + slot]} as array and index on the stack, the array below them. */
    private void ref(int slot) {
        e.mv.visitInsn(DUP);
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        if (slot != 0) {
            e.iconst(slot);
            e.mv.visitInsn(IADD);
        }
    }

    /** Local → {@code hi[fp + slot]}, for each slot in {@code slots}. */
    void spill(BitSet slots) {
        if (slots.isEmpty()) {
            return;
        }
        array();
        for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
            ref(i);
            ld(i);
            e.mv.visitInsn(LASTORE);
        }
        e.mv.visitInsn(POP);
    }

    /** {@code hi[fp + slot]} → local, for each slot in {@code slots}. */
    void fill(BitSet slots) {
        if (slots.isEmpty()) {
            return;
        }
        array();
        for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
            ref(i);
            e.mv.visitInsn(LALOAD);
            st(i);
        }
        e.mv.visitInsn(POP);
    }

    /** Every high half the chunk holds, to the interpreter's array: at exits. */
    void spillUsed() {
        spill((BitSet) used.clone());
    }

    /** Every high half the chunk holds, from the interpreter's array: at entries after the function's start. */
    void fillUsed() {
        fill((BitSet) used.clone());
    }

    /** Zeroes {@code hi[fp + from .. fp + to)}: declared v128 locals no chunk has written yet. */
    void zeroInArray(int from, int to) {
        array();
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.iconst(from);
        e.mv.visitInsn(IADD);
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.iconst(to);
        e.mv.visitInsn(IADD);
        e.mv.visitInsn(LCONST_0);
        e.mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([JIIJ)V", false);
    }

    /** Sets the high local of each used slot from {@code from} on to 0. */
    void zeroLocals(int from) {
        BitSet slots = (BitSet) used.clone();
        for (int i = slots.nextSetBit(from); i >= 0; i = slots.nextSetBit(i + 1)) {
            e.mv.visitInsn(LCONST_0);
            st(i);
        }
    }

    /**
     * Before a call: the arguments' high halves go where the callee finds them, and the caller's own v128 slots below
     * them to the interpreter's array too, so that a debugger stop in the callee that moves this frame into the
     * interpreter ({@code Deoptimization}) finds them there.
     */
    void beforeCall(int argSlot, dev.trapdoor.engine.model.FuncType ft) {
        callFloor = Math.min(callFloor, argSlot);
        BitSet slots = used.get(0, argSlot);
        for (int i = 0; i < ft.paramCount(); i++) {
            if (ft.param(i) == dev.trapdoor.engine.model.ValType.V128) {
                local(argSlot + i);
                slots.set(argSlot + i);
            }
        }
        spill(slots);
    }

    /**
     * In a trap handler, while a debugger waits for the trap: the high halves to the interpreter's array, where the
     * debugger's view of this frame reads them. Not the slots from the lowest call's arguments up, which a callee's
     * frame (shown too) may hold.
     */
    void spillForTrap() {
        spill(used.get(0, Math.min(callFloor, used.length())));
    }

    /** After a call in the value-stack convention: the v128 results' high halves. */
    void afterCall(int argSlot, dev.trapdoor.engine.model.FuncType ft) {
        BitSet slots = new BitSet();
        for (int i = 0; i < ft.resultCount(); i++) {
            if (ft.result(i) == dev.trapdoor.engine.model.ValType.V128) {
                local(argSlot + i);
                slots.set(argSlot + i);
            }
        }
        fill(slots);
    }
}
