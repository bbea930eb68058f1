package dev.trapdoor.engine.exec;

import java.util.BitSet;

/**
 * A function's straight-line blocks, for counting a recording's instructions a block at a time ({@link Recording}).
 *
 * <p>A block is a run of instruction starts that, once its first runs, all run in order: no instruction in it but
 * the last transfers control, and none but the first is a branch target. The record code has a counted start
 * ({@link #countOp}) at each block's first instruction and {@code BREAK} only at breakpoints (and at the rare starts
 * a counted start cannot encode): the dispatch loop adds the whole block there without leaving, and the position of
 * any instruction in it is the block's end minus {@link #remaining} of that instruction.
 *
 * <p>Blocks come from the Wasm opcodes of the exact translation's instructions. An instruction starts a block when
 * it may be a branch target ({@link #mayBeTarget}) or follows one that may go elsewhere than the next instruction
 * ({@link #mayLeave}: branches, calls, returns, throws). At the exact level a branch to a block, {@code if} or
 * {@code try_table} label lands on its {@code end}, a branch to a loop on the instruction after {@code loop}, and
 * an {@code if}'s false arm after its {@code else}; {@code block} and {@code loop} only fall through. So a branch
 * or call ends its block without starting one, and an {@code end} starts one without ending it: a run such as
 * {@code end block block local.get br_if} is one block. The replay that goes back runs
 * {@link CompiledFunction#stepCode()}, one count per instruction; both counts agree at every instruction
 * ({@code RecordingBlockCountTest}).
 */
final class BlockCounts {
    /** The translated code with {@code BREAK} at block starts and breakpoints. */
    final int[] recordCode;
    /** Per instruction start: the instructions from it to its block's end, itself included (0 elsewhere). */
    final int[] remaining;
    /** Per instruction start: the pc of its block's first instruction (-1 elsewhere). */
    final int[] blockStart;
    /**
     * Per pc of an optimized translation's code ({@link OptimizedBlocks}; null at the exact level): how many of the
     * exact instructions counted for the instruction start covering it come before the one its code is for.
     */
    final int[] inner;
    /**
     * Per block start of optimized code (null at the exact level): what a branch arriving there counts less than the
     * start adds, when exact blocks without optimized code of their own share it and branches go to the last one.
     */
    final int[] arrivalSkip;

    /**
     * A counted block start in the record code ({@link #countOp}): bit 27 set, so that {@code op << 4} is negative
     * and the dispatch switch takes its default, the count in bits 11-26 and the opcode it stands for in bits 0-10.
     */
    static final int COUNTED = 0xF800_0000;
    static final int COUNTED_SHIFT = 11;
    static final int COUNTED_MAX = 0xFFFF;
    static final int COUNTED_OP = 0x7FF;

    /**
     * What the record code holds at a block start that adds {@code count} instructions and runs {@code op}: a counted
     * start, which the dispatch loop counts without leaving it ({@link Recording}), or {@code BREAK} where it cannot
     * (a count too large to encode, or a start whose count depends on how it is reached, {@link #arrivalSkip}).
     */
    static int countOp(int op, int count, boolean dependsOnArrival) {
        return dependsOnArrival || count < 1 || count > COUNTED_MAX || op < 0 || op > COUNTED_OP ? Op.BREAK
                : COUNTED | count << COUNTED_SHIFT | op;
    }

    /** The instructions a counted start adds. */
    static int countOf(int countOp) {
        return countOp >>> COUNTED_SHIFT & COUNTED_MAX;
    }

    BlockCounts(int[] recordCode, int[] remaining, int[] blockStart, int[] inner, int[] arrivalSkip) {
        this.arrivalSkip = arrivalSkip;
        this.recordCode = recordCode;
        this.remaining = remaining;
        this.blockStart = blockStart;
        this.inner = inner;
    }

    /** Built from the pristine code, the instruction table and the module's bytes; breakpoints stay patched in. */
    static BlockCounts of(int[] pristine, int[] mapPc, int[] mapModuleOffset, byte[] module, BitSet breakpoints) {
        int n = 0;
        int[] pcs = new int[mapPc.length];
        boolean[] target = new boolean[mapPc.length];
        boolean[] leaves = new boolean[mapPc.length];
        for (int i = 0; i < mapPc.length; i++) {
            if (mapPc[i] >= pristine.length) {
                continue;
            }
            boolean t = mayBeTarget(module, mapModuleOffset[i]);
            boolean l = mayLeave(module, mapModuleOffset[i]);
            if (n > 0 && pcs[n - 1] == mapPc[i]) {
                // Instructions without code of their own share the next one's start: one count for all of them.
                target[n - 1] |= t;
                leaves[n - 1] |= l;
            } else {
                pcs[n] = mapPc[i];
                target[n] = t;
                leaves[n++] = l;
            }
        }
        int[] remaining = new int[pristine.length];
        int[] blockStart = new int[pristine.length];
        java.util.Arrays.fill(blockStart, -1);
        int[] code = pristine.clone();
        int leader = -1;
        for (int k = 0; k < n; k++) {
            if (k == 0 || leaves[k - 1] || target[k]) {
                leader = pcs[k];
            }
            blockStart[pcs[k]] = leader;
        }
        for (int k = n - 1; k >= 0; k--) {
            boolean lastOfBlock = k + 1 == n || blockStart[pcs[k + 1]] == pcs[k + 1];
            remaining[pcs[k]] = lastOfBlock ? 1 : remaining[pcs[k + 1]] + 1;
        }
        for (int k = 0; k < n; k++) {
            if (blockStart[pcs[k]] == pcs[k]) {
                code[pcs[k]] = countOp(pristine[pcs[k]], remaining[pcs[k]], false);
            }
        }
        for (int pc = breakpoints.nextSetBit(0); pc >= 0; pc = breakpoints.nextSetBit(pc + 1)) {
            if (pc < code.length) {
                code[pc] = Op.BREAK;
            }
        }
        return new BlockCounts(code, remaining, blockStart, null, null);
    }

    /** A breakpoint was set or cleared at {@code pc}: a block start gets its count back when it is cleared. */
    void breakpoint(int pc, boolean set, int original) {
        if (set) {
            recordCode[pc] = Op.BREAK;
        } else if (blockStart[pc] != pc) {
            recordCode[pc] = original;
        } else {
            recordCode[pc] = countOp(original, remaining[pc], arrivalSkip != null && arrivalSkip[pc] > 0);
        }
    }

    /**
     * Whether the Wasm instruction at {@code moduleOffset} may go elsewhere than the next instruction when it does
     * not trap (or calls: the callee counts its own blocks before the next instruction runs).
     */
    static boolean mayLeave(byte[] module, int moduleOffset) {
        return !isPlain(module, moduleOffset) && !isOp(module, moduleOffset, 0x0B);
    }

    /** Whether a branch, a call's return or a caught exception may arrive at the instruction at moduleOffset. */
    static boolean mayBeTarget(byte[] module, int moduleOffset) {
        if (moduleOffset < 0 || moduleOffset >= module.length) {
            return true;
        }
        if (isPlain(module, moduleOffset)) {
            return false;
        }
        int op = module[moduleOffset] & 0xFF;
        // loop: branches go past it, to its body; if, br, br_if, br_table, return, calls, br_on_null and
        // br_on_non_null: only fallen into. Throws start blocks anyway, so that the stop a throw makes is at a
        // counted instruction.
        return !(op == 0x00 || op == 0x03 || op == 0x04 || (op >= 0x0C && op <= 0x15) || op == 0xD5 || op == 0xD6);
    }

    private static boolean isOp(byte[] module, int moduleOffset, int op) {
        return moduleOffset >= 0 && moduleOffset < module.length && (module[moduleOffset] & 0xFF) == op;
    }

    /**
     * Whether the Wasm instruction at {@code moduleOffset} falls through to the next one whenever it does not trap,
     * and is no branch target ({@code block} included: branches to it go to its {@code end}).
     */
    static boolean isPlain(byte[] module, int moduleOffset) {
        if (moduleOffset < 0 || moduleOffset >= module.length) {
            return false;
        }
        int op = module[moduleOffset] & 0xFF;
        return op == 0x01 // nop
                || op == 0x02 // block
                || (op >= 0x1A && op <= 0x1C) // drop, select
                || (op >= 0x20 && op <= 0x26) // locals, globals, table.get/set
                || (op >= 0x28 && op <= 0xC4) // loads, stores, memory.size/grow, constants, numeric
                || (op >= 0xD0 && op <= 0xD4) // ref.null, ref.is_null, ref.func, ref.eq, ref.as_non_null
                || op == 0xFC // saturating truncations, bulk memory and tables
                || op == 0xFD; // SIMD
    }
}
