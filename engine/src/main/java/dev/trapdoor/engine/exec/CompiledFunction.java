package dev.trapdoor.engine.exec;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A function translated for the interpreter: its code, the frame layout (locals then operand slots), and the table
 * mapping each instruction's {@code pc} to the module offset of the Wasm instruction it came from.
 *
 * <p>Breakpoints overwrite the opcode at an instruction start with {@link Op#BREAK}; the unpatched code is kept aside
 * in {@code pristine} from the first patch on. Stepping runs on {@link #stepCode()}, a copy with {@code BREAK} at
 * every instruction start, so nothing is checked per instruction unless a step is active.
 *
 * <p>An instance's copy of a shared template ({@link #copyForInstance}) runs the template's code, which nothing
 * writes, until a breakpoint is first set in it: only then does it copy the code to patch, and a frame still running
 * the template's code takes the copy at its next poll ({@link Interpreter#RELOAD}) or when a call out of it returns
 * ({@link #current}). Fifty debug sessions stepping over one {@code printf} otherwise each copied every function it
 * calls (benchmarks/RESULTS.md, session 25). Its step code is the template's too: it has no breakpoints of its own.
 */
final class CompiledFunction {
    /**
     * {@code -Dtrapdoor.shareCode=false}: each instance's copy of a template copies the code at once, as before
     * session 25. Not final, so that tests can run both ways.
     */
    static boolean shareCode = !"false".equals(System.getProperty("trapdoor.shareCode"));
    /** The code frames run: the template's while {@link #shared}, else this function's own. */
    int[] code;
    final int paramCount;
    final int localCount;
    final int resultCount;
    /** Slots a frame needs: locals, the zero slot, and the deepest operand stack. */
    final int frameSize;
    /** Frame slot of operand-stack position 0 (after the locals and the zero slot). */
    final int operandBase;
    /** Entry zeroes slots [paramCount, zeroTo): the declared locals, and the zero slot where code reads it. */
    final int zeroTo;
    /** Declared locals of a reference type, which start null ({@link Values#NULL_REF}), not 0; null when none. */
    final int[] refLocals;
    /** pc of each Wasm instruction's first translated instruction, ascending. */
    private final int[] loopPcs;
    private final int[] loopOffsets;
    private final int[] mapPc;
    private final int[] mapModuleOffset;
    /** Per mapPc entry: for each operand-stack position, the local it still aliases (-1: in its slot), or null. */
    private final int[][] mapAliases;
    /** Per mapPc entry: single-use locals whose store is still deferred there, as (local, source) pairs, or null. */
    private final int[][] mapForwards;
    /** Constants that operand-stack positions stand for at some instruction (see {@link #operandValue}). */
    private final long[] constPool;
    final TranslationLevel level;
    /** The function's exception handlers, or null when it has none. */
    ExceptionHandlers handlers;
    private int[] pristine;
    /** Whether {@link #code} is still the template's (no breakpoint was set here yet): never to be written. */
    private boolean shared;
    /** The template this is an instance's copy of, whose step code it shares; null for a translation of its own. */
    private CompiledFunction template;
    private volatile int[] stepCode;
    /** The record code and its blocks, made when a recording first runs the function. */
    private volatile BlockCounts blockCounts;
    private final BitSet breakpoints = new BitSet();

    CompiledFunction(int[] code, int paramCount, int localCount, int resultCount, int frameSize, int zeroTo,
                     int[] refLocals, int[] mapPc, int[] mapModuleOffset, int[][] mapAliases, long[] constPool,
                     int[] loopPcs, int[] loopOffsets, int[][] mapForwards, TranslationLevel level) {
        this.mapForwards = mapForwards;
        this.level = level;
        this.loopPcs = loopPcs;
        this.loopOffsets = loopOffsets;
        this.code = code;
        this.paramCount = paramCount;
        this.localCount = localCount;
        this.resultCount = resultCount;
        this.frameSize = frameSize;
        this.operandBase = localCount + 1;
        this.zeroTo = zeroTo;
        this.refLocals = refLocals;
        this.mapPc = mapPc;
        this.mapModuleOffset = mapModuleOffset;
        this.mapAliases = mapAliases;
        this.constPool = constPool;
    }

    /**
     * The module offset of the outermost loop whose header is {@code pc}, or -1: where the compiled tier can take the
     * frame over (on-stack replacement), since a loop header's frame state is clean — every value in its slot.
     */
    int loopAt(int pc) {
        int i = Arrays.binarySearch(loopPcs, pc);
        return i < 0 ? -1 : loopOffsets[i];
    }

    /**
     * The pc of the header of the loop whose {@code loop} instruction is at {@code moduleOffset}, or -1: where a
     * compiled frame that leaves at that loop's header goes on in the interpreter (deoptimization).
     */
    int loopPc(int moduleOffset) {
        int i = Arrays.binarySearch(loopOffsets, moduleOffset);
        return i < 0 ? -1 : loopPcs[i];
    }

    /**
     * Entry: the declared locals of the frame at fp start at their defaults, 0 or (references) null, and so does
     * the zero slot where the code reads it.
     */
    void initLocals(long[] stack, int fp) {
        Arrays.fill(stack, fp + paramCount, fp + zeroTo, 0L);
        if (refLocals != null) {
            for (int x : refLocals) {
                stack[fp + x] = Values.NULL_REF;
            }
        }
    }

    /** pcs where a Wasm instruction's code starts (where breakpoints and steps may stop). */
    int[] instructionStarts() {
        return mapPc.clone();
    }

    /** Module offset of the Wasm instruction that the translated instruction at {@code pc} belongs to. */
    int moduleOffset(int pc) {
        int i = Arrays.binarySearch(mapPc, pc);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? -1 : mapModuleOffset[i];
    }

    private int aliasAt(int pc, int i) {
        int m = Arrays.binarySearch(mapPc, pc);
        if (m < 0) {
            m = -m - 2;
        }
        int[] aliases = m >= 0 ? mapAliases[m] : null;
        return aliases != null && i < aliases.length ? aliases[i] : -1;
    }

    /**
     * The value of operand-stack position {@code i} at the instruction starting at {@code pc}: the translator may
     * have left it in a local it aliases, or as a constant it never wrote, rather than in the operand's own slot.
     */
    long operandValue(int pc, int i, long[] stack, int fp) {
        int a = aliasAt(pc, i);
        if (a <= OperandAliases.SUM_BASE) {
            long sum = constPool[OperandAliases.SUM_BASE - a];
            return (int) stack[fp + (int) sum] + (int) (sum >>> 32);
        }
        if (a <= OperandAliases.SHIFT_BASE) {
            long shift = constPool[OperandAliases.SHIFT_BASE - a];
            return ((int) stack[fp + (int) shift] << (int) (shift >>> 32))
                    + (int) constPool[OperandAliases.SHIFT_BASE - a + 1];
        }
        if (a <= -2) {
            return constPool[-2 - a];
        }
        return stack[fp + (a >= 0 ? a : operandBase + i)];
    }

    /** The slot a v128 operand is read from (its own, or the local it aliases), or -1 for a constant. */
    int operandValueSlot(int pc, int i) {
        int a = aliasAt(pc, i);
        return a >= 0 ? a : a == -1 ? operandBase + i : -1;
    }

    /** The operand's own slot when the value lives there, or -1 when it is a local's or a constant. */
    int operandSlot(int pc, int i) {
        return aliasAt(pc, i) == -1 ? operandBase + i : -1;
    }

    /** Index of the mark (instruction start) at exactly {@code pc}, or -1. */
    int markAt(int pc) {
        int i = Arrays.binarySearch(mapPc, pc);
        return i < 0 ? -1 : i;
    }

    /** Index of the last mark at or before {@code pc}, or -1. */
    int markCovering(int pc) {
        int i = Arrays.binarySearch(mapPc, pc);
        return i >= 0 ? i : -i - 2;
    }

    int markPc(int mark) {
        return mapPc[mark];
    }

    /** How many constants the marks' aliases refer to (a measure of what the debugger's tables hold). */
    int pooledConstants() {
        return constPool.length;
    }

    int markCount() {
        return mapPc.length;
    }

    int markOffset(int mark) {
        return mapModuleOffset[mark];
    }

    /** Operand positions that do not hold their value in their slot at that mark, or null. */
    int[] markAliases(int mark) {
        return mapAliases[mark];
    }

    /** Deferred stores at that mark as (local, source) pairs, or null; see {@link #sourceValue}. */
    int[] markForwards(int mark) {
        return mapForwards[mark];
    }

    /** The value a deferred store writes: a local's ({@code source >= 0}) or a pooled constant. */
    long sourceValue(int source, long[] stack, int fp) {
        return source >= 0 ? stack[fp + source] : constPool[-2 - source];
    }

    /** The pc where the instruction at exactly {@code moduleOffset} starts, or -1 when no mark names it. */
    int pcOf(int moduleOffset) {
        for (int i = 0; i < mapPc.length; i++) {
            if (mapModuleOffset[i] == moduleOffset) {
                return mapPc[i];
            }
        }
        return -1;
    }

    /** The first instruction start whose module offset is at or after {@code moduleOffset}, or -1. */
    int pcAtOrAfter(int moduleOffset) {
        for (int i = 0; i < mapPc.length; i++) {
            if (mapModuleOffset[i] >= moduleOffset) {
                return mapPc[i];
            }
        }
        return -1;
    }

    /** The code as translated, without breakpoints. */
    int[] pristineCode() {
        return pristine != null ? pristine : code;
    }

    /** The opcode at {@code pc} as translated, whatever breakpoint is patched over it. */
    int original(int pc) {
        return pristine != null ? pristine[pc] : code[pc];
    }

    boolean hasBreakpoint(int pc) {
        return breakpoints.get(pc);
    }

    /**
     * Patches a breakpoint in; true when that gave the function its own code, which frames running the template's
     * must be told to take ({@link Interpreter#RELOAD}).
     */
    synchronized boolean setBreakpoint(int pc) {
        keepPristine();
        boolean unshared = shared;
        if (shared) {
            code = pristine.clone();
            shared = false;
        }
        breakpoints.set(pc);
        code[pc] = Op.BREAK;
        BlockCounts b = blockCounts;
        if (b != null) {
            b.breakpoint(pc, true, pristine[pc]);
        }
        return unshared;
    }

    synchronized void clearBreakpoint(int pc) {
        breakpoints.clear(pc);
        if (pristine != null && !shared) {
            code[pc] = pristine[pc];
            BlockCounts b = blockCounts;
            if (b != null) {
                b.breakpoint(pc, false, pristine[pc]);
            }
        }
    }

    /** The code with a breakpoint at every instruction start, for stepping. Breakpoints are among those starts. */
    int[] stepCode() {
        // Read at every instruction while recording: no lock once it exists.
        int[] made = stepCode;
        return made != null ? made : makeStepCode();
    }

    private synchronized int[] makeStepCode() {
        if (stepCode == null && template != null) {
            stepCode = template.stepCode();
        } else if (stepCode == null) {
            // Made from the code before any breakpoint (pristine once there is one): no copy kept aside for it.
            int[] c = pristineCode().clone();
            for (int pc : mapPc) {
                if (pc < c.length) {
                    c[pc] = Op.BREAK;
                }
            }
            stepCode = c;
        }
        return stepCode;
    }

    /** The blocks a recording counts, with their record code (see {@link BlockCounts}). */
    BlockCounts blockCounts(byte[] module) {
        BlockCounts made = blockCounts;
        return made != null ? made : makeBlockCounts(module);
    }

    /** The blocks if a recording has run the function already, else null. */
    BlockCounts blockCountsIfMade() {
        return blockCounts;
    }

    /** Sets the blocks made elsewhere (an optimized translation's, {@link OptimizedBlocks}) before anything runs. */
    synchronized void blockCounts(BlockCounts b) {
        blockCounts = b;
    }

    private synchronized BlockCounts makeBlockCounts(byte[] module) {
        if (blockCounts == null) {
            if (level != TranslationLevel.EXACT) {
                // Optimized code counts in its exact translation's units: Recording.adopt sets its blocks.
                throw new IllegalStateException("optimized code without blocks in a recording");
            }
            keepPristine();
            blockCounts = BlockCounts.of(pristine, mapPc, mapModuleOffset, module, breakpoints);
        }
        return blockCounts;
    }

    /**
     * A copy for another instance of the same module ({@link SharedModules}): its own code to patch (from its first
     * breakpoint on, see the class comment), record code and breakpoints, over the tables that nothing writes after
     * translation. Only ever called on a template that no instance runs, so its code has no breakpoints.
     */
    CompiledFunction copyForInstance() {
        boolean share = shareCode;
        CompiledFunction c = new CompiledFunction(share ? code : code.clone(), paramCount, localCount, resultCount,
                frameSize, zeroTo, refLocals, mapPc, mapModuleOffset, mapAliases, constPool, loopPcs, loopOffsets,
                mapForwards, level);
        c.handlers = handlers;
        if (share) {
            c.pristine = code;
            c.shared = true;
            c.template = this;
        }
        return c;
    }

    /**
     * The code a frame that ran {@code running} runs now: this function's own code if a breakpoint gave it one
     * since the frame took the template's, else {@code running} (its own, step or record code, as it was).
     */
    int[] current(int[] running) {
        return template != null && running == template.code ? code : running;
    }

    private void keepPristine() {
        if (pristine == null) {
            pristine = code.clone();
        }
    }
}
