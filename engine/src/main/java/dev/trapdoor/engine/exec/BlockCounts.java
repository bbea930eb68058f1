package dev.trapdoor.engine.exec;

import java.util.BitSet;

/**
 * A function's straight-line blocks, for counting a recording's instructions a block at a time ({@link Recording}).
 *
 * <p>A block is a run of instruction starts that, once its first runs, all run in order: no instruction in it but
 * the last transfers control, and none but the first is a branch target. The record code has {@code BREAK} only at
 * each block's first instruction (and at breakpoints), so a recorded run leaves the dispatch loop once per block
 * instead of once per instruction; the counter adds the whole block there, and the position of any instruction in
 * it is the block's end minus {@link #remaining} of that instruction.
 *
 * <p>Blocks come from the Wasm opcodes of the exact translation's instructions: an instruction ends a block unless
 * it is "plain" (numeric, memory, locals, globals, constants, references without branches: they fall through or
 * trap), and the instruction after a non-plain one starts a block. Every branch target is a structured-control
 * instruction ({@code block}, {@code loop}, {@code if}, {@code else}, {@code end}, {@code try_table}) or follows
 * one, so it starts a block too. The replay that goes back runs {@link CompiledFunction#stepCode()}, one count per
 * instruction; both counts agree at every instruction ({@code RecordingBlockCountTest}).
 */
final class BlockCounts {
    /** The translated code with {@code BREAK} at block starts and breakpoints. */
    final int[] recordCode;
    /** Per instruction start: the instructions from it to its block's end, itself included (0 elsewhere). */
    final int[] remaining;
    /** Per instruction start: the pc of its block's first instruction (-1 elsewhere). */
    final int[] blockStart;

    private BlockCounts(int[] recordCode, int[] remaining, int[] blockStart) {
        this.recordCode = recordCode;
        this.remaining = remaining;
        this.blockStart = blockStart;
    }

    /** Built from the pristine code, the instruction table and the module's bytes; breakpoints stay patched in. */
    static BlockCounts of(int[] pristine, int[] mapPc, int[] mapModuleOffset, byte[] module, BitSet breakpoints) {
        int n = 0;
        int[] pcs = new int[mapPc.length];
        boolean[] plain = new boolean[mapPc.length];
        for (int i = 0; i < mapPc.length; i++) {
            if (mapPc[i] >= pristine.length) {
                continue;
            }
            boolean p = isPlain(module, mapModuleOffset[i]);
            if (n > 0 && pcs[n - 1] == mapPc[i]) {
                // Instructions without code of their own share the next one's start: one count for all of them.
                plain[n - 1] &= p;
            } else {
                pcs[n] = mapPc[i];
                plain[n++] = p;
            }
        }
        int[] remaining = new int[pristine.length];
        int[] blockStart = new int[pristine.length];
        java.util.Arrays.fill(blockStart, -1);
        int[] code = pristine.clone();
        int leader = -1;
        for (int k = 0; k < n; k++) {
            if (k == 0 || !plain[k - 1] || !plain[k]) {
                leader = pcs[k];
                code[leader] = Op.BREAK;
            }
            blockStart[pcs[k]] = leader;
        }
        for (int k = n - 1; k >= 0; k--) {
            boolean lastOfBlock = k + 1 == n || blockStart[pcs[k + 1]] == pcs[k + 1];
            remaining[pcs[k]] = lastOfBlock ? 1 : remaining[pcs[k + 1]] + 1;
        }
        for (int pc = breakpoints.nextSetBit(0); pc >= 0; pc = breakpoints.nextSetBit(pc + 1)) {
            if (pc < code.length) {
                code[pc] = Op.BREAK;
            }
        }
        return new BlockCounts(code, remaining, blockStart);
    }

    /** A breakpoint was set or cleared at {@code pc}: a block start keeps its {@code BREAK} either way. */
    void breakpoint(int pc, boolean set, int original) {
        if (set) {
            recordCode[pc] = Op.BREAK;
        } else if (blockStart[pc] != pc) {
            recordCode[pc] = original;
        }
    }

    /**
     * Whether the Wasm instruction at {@code moduleOffset} falls through to the next one whenever it does not trap,
     * and is no branch target.
     */
    static boolean isPlain(byte[] module, int moduleOffset) {
        if (moduleOffset < 0 || moduleOffset >= module.length) {
            return false;
        }
        int op = module[moduleOffset] & 0xFF;
        return op == 0x01 // nop
                || (op >= 0x1A && op <= 0x1C) // drop, select
                || (op >= 0x20 && op <= 0x26) // locals, globals, table.get/set
                || (op >= 0x28 && op <= 0xC4) // loads, stores, memory.size/grow, constants, numeric
                || (op >= 0xD0 && op <= 0xD4) // ref.null, ref.is_null, ref.func, ref.eq, ref.as_non_null
                || op == 0xFC // saturating truncations, bulk memory and tables
                || op == 0xFD; // SIMD
    }
}
