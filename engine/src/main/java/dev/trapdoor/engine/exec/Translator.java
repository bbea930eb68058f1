package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.FunctionValidator.Frame;
import dev.trapdoor.engine.validate.ModuleContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Translates a validated function body into slot-addressed code while the validator walks it. Operand-stack
 * position {@code h} lives in frame slot {@code localCount + 1 + h} (slot {@code localCount} always reads 0);
 * branches are resolved to target pcs here, with the moves of carried values emitted before the jump, so nothing
 * about blocks exists at run time. Unreachable code is not emitted.
 *
 * <p>Local traffic is folded away: {@code local.get x} emits nothing and leaves an <em>alias</em> (stack position →
 * local x) that consumers read directly; an alias is materialized by a {@code COPY} only where a real slot is needed
 * (block boundaries, calls, returns, branches carrying values, before x is overwritten). {@code local.set x} after an
 * instruction that produced the value rewrites that instruction's destination to x. Live aliases are recorded per
 * instruction so the debugger shows the operand stack as Wasm defines it.
 *
 * <p>Constants are aliases too: they become immediate operands of the i32 arithmetic that has an immediate form,
 * or are written to a slot where needed. An instruction whose result the next one consumes right away (an i32
 * comparison and its branch, an address computation and its access, ...) is taken back and fused with it by
 * {@link Fusions}, using the pending records kept here.
 *
 * <p>At {@link TranslationLevel#EXACT} none of this happens: every instruction, {@code block}, {@code end} and
 * {@code nop} included, gets code of its own that leaves every operand in its slot, so each Wasm instruction start
 * is a translated instruction start (a stop) and each operand has a slot a debugger can set.
 */
final class Translator implements CodeSink {
    final WasmModule module;
    /** Whether the module may hold wide memory or table accesses, which {@link WideMemoryTranslation} emits. */
    private final boolean wideAccesses;
    /** {@link TranslationLevel#EXACT}: no aliases, forwarding, fusion or dropped code. */
    final boolean exact;
    /**
     * An optimized translation for a recording ({@link OptimizedBlocks}): every block the exact translation's
     * {@link BlockCounts} would count gets a pc of its own, a {@code NOP} ending a block that has no code.
     */
    final boolean recordBlocks;
    /** (recordBlocks) The pc of the last exact block start; -1 before the first. */
    int blockPc = -1;
    /** (recordBlocks) Whether the last instruction the exact code has may leave: the next one starts a block. */
    private boolean afterLeave = true;
    /** (recordBlocks) Whether the instruction being translated starts a block of the exact code. */
    boolean startsBlock;
    final IntList code = new IntList();
    final IntList mapPc = new IntList();
    final IntList mapOffset = new IntList();
    final List<Label> labels = new ArrayList<>();
    final List<int[]> markAliases = new ArrayList<>();
    /** Per mark: the single-use locals whose store is still deferred there (see {@link LocalForwards#snapshot}). */
    final List<int[]> markForwards = new ArrayList<>();
    int locals;
    int maxHeight;
    boolean zeroUsed;
    /** Locals known to hold 0 (from entry, or a store of 0) on the only path here: no label crossed since. */
    final BitSet zeroLocals = new BitSet();
    /** What operand-stack positions stand for while their values are not in their slots. */
    OperandAliases aliases;
    /** Single-use locals whose store is deferred to their one read. */
    LocalForwards forwards;
    /** The last i32 comparison emitted, while a branch may still fuse with it. */
    final PendingCompare cmp = new PendingCompare();
    /** The last f32/f64 multiplication, while an add or subtract may still take it over. */
    final PendingResult product = new PendingResult();
    /** The last i32/i64 shr_u by a constant, while an xor may still take it over. */
    final PendingResult shifted = new PendingResult();
    /** The last i64 xor-shift, while a multiplication by a constant may still take it over. */
    final PendingResult mixed = new PendingResult();
    /** The last f32/f64 load, while an arithmetic instruction may still take it over as a memory operand. */
    final PendingResult loaded = new PendingResult();
    /** Where the last {@code I32_SHL_IMM} starts and how many marks existed then, while a load may take it over. */
    int shiftStart = -1;
    int shiftMarks;
    /** Where the last {@code I32_ADD_IMM} starts, while a branch on its result may take it over (-1: none). */
    int stepStart = -1;
    /** The last {@code base + K}, while a memory access may still take it over as its address. */
    final PendingResult addr = new PendingResult();
    /** Position of the destination operand of the last instruction, while it may be retargeted to a local. */
    int retargetPos = -1;
    int retargetEnd = -1;
    /** The latest pc that is a branch target: code there may be reached with values in slots, not in locals. */
    int labelPc = -1;
    /** Loop headers (pcs, clean frame states) and the module offsets of their loop instructions, for OSR. */
    final IntList loopPcs = new IntList();
    final IntList loopOffsets = new IntList();
    /** Whether the function may hold v128 values: then moves copy both halves ({@link SimdTranslation#wide}). */
    boolean wide;
    /** Exception handlers and throws. */
    final ExceptionTranslation eh = new ExceptionTranslation();
    /** The peephole fusions over the code just emitted. */
    final Fusions fusions = new Fusions(this);

    /** Translation-time state of one control frame: where branches to it go, and which jumps await its end. */
    static final class Label {
        boolean dead;
        int loopStart = -1;
        int elsePatch = -1;
        final IntList patches = new IntList();
    }

    private Translator(WasmModule module, boolean exact, boolean recordBlocks) {
        this.module = module;
        this.exact = exact;
        this.recordBlocks = recordBlocks;
        this.wideAccesses = WideMemoryTranslation.possible(module);
    }

    static CompiledFunction translate(ModuleContext ctx, int funcIndex) {
        return translate(ctx, funcIndex, TranslationLevel.OPTIMIZED);
    }

    static CompiledFunction translate(ModuleContext ctx, int funcIndex, TranslationLevel level) {
        return translate(ctx, funcIndex, level, false);
    }

    /**
     * With {@code recordBlocks} (optimized level only), the translation a recording runs: the optimized code, with a
     * {@code NOP} wherever an exact block start would otherwise share the next one's pc ({@link OptimizedBlocks}).
     */
    static CompiledFunction translate(ModuleContext ctx, int funcIndex, TranslationLevel level, boolean recordBlocks) {
        WasmModule module = ctx.module();
        boolean exact = level == TranslationLevel.EXACT;
        Translator t = new Translator(module, exact, recordBlocks && !exact);
        FunctionValidator v = new FunctionValidator(ctx, t);
        FuncType type = module.functionType(funcIndex);
        t.locals = type.paramCount() + module.body(funcIndex).locals().length;
        t.aliases = new OperandAliases(t.code, t.locals + 1);
        t.zeroLocals.set(type.paramCount(), t.locals);
        t.forwards = new LocalForwards(module.bytes(), module.body(funcIndex), t.locals, t.code, t.aliases);
        t.labels.add(new Label());
        t.wide = SimdTranslation.wide(module, funcIndex);
        if (t.wide) {
            SimdTranslation.prologue(t, type.paramCount(), module.body(funcIndex).locals());
        }
        v.validate(funcIndex, module.body(funcIndex));
        t.eh.finish(t);
        CompiledFunction cf = new CompiledFunction(t.code.toArray(), type.paramCount(), t.locals, type.resultCount(),
                t.locals + 1 + t.maxHeight + 1, t.zeroUsed ? t.locals + 1 : t.locals,
                refLocals(type.paramCount(), module.body(funcIndex).locals()), t.mapPc.toArray(),
                t.mapOffset.toArray(), t.markAliases.toArray(new int[0][]), t.aliases.pool(), t.loopPcs.toArray(),
                t.loopOffsets.toArray(), t.markForwards.toArray(new int[0][]), level);
        cf.handlers = t.eh.handlers();
        return cf;
    }

    /** Frame slots of the declared locals of a reference type (they start null), or null when there are none. */
    private static int[] refLocals(int paramCount, ValType[] declared) {
        int[] slots = new int[declared.length];
        int n = 0;
        for (int i = 0; i < declared.length; i++) {
            if (declared[i].isRef()) {
                slots[n++] = paramCount + i;
            }
        }
        return n == 0 ? null : Arrays.copyOf(slots, n);
    }

    /** Stack position h lives in slot {@code locals + 1 + h}: slot {@code locals} is the zero slot. */
    int slot(int height) {
        return locals + 1 + height;
    }

    /** The slot that reads 0, for accesses at a constant address (base 0, the address as K); zeroed on entry. */
    int zeroSlot() {
        zeroUsed = true;
        return locals;
    }

    void mark(int moduleOffset, int h) {
        int n = mapPc.size();
        if (n > 0 && mapOffset.get(n - 1) == moduleOffset) {
            return;
        }
        int[] live = aliases.snapshot(h);
        int[] deferred = forwards.snapshot(aliases);
        if (n > 0 && mapPc.get(n - 1) == code.size()) {
            mapOffset.set(n - 1, moduleOffset);
            markAliases.set(n - 1, live);
            markForwards.set(n - 1, deferred);
            return;
        }
        mapPc.add(code.size());
        mapOffset.add(moduleOffset);
        markAliases.add(live);
        markForwards.add(deferred);
    }

    /**
     * (recordBlocks) Marks the exact block starting at moduleOffset at a pc of its own: when the block before it has
     * no code yet, a {@code NOP} gives it some.
     */
    void blockStart(int moduleOffset, int h) {
        if (code.size() == blockPc) {
            nop();
        }
        mark(moduleOffset, h);
        blockPc = code.size();
    }

    /**
     * (recordBlocks) Notes whether the instruction at moduleOffset starts a block of the exact code, as
     * {@link BlockCounts} finds them there: one the exact code has ({@code marked}) that may be a branch target or
     * follows one that may leave.
     */
    private void noteBlockStart(int moduleOffset, boolean marked) {
        startsBlock = false;
        if (marked) {
            startsBlock = afterLeave || BlockCounts.mayBeTarget(module.bytes(), moduleOffset);
            afterLeave = BlockCounts.mayLeave(module.bytes(), moduleOffset);
        }
    }

    int operand(int i) {
        return aliases.operand(i);
    }

    boolean isConst(int i) {
        return aliases.isConst(i);
    }

    void materialize(int i) {
        aliases.materialize(i);
    }

    void materializeAll(int h) {
        aliases.materializeAll(h);
    }

    void clearAliases() {
        aliases.clearAll();
    }

    /**
     * A constant pushed at {@link OperandAliases#MAX_ALIASED_HEIGHT} or above goes into its slot at once, after
     * every alias below it: each instruction's mark snapshots the aliases below its height (and pools their
     * constants), which grows quadratically in a function that pushes thousands of operands ({@code array.new_fixed}
     * of a constant table took most of a minute to translate).
     */
    void pushDeep(int h, long value) {
        aliases.materializeAll(h);
        aliases.emitConst(slot(h), value);
        produced(h, code.size() - ((int) value == value ? 2 : 3));
    }

    /** Records that the instruction just emitted wrote stack position i through the operand at dstPos. */
    void produced(int i, int dstPos) {
        aliases.clear(i);
        retargetPos = dstPos;
        retargetEnd = code.size();
    }

    /** Whether the last instruction produced position i and may write local x instead. */
    boolean canRetarget(int i, int x) {
        return !exact && retargetEnd == code.size() && labelPc != code.size() && retargetPos >= 0
                && code.get(retargetPos) == slot(i) && !aliases.aliased(x, i);
    }

    void label() {
        labelPc = code.size();
        zeroLocals.clear();
    }

    void emit(int... ints) {
        for (int i : ints) {
            code.add(i);
        }
    }

    /**
     * An instruction that does nothing, for the exact level's {@code block}, {@code end}, {@code nop}, {@code drop}:
     * a branch to the next instruction (the dispatch loop needs no case of its own for it).
     */
    void nop() {
        emit(Op.BR, code.size() + 2);
    }

    void moves(int fromSlot, int toSlot, int count) {
        if (fromSlot == toSlot) {
            return;
        }
        // Targets lie below sources, so copying upwards never overwrites a value still to be moved.
        for (int i = 0; i < count; i++) {
            emit(wide ? Op.COPY_V : Op.COPY, toSlot + i, fromSlot + i);
        }
    }

    void returnSequence(int h, int resultCount) {
        // Operands below the results die with the frame: only the results need to reach slots 0..n-1.
        if (resultCount == 1 && !isConst(h - 1) && wide) {
            emit(Op.COPY_V, 0, operand(h - 1));
            emit(Op.RETURN);
            return;
        }
        if (resultCount == 1 && !isConst(h - 1)) {
            emit(Op.RETURN1, operand(h - 1));
            return;
        }
        if (resultCount == 1) {
            aliases.emitConst(0, aliases.constant(h - 1));
            emit(Op.RETURN);
            return;
        }
        materializeAll(h);
        moves(slot(h - resultCount), 0, resultCount);
        emit(Op.RETURN);
    }

    /** Emits a jump to the frame {@code depth} levels out, carrying the top {@code arity} values from height h. */
    void jump(FunctionValidator v, int labelDepth, int h) {
        Frame f = v.frame(labelDepth);
        if (labelDepth == v.depth() - 1) {
            returnSequence(h, v.resultCount());
            return;
        }
        int arity = f.branchArity();
        materializeAll(h);
        moves(slot(h - arity), slot(f.height), arity);
        Label target = labels.get(labels.size() - 1 - labelDepth);
        if (target.loopStart >= 0) {
            emit(Op.BR_BACK, target.loopStart);
        } else {
            emit(Op.BR, 0);
            target.patches.add(code.size() - 1);
        }
    }

    /** Whether a branch to that frame from height h needs no moves and no return sequence. */
    boolean plainJump(FunctionValidator v, int labelDepth, int h) {
        if (labelDepth == v.depth() - 1) {
            return false;
        }
        Frame f = v.frame(labelDepth);
        int arity = f.branchArity();
        return arity == 0 || h - arity == f.height;
    }

    /** Records that the int at {@code position} must receive the target pc of that label. */
    void targetOf(int labelDepth, int position) {
        Label target = labels.get(labels.size() - 1 - labelDepth);
        if (target.loopStart >= 0) {
            code.set(position, target.loopStart);
        } else {
            target.patches.add(position);
        }
    }

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        int h = v.height();
        // Positions at or above the height hold nothing: an alias left there by a consumed local.get must not
        // apply to whatever value is pushed there next (a call's result, say).
        // (For an if, reported after its frame is pushed, the condition just above the height is still to be read.)
        aliases.clearFrom(op == 0x04 ? h + 1 : h, maxHeight + 1);
        if (forwards.any() && (op == 0x03 || op == 0x04 || op == 0x05 || op == 0x0B || op == 0x0C || op == 0x0D
                || op == 0x0E || op == 0xD5 || op == 0xD6)) {
            // A branch or a branch target: the read of a forwarded local may now be reached another way.
            forwards.flush();
        }
        if (recordBlocks) {
            boolean marked = switch (op) {
                case 0x02, 0x03, 0x04 -> !v.frame(0).dead;
                case 0x05, 0x0B -> !labels.get(labels.size() - 1).dead;
                case 0x06, 0x07, 0x18, 0x19, 0x1F -> true;
                default -> v.live();
            };
            noteBlockStart(moduleOffset, marked);
        }
        switch (op) {
            case 0x02, 0x03, 0x04 -> {
                BlockTranslation.open(this, op, moduleOffset, v);
                return;
            }
            case 0x05 -> {
                BlockTranslation.elseArm(this, moduleOffset, v, h);
                return;
            }
            case 0x0B -> {
                eh.beforeEnd(this);
                BlockTranslation.close(this, moduleOffset, v);
                return;
            }
            case 0x06, 0x07, 0x18, 0x19, 0x1F -> {
                eh.control(this, op, moduleOffset, v);
                return;
            }
            default -> {
            }
        }
        if (!v.live()) {
            return;
        }
        maxHeight = Math.max(maxHeight, h + 1);
        if (startsBlock) {
            blockStart(moduleOffset, h);
        } else {
            mark(moduleOffset, h);
        }
        if (wideAccesses && WideMemoryTranslation.translated(this, module, op, v, h)) {
            return;
        }
        int top = slot(h - 1);
        int second = slot(h - 2);
        if (exact && exactly(op, h, v)) {
            return;
        }
        if (op >= 0x45 && op <= 0xC4) {
            if (op <= 0x4F && !exact) {
                fusions.compare(op, h);
            } else if (op == 0xA7) {
                // Every i32 consumer reads only a slot's low 32 bits, so the wrap moves nothing: the i64 stays put.
                if (isConst(h - 1)) {
                    aliases.setConst(h - 1, (int) aliases.constant(h - 1));
                }
            } else if (Op.isUnary(op)) {
                emit(op, top, operand(h - 1));
                produced(h - 1, code.size() - 2);
            } else if (exact) {
                emit(op, second, operand(h - 2), operand(h - 1));
            } else if (!fusions.mixMultiply(op, h) && !fusions.immediate(op, h) && !fusions.multiplyAdd(op, h)
                    && !fusions.memoryOperand(op, h) && !fusions.xorShift(op, h)) {
                int start = code.size();
                int marks = mapPc.size();
                emit(op, second, operand(h - 2), operand(h - 1));
                produced(h - 2, code.size() - 3);
                if (op == 0xA2 || op == 0x94) {
                    product.set(op, start, code.size(), marks, h - 2, code.size() - 3, code.get(code.size() - 2),
                            code.get(code.size() - 1));
                }
            }
            return;
        }
        if (op >= 0x28 && op <= 0x35) {
            MemoryAccessTranslation.load(this, op, moduleOffset, v, h);
            return;
        }
        if (op >= 0x36 && op <= 0x3E) {
            MemoryAccessTranslation.store(this, op, moduleOffset, v, h);
            return;
        }
        if (op >= SimdTranslation.BASE) {
            SimdTranslation.emit(this, op - SimdTranslation.BASE, v, h);
            return;
        }
        switch (op) {
            case 0x20 -> {
                LocalTranslation.get(this, v.immA, h);
                return;
            }
            case 0x21, 0x22 -> {
                LocalTranslation.set(this, op == 0x22, v.immA, h);
                return;
            }
            case 0x1A -> {
                aliases.clear(h - 1);
                return;
            }
            case 0x0D -> {
                BlockTranslation.brIf(this, v, h);
                return;
            }
            case 0x24 -> {
                emit(SimdTranslation.isV128Global(module, v.immA) ? Op.GLOBAL_SET_V : Op.GLOBAL_SET, v.immA,
                        operand(h - 1));
                return;
            }
            case 0x1B, 0x1C -> {
                materialize(h - 3);
                emit(wide ? Op.SELECT_V : Op.SELECT, slot(h - 3), operand(h - 2), operand(h - 1));
                return;
            }
            case 0x23 -> {
                emit(SimdTranslation.isV128Global(module, v.immA) ? Op.GLOBAL_GET_V : Op.GLOBAL_GET, slot(h),
                        v.immA);
                produced(h, code.size() - 2);
                return;
            }
            case 0x41, 0x42, 0x43, 0x44 -> {
                long value = op == 0x41 ? (int) v.immL : v.immL;
                if (h >= OperandAliases.MAX_ALIASED_HEIGHT) {
                    pushDeep(h, value);
                } else {
                    aliases.setConst(h, value);
                }
                return;
            }
            default -> materializeAll(h);
        }
        switch (op) {
            case 0x00 -> emit(Op.UNREACHABLE);
            case 0x01 -> {
            }
            case 0x0C -> jump(v, v.immA, h);
            case 0x0E -> BlockTranslation.brTable(this, v, h, moduleOffset);
            case 0x0F -> returnSequence(h, v.resultCount());
            case 0x10 -> {
                FuncType ft = module.functionType(v.immA);
                maxHeight = Math.max(maxHeight, h - ft.paramCount() + ft.resultCount());
                emit(Op.CALL, v.immA, slot(h - ft.paramCount()));
            }
            case 0x11 -> {
                FuncType ft = module.types().get(v.immA);
                maxHeight = Math.max(maxHeight, h - 1 - ft.paramCount() + ft.resultCount());
                emit(Op.CALL_INDIRECT, v.immA, v.immB, slot(h - 1 - ft.paramCount()), top);
            }
            case 0x12, 0x13, 0x15 -> TailCalls.translate(this, v, h, op);
            case 0x08, 0x09, 0x0A -> eh.throwOp(this, v, h, op);
            case 0x25 -> emit(Op.TABLE_GET, top, v.immA, top);
            case 0x26 -> emit(Op.TABLE_SET, v.immA, second, top);
            case 0x3F -> emit(Op.MEMORY_SIZE, slot(h));
            case 0x40 -> emit(Op.MEMORY_GROW, top, top);
            case 0xD0 -> emit(Op.CONST64, slot(h), -1, -1);
            case 0xD1 -> emit(Op.REF_IS_NULL, top, top);
            case 0xD2 -> emit(Op.REF_FUNC, slot(h), v.immA);
            case 0x14, 0xD4, 0xD5, 0xD6 -> TypedRefTranslation.emit(this, op, v, h);
            case 0xD3 -> GcTranslation.emit(this, op, v, h);
            case 0xFC08 -> emit(Op.MEMORY_INIT, v.immA, slot(h - 3), second, top);
            case 0xFC09 -> emit(Op.DATA_DROP, v.immA);
            case 0xFC0A -> emit(Op.MEMORY_COPY, slot(h - 3), second, top);
            case 0xFC0B -> emit(Op.MEMORY_FILL, slot(h - 3), second, top);
            case 0xFC0C -> emit(Op.TABLE_INIT, v.immA, v.immB, slot(h - 3), second, top);
            case 0xFC0D -> emit(Op.ELEM_DROP, v.immA);
            case 0xFC0E -> emit(Op.TABLE_COPY, v.immA, v.immB, slot(h - 3), second, top);
            case 0xFC0F -> emit(Op.TABLE_GROW, second, v.immA, top);
            case 0xFC10 -> emit(Op.TABLE_SIZE, slot(h), v.immA);
            case 0xFC11 -> emit(Op.TABLE_FILL, v.immA, slot(h - 3), second, top);
            default -> {
                if (op >= 0xFC00 && op <= 0xFC07) {
                    emit(Op.TRUNC_SAT + (op & 7), top, top);
                } else if (op >= GcTranslation.BASE && op < GcTranslation.BASE + 0x100) {
                    GcTranslation.emit(this, op, v, h);
                } else {
                    throw new IllegalStateException("no translation for opcode 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    /**
     * The exact level's code for what the optimized level folds into aliases or drops: returns false for the
     * instructions both levels translate alike.
     */
    private boolean exactly(int op, int h, FunctionValidator v) {
        switch (op) {
            case 0x01, 0x1A -> nop();
            // A function that may hold v128 values moves both halves.
            case 0x20 -> emit(wide ? Op.COPY_V : Op.COPY, slot(h), v.immA);
            case 0x21, 0x22 -> emit(wide ? Op.COPY_V : Op.COPY, v.immA, slot(h - 1));
            case 0x41 -> aliases.emitConst(slot(h), (int) v.immL);
            case 0x42, 0x43, 0x44 -> aliases.emitConst(slot(h), v.immL);
            // Every i32 consumer reads only the low 32 bits: the wrap's own code just has to exist.
            case 0xA7 -> emit(Op.COPY, slot(h - 1), slot(h - 1));
            default -> {
                return false;
            }
        }
        return true;
    }
}
