package dev.trapdoor.engine.exec;

import java.util.Arrays;

/**
 * The blocks a recording counts on a function's {@link TranslationLevel#OPTIMIZED} translation, in the units of its
 * exact one: a position is the number of exact instruction starts run before an instruction, whichever code ran
 * them, so a replay on the exact step code reaches the same counts.
 *
 * <p>The blocks are the exact translation's ({@link BlockCounts}). Block b starts in the optimized code at the first
 * optimized instruction start whose module offset is at or after that of b's first instruction ({@code P_b}): the
 * instructions before it in the optimized code either have no code of their own (aliased {@code local.get}s,
 * {@code end}s, deferred compares) or were fused into the one there. The record code has a counted start at each
 * {@code P_b} ({@link BlockCounts#countOp}), which adds b's exact count. That is exact when the optimized code's control flow has the blocks'
 * shape, which is checked, not assumed: every branch target is some {@code P_b}, and the code from one {@code P_b}
 * to the next holds at most one instruction that may leave (a branch, call, return or trap), so once {@code P_b}
 * runs, the code up to the next block start runs exactly b's instructions. A function where that does not hold, or
 * that uses exceptions or tail calls (control the check does not follow), gets no optimized blocks: {@link #of}
 * answers null and the recording runs it exactly.
 *
 * <p>The optimized code a recording runs is translated for it ({@code Translator.translate(..., true)}): on the
 * plain optimized code, exact blocks with no code between them ({@code end end}, {@code end loop}, a function's last
 * {@code end}s after a {@code return}) would share one {@code P_b}, reached by branches that ran different numbers of
 * exact instructions; there, each such block gets a {@code NOP} (a branch to the next pc) of its own. With it every
 * function of the benchmark kernels passes the check. (The chain rule below, {@code arrivalSkip}, came before that
 * and rarely applies now.)
 */
final class OptimizedBlocks {
    private OptimizedBlocks() {
    }

    /** Wasm opcodes whose control flow the check does not follow: exceptions, tail calls, call_ref, br_on_null. */
    private static final int[] UNFOLLOWED = {0x06, 0x07, 0x08, 0x0A, 0x12, 0x13, 0x14, 0x15, 0x18, 0x19, 0x1F, 0xD5,
        0xD6};

    /** The blocks of {@code opt} counted in {@code exact}'s instruction starts, or null when they cannot be. */
    static BlockCounts of(CompiledFunction opt, CompiledFunction exact, byte[] module) {
        if (opt.handlers != null || exact.handlers != null) {
            return null;
        }
        int[] pristine = opt.pristineCode();
        int[] optPc = starts(opt, pristine.length, true);
        int[] optOffset = starts(opt, pristine.length, false);
        BlockCounts exactBlocks = exact.blockCounts(module);
        int[] exPc = starts(exact, exact.pristineCode().length, true);
        int[] exOffset = starts(exact, exact.pristineCode().length, false);
        if (optPc.length == 0 || exPc.length == 0 || !ascending(optOffset) || !ascending(exOffset)) {
            return null;
        }
        for (int offset : exOffset) {
            if (offset < 0 || offset >= module.length) {
                return null;
            }
            for (int op : UNFOLLOWED) {
                if ((module[offset] & 0xFF) == op) {
                    return null;
                }
            }
        }
        // The exact blocks: their first instruction's index and their sizes.
        int blocks = 0;
        int[] first = new int[exPc.length];
        for (int i = 0; i < exPc.length; i++) {
            if (exactBlocks.blockStart[exPc[i]] == exPc[i]) {
                first[blocks++] = i;
            } else if (i == 0) {
                return null;
            }
        }
        int[] size = new int[blocks];
        int[] rawPc = new int[blocks];
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            size[b] = (b + 1 < blocks ? first[b + 1] : exPc.length) - first[b];
            while (k < optPc.length && optOffset[k] < exOffset[first[b]]) {
                k++;
            }
            if (k == optPc.length || (b == 0 && optPc[k] != 0)) {
                return null;
            }
            rawPc[b] = optPc[k];
        }
        // Branch targets in the exact code, and those some branch reaches going back (a loop's body).
        java.util.BitSet exactTargets = new java.util.BitSet();
        java.util.BitSet exactBack = new java.util.BitSet();
        int[] exCode = exact.pristineCode();
        try {
            java.util.BitSet one = new java.util.BitSet();
            for (int pc = 0; pc < exCode.length; pc += Op.length(exCode, pc)) {
                one.clear();
                addTargets(exCode, pc, exCode[pc], one);
                exactTargets.or(one);
                for (int t = one.nextSetBit(0); t >= 0 && t <= pc; t = one.nextSetBit(t + 1)) {
                    exactBack.set(t);
                }
            }
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException unknown) {
            return null;
        }
        // Exact blocks with no optimized code between them (a chain: end end, end loop) share one start: one unit.
        int units = 0;
        int[] unitFirst = new int[blocks];
        int[] unitSize = new int[blocks];
        int[] startPc = new int[blocks];
        int[] unitSkip = new int[blocks];
        for (int b = 0; b < blocks; b = k) {
            k = b + 1;
            while (k < blocks && rawPc[k] == rawPc[b]) {
                k++;
            }
            int total = 0;
            boolean laterTargeted = false;
            for (int c = b; c < k; c++) {
                total += size[c];
                laterTargeted |= c > b && c < k - 1 && exactTargets.get(exPc[first[c]]);
            }
            int skip = 0;
            if (laterTargeted) {
                return null;
            }
            if (k - b > 1 && exactTargets.get(exPc[first[k - 1]])) {
                // Branches going back arrive at the chain's last block (a loop body after an end), those going
                // forward at its first: the ones going back poll, and the poll takes back what the chain's start
                // adds for the blocks before the last ({@link Recording#arrived}); checked below.
                int last = exPc[first[k - 1]];
                int head = exPc[first[b]];
                if (!exactBack.get(last) || exactBack.get(head) || forwardTo(exCode, last)) {
                    return null;
                }
                skip = total - size[k - 1];
            }
            if (units > 0 && rawPc[b] <= startPc[units - 1]) {
                return null;
            }
            unitFirst[units] = first[b];
            unitSize[units] = total;
            unitSkip[units] = skip;
            startPc[units++] = rawPc[b];
        }
        startPc = Arrays.copyOf(startPc, units);
        int[] code = pristine.clone();
        int[] remaining = new int[pristine.length];
        int[] blockStart = new int[pristine.length];
        int[] inner = new int[pristine.length];
        int[] arrivalSkip = new int[pristine.length];
        int u = 0;
        int m = 0;
        int exactIndex = unitFirst[0];
        boolean left = false;
        java.util.BitSet targets = new java.util.BitSet();
        java.util.BitSet skipWrong = new java.util.BitSet();
        java.util.BitSet resumes = new java.util.BitSet();
        java.util.BitSet one = new java.util.BitSet();
        try {
            for (int pc = 0; pc < pristine.length; pc += Op.length(pristine, pc)) {
                while (u + 1 < units && pc >= startPc[u + 1]) {
                    u++;
                    left = false;
                    exactIndex = unitFirst[u];
                }
                if (pc == startPc[u]) {
                    code[pc] = BlockCounts.countOp(pristine[pc], unitSize[u], unitSkip[u] > 0);
                    arrivalSkip[pc] = unitSkip[u];
                }
                int end = u + 1 < units ? unitFirst[u + 1] : exPc.length;
                while (m + 1 < optPc.length && optPc[m + 1] <= pc) {
                    m++;
                }
                // Exact instructions of the unit before the one the covering optimized start's code is for.
                while (exactIndex < end && exOffset[exactIndex] < optOffset[m]) {
                    exactIndex++;
                }
                inner[pc] = optPc[m] >= startPc[u] ? exactIndex - unitFirst[u] : 0;
                remaining[pc] = pc == startPc[u] ? unitSize[u] : Math.max(1, unitSize[u] - inner[pc]);
                blockStart[pc] = startPc[u];
                int op = pristine[pc];
                if (leaves(op)) {
                    if (left) {
                        return null;
                    }
                    left = true;
                }
                if (op == Op.CALL || op == Op.CALL_INDIRECT) {
                    resumes.set(pc + Op.length(pristine, pc));
                }
                one.clear();
                addTargets(pristine, pc, op, one);
                targets.or(one);
                for (int t = one.nextSetBit(0); t >= 0; t = one.nextSetBit(t + 1)) {
                    // At a start that skips, a branch must poll exactly when it goes back.
                    if (polls(op) != (t <= pc)) {
                        skipWrong.set(t);
                    }
                }
            }
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException unknown) {
            return null;
        }
        for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
            if (Arrays.binarySearch(startPc, t) < 0) {
                return null;
            }
        }
        for (int x = 0; x < units; x++) {
            // Every arrival at a skipping start must be a branch that polls.
            if (unitSkip[x] > 0 && (skipWrong.get(startPc[x]) || resumes.get(startPc[x]))) {
                return null;
            }
        }
        return new BlockCounts(code, remaining, blockStart, inner, arrivalSkip);
    }

    /** Whether a branch in code goes forward to {@code target}. */
    private static boolean forwardTo(int[] code, int target) {
        java.util.BitSet one = new java.util.BitSet();
        for (int pc = 0; pc < target; pc += Op.length(code, pc)) {
            one.clear();
            addTargets(code, pc, code[pc], one);
            if (one.get(target)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a taken branch of op polls (with a debug flag set it leaves the dispatch loop at its target). */
    private static boolean polls(int op) {
        return op == Op.BR_BACK || op == Op.BR_IF_BACK || op == Op.INC_BR_CMP || op == Op.INC_BR_CMP_IMM
                || (op >= Op.BR_CMP && op < Op.BR_CMP + 10) || (op >= Op.BR_CMP_IMM && op < Op.BR_CMP_IMM + 10);
    }

    private static boolean leaves(int op) {
        return op == Op.BR || op == Op.BR_IF || op == Op.BR_UNLESS || op == Op.BR_BACK || op == Op.BR_IF_BACK
                || op == Op.BR_TABLE || op == Op.RETURN || op == Op.RETURN1 || op == Op.CALL
                || op == Op.CALL_INDIRECT || op == Op.UNREACHABLE || op == Op.INC_BR_CMP || op == Op.INC_BR_CMP_IMM
                || (op >= Op.BR_CMP && op < Op.BR_CMP + 10) || (op >= Op.BR_CMP_IMM && op < Op.BR_CMP_IMM + 10);
    }

    private static void addTargets(int[] code, int pc, int op, java.util.BitSet targets) {
        if (op == Op.BR || op == Op.BR_BACK) {
            targets.set(code[pc + 1]);
        } else if (op == Op.BR_IF || op == Op.BR_UNLESS || op == Op.BR_IF_BACK) {
            targets.set(code[pc + 2]);
        } else if ((op >= Op.BR_CMP && op < Op.BR_CMP + 10) || (op >= Op.BR_CMP_IMM && op < Op.BR_CMP_IMM + 10)) {
            targets.set(code[pc + 3]);
        } else if (op == Op.INC_BR_CMP || op == Op.INC_BR_CMP_IMM) {
            targets.set(code[pc + 6]);
        } else if (op == Op.BR_TABLE) {
            for (int i = 0; i <= code[pc + 2]; i++) {
                targets.set(code[pc + 3 + i]);
            }
        }
    }

    /** The distinct instruction starts of cf inside its code, as pcs or as module offsets. */
    private static int[] starts(CompiledFunction cf, int codeLength, boolean pcs) {
        int[] out = new int[cf.markCount()];
        int n = 0;
        for (int m = 0; m < cf.markCount(); m++) {
            int pc = cf.markPc(m);
            if (pc >= codeLength) {
                continue;
            }
            int v = pcs ? pc : cf.markOffset(m);
            if (n > 0 && cf.markPc(m - 1) == pc) {
                out[n - 1] = v;
            } else {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean ascending(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
