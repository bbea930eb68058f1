package dev.trapdoor.engine.compile;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.BitSet;

/**
 * The f32 lanes of v128 values, forwarded as JVM {@code float} locals from one f32x4 instruction to the next. A v128
 * slot is two {@code long}s, so every f32x4 operation unpacks eight lanes (a shift and a move from a general register
 * to a float register each) and packs four: in a chain such as saxpy's {@code f32x4.mul} then {@code f32x4.add}, the
 * second instruction would unpack what the first just packed, which C2 does not see through. The producer still packs
 * its result into the slot's two longs (the value every other reader, exit and trap site sees); it also leaves the
 * lanes in four float locals, and a consumer reads those while they are known to hold the slot's value.
 *
 * <p>They are known to while the code between producer and consumer is straight-line stack code: a Wasm instruction
 * writes only its own result slot, above every operand still live, and the only instructions that put a v128 into a
 * slot without the SIMD emitter are calls and the ends of blocks. So any instruction outside a short list (stack,
 * local, global, memory and numeric instructions, SIMD ones) forgets everything, as does a new chunk (a new method
 * whose locals start empty); a SIMD instruction or v128 move forgets the slots it writes.
 *
 * <p>An f32x4 result (or a load that feeds one) does not pack its lanes at all while only saxpy's kind of code
 * follows ({@link #keepsLazy}): its slot is lazy, and its {@code long}s are written by {@link #packAll} before any
 * other instruction, before a chunk cut, and in the trap handlers of the whole loads and stores in between. In saxpy
 * the packed product stayed live for the second load's trap site alone, and the sum was packed only to be stored.
 */
final class F32Lanes implements Opcodes {
    private final Emit e;
    /** The chunk method the float locals belong to. */
    private MethodVisitor chunk;
    private int[][] locals = new int[16][];
    private final BitSet valid = new BitSet();
    /**
     * Operand slots whose value is only in their float locals: their {@code long}s are stale until {@link #pack}
     * writes them. A subset of {@link #valid}.
     */
    private final BitSet lazy = new BitSet();

    F32Lanes(Emit e) {
        this.e = e;
    }

    /** Before each Wasm instruction {@code op}. */
    void instruction(int op) {
        if (!lazy.isEmpty() && !keepsLazy(op)) {
            packAll(true);
        }
        if (!keeps(op)) {
            valid.clear();
        }
    }

    /**
     * The instructions a lazy slot may stay lazy across: saxpy's chain and its address arithmetic. None of them exits,
     * branches, calls or is polled, and none reads a v128 operand but through this class or packs it first; the trap
     * sites among them (the whole loads and stores) pack in a handler of their own ({@code SimdEmitter}). Any other
     * instruction finds every slot packed.
     */
    private static boolean keepsLazy(int op) {
        int b = SimdEmitter.BASE;
        return op == 0x20 || op == 0x41 || (op >= 0x6A && op <= 0x6C) || op == 0x71 || op == 0x72 || op == 0x74
                || op == b || op == b + 0x0B || op == b + 0x0C || (op >= b + 0xE4 && op <= b + 0xE7);
    }

    /** Before an instruction that reads its v128 operands' longs through a call and writes its result's: packs all. */
    void opaque() {
        if (!lazy.isEmpty()) {
            packAll(true);
        }
        valid.clear();
    }

    boolean anyLazy() {
        return !lazy.isEmpty();
    }

    /** Slot {@code slot}'s value is in its float locals only (set them first). */
    void setLazy(int slot) {
        valid.set(slot);
        lazy.set(slot);
    }

    /** A lazy slot's value was consumed: its slot is dead, nothing to pack. */
    void consumed(int slot) {
        lazy.clear(slot);
    }

    /**
     * Writes every lazy slot's {@code long}s from its lanes: before an instruction that may read them ({@code clear}),
     * or in a trap handler, before the frame copy, where the normal path stays lazy. The stores leave pending values
     * alone: a lazy slot is a live operand, never a pending one.
     */
    void packAll(boolean clear) {
        for (int s = lazy.nextSetBit(0); s >= 0; s = lazy.nextSetBit(s + 1)) {
            pushHalf(s, 0);
            e.storeSlot(s);
            pushHalf(s, 1);
            e.high.st(s);
        }
        if (clear) {
            lazy.clear();
        }
    }

    /** Pushes half {@code half} of {@code slot}'s value packed from its lanes {@code 2 * half} and {@code + 1}. */
    void pushHalf(int slot, int half) {
        e.mv.visitVarInsn(FLOAD, local(slot, 2 * half));
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        e.mv.visitInsn(I2L);
        e.lconst(0xFFFF_FFFFL);
        e.mv.visitInsn(LAND);
        e.mv.visitVarInsn(FLOAD, local(slot, 2 * half + 1));
        e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        e.mv.visitInsn(I2L);
        e.iconst(32);
        e.mv.visitInsn(LSHL);
        e.mv.visitInsn(LOR);
    }

    private static boolean keeps(int op) {
        return op == 0x01 || op == 0x1A || op == 0x1B || op == 0x1C || (op >= 0x20 && op <= 0x24)
                || (op >= 0x28 && op <= 0x3E) || (op >= 0x41 && op <= 0xC4) || op >= SimdEmitter.BASE;
    }

    /** Slot {@code slot} and every slot above it get new values. */
    void forgetFrom(int slot) {
        valid.clear(slot, Math.max(slot, valid.length()));
        lazy.clear(slot, Math.max(slot, lazy.length()));
    }

    void forget(int slot) {
        valid.clear(slot);
        lazy.clear(slot);
    }

    boolean has(int slot) {
        sync();
        return valid.get(slot);
    }

    /** The float local of lane {@code lane} of {@code slot}. */
    int local(int slot, int lane) {
        sync();
        if (slot >= locals.length) {
            locals = java.util.Arrays.copyOf(locals, Math.max(slot + 1, locals.length * 2));
        }
        if (locals[slot] == null) {
            locals[slot] = new int[4];
            for (int i = 0; i < 4; i++) {
                locals[slot][i] = e.freshLocal();
            }
        }
        return locals[slot][lane];
    }

    /** The four float locals of {@code slot} now hold its value. */
    void set(int slot) {
        valid.set(slot);
    }

    /** A v128 move from {@code from} to {@code to}: the lanes move along when known (C2 folds the copies). */
    void move(int from, int to) {
        if (from == to) {
            return;
        }
        // The move writes both longs of to: whatever was lazy there is overwritten.
        lazy.clear(to);
        if (!has(from)) {
            forget(to);
            return;
        }
        for (int lane = 0; lane < 4; lane++) {
            e.mv.visitVarInsn(FLOAD, local(from, lane));
            e.mv.visitVarInsn(FSTORE, local(to, lane));
        }
        set(to);
    }

    private void sync() {
        if (e.mv != chunk) {
            if (!lazy.isEmpty()) {
                throw new IllegalStateException("lazy f32 lanes of slots " + lazy + " at the end of a chunk");
            }
            chunk = e.mv;
            valid.clear();
            locals = new int[16][];
        }
    }
}
