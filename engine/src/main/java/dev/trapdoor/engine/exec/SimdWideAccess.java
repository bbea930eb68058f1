package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.instr.SimdOpcodes;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * SIMD loads and stores on a memory other than 0 or on a 64-bit memory (multi-memory, memory64): the SIMD accesses
 * that {@link dev.trapdoor.engine.validate.WideAccesses} calls wide. {@link WideMemoryTranslation} hands them here
 * with every operand in its slot; each is an ordinary {@link Op#SIMD} instruction (dst a b c i0 i1 i2 i3) whose
 * {@code i3}, 0 for memory 0's fast path, holds {@link #MARK}, {@link #IS64} and the memory index, and whose i0 and i1
 * are the offset's low and high halves (memory 0's i1 is the folded constant address instead). {@link SimdOps} sends
 * an access with {@code i3 != 0} to {@link #run}, which checks the bounds in 64 bits and then runs
 * {@link SimdMemory}'s {@code *At} forms. The compiled tier calls the same {@link #load}, {@link #store},
 * {@link #loadLane} and {@link #storeLane}.
 */
final class SimdWideAccess {
    static final int MARK = 1 << 31;
    static final int IS64 = 1 << 30;
    private static final int INDEX = IS64 - 1;

    private SimdWideAccess() {
    }

    /** Emits the access reported as validator opcode {@code 0xFD00 + sub}, all operands materialized. */
    static void emit(Translator t, WasmModule m, int sub, FunctionValidator v, int h) {
        int op = Op.SIMD + sub;
        int where = MARK | (m.memories().get(v.memoryIndex).is64() ? IS64 : 0) | v.memoryIndex;
        int lo = (int) v.immL;
        int hi = (int) (v.immL >>> 32);
        switch (SimdOpcodes.shape(sub)) {
            case LOAD -> t.emit(op, t.slot(h - 1), t.slot(h - 1), 0, 0, lo, hi, 0, where);
            case STORE -> t.emit(op, 0, t.slot(h - 2), t.slot(h - 1), 0, lo, hi, 0, where);
            case LOAD_LANE, STORE_LANE -> t.emit(op, t.slot(h - 2), t.slot(h - 2), t.slot(h - 1), 0, lo, hi, v.immA,
                    where);
            default -> throw new IllegalStateException("no wide SIMD access for sub-opcode " + sub);
        }
    }

    /** Runs the access at {@code pc}; a load leaves its result in {@code x}, for the caller to write. */
    static void run(Interpreter self, int sub, int[] code, int pc, long[] s, long[] h, int fp, SimdScratch x) {
        int where = code[pc + 8];
        Instance inst = self.instance();
        int memory = where & INDEX;
        boolean is64 = (where & IS64) != 0;
        int a = fp + code[pc + 2];
        int b = fp + code[pc + 3];
        long offset = code[pc + 5] & 0xFFFF_FFFFL | (long) code[pc + 6] << 32;
        switch (SimdOpcodes.shape(sub)) {
            case LOAD -> load(inst, sub, memory, is64, s[a], offset, x);
            case STORE -> store(inst, memory, is64, s[a], offset, s[b], h[b]);
            case LOAD_LANE -> loadLane(inst, sub, memory, is64, s[a], offset, code[pc + 7], s[b], h[b], x);
            default -> storeLane(inst, sub, memory, is64, s[a], offset, code[pc + 7], s[b], h[b]);
        }
    }

    // ----- the accesses, on the address as its slot holds it; the compiled tier calls these too -----

    /** A load of shape LOAD: the result is in {@code x}, its low half returned. */
    static long load(Instance inst, int sub, int memory, boolean is64, long address, long offset, SimdScratch x) {
        MemoryInstance mem = inst.memories[memory];
        return SimdMemory.loadAt(sub, mem.base,
                address(mem.size, base(address, is64), offset, SimdMemory.width(sub), false), x);
    }

    static void store(Instance inst, int memory, boolean is64, long address, long offset, long lo, long hi) {
        MemoryInstance mem = inst.memories[memory];
        SimdMemory.storeAt(mem.base, address(mem.size, base(address, is64), offset, 16, true), lo, hi);
    }

    /** {@code load*_lane}: {@code (lo, hi)} with one lane read; the result is in {@code x}, its low half returned. */
    static long loadLane(Instance inst, int sub, int memory, boolean is64, long address, long offset, int lane,
                         long lo, long hi, SimdScratch x) {
        MemoryInstance mem = inst.memories[memory];
        return SimdMemory.loadLaneAt(sub, mem.base,
                address(mem.size, base(address, is64), offset, SimdMemory.width(sub), false), lane, lo, hi, x);
    }

    static void storeLane(Instance inst, int sub, int memory, boolean is64, long address, long offset, int lane,
                          long lo, long hi) {
        MemoryInstance mem = inst.memories[memory];
        SimdMemory.storeLaneAt(sub, mem.base,
                address(mem.size, base(address, is64), offset, SimdMemory.width(sub), true), lane, lo, hi);
    }

    private static long base(long address, boolean is64) {
        return is64 ? address : address & 0xFFFF_FFFFL;
    }

    /** {@code base + offset}, both unsigned 64-bit; out of bounds (overflow included) traps with the access. */
    private static int address(long size, long base, long offset, int bytes, boolean store) {
        if (Long.compareUnsigned(offset, size) > 0 || Long.compareUnsigned(base, size - offset) > 0
                || size - offset - base < bytes) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    new TrapDetail.MemoryAccess(store, base + offset, base, offset, bytes, size));
        }
        return (int) (base + offset);
    }
}
