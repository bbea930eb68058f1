package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
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
 * position {@code h} lives in frame slot {@code localCount + 1 + h} (slot {@code localCount} always reads 0); branches are resolved to target pcs here, with the
 * moves of carried values emitted before the jump, so nothing about blocks exists at run time. Unreachable code is
 * not emitted.
 *
 * <p>Local traffic is folded away: {@code local.get x} emits nothing and leaves an <em>alias</em> (stack position →
 * local x) that consumers read directly; an alias is materialized by a {@code COPY} only where a real slot is needed
 * (block boundaries, calls, returns, branches carrying values, before x is overwritten). {@code local.set x} after an
 * instruction that produced the value rewrites that instruction's destination to x. Live aliases are recorded per
 * instruction so the debugger shows the operand stack as Wasm defines it.
 *
 * <p>Constants are aliases too: they become immediate operands of the i32 arithmetic that has an immediate form,
 * or are written to a slot where needed. An i32 comparison (or {@code eqz}) consumed right away by {@code br_if} or
 * {@code if} is taken back and fused with the branch.
 */
final class Translator implements CodeSink {
    private final WasmModule module;
    private final IntList code = new IntList();
    private final IntList mapPc = new IntList();
    private final IntList mapOffset = new IntList();
    private final List<Label> labels = new ArrayList<>();
    private final List<int[]> markAliases = new ArrayList<>();
    private int locals;
    private int maxHeight;
    private boolean zeroUsed;
    /** Locals known to hold 0 (from entry, or a store of 0) on the only path here: no label crossed since. */
    private final BitSet zeroLocals = new BitSet();
    /** What operand-stack positions stand for while their values are not in their slots. */
    private OperandAliases aliases;
    /** Single-use locals whose store is deferred to their one read. */
    private LocalForwards forwards;
    /** The last i32 comparison emitted, while a branch may still fuse with it. */
    private final PendingCompare cmp = new PendingCompare();
    /** The last f32/f64 multiplication, while an add or subtract may still take it over. */
    private final PendingResult product = new PendingResult();
    /** The last i32/i64 shr_u by a constant, while an xor may still take it over. */
    private final PendingResult shifted = new PendingResult();
    /** The last f32/f64 load, while an arithmetic instruction may still take it over as a memory operand. */
    private final PendingResult loaded = new PendingResult();
    /** Where the last {@code I32_SHL_IMM} starts and how many marks existed then, while a load may take it over. */
    private int shiftStart = -1;
    private int shiftMarks;
    /** Where the last {@code I32_ADD_IMM} starts, while a branch on its result may take it over (-1: none). */
    private int stepStart = -1;
    /** The last {@code base + K}, while a memory access may still take it over as its address. */
    private final PendingResult addr = new PendingResult();
    /** Position of the destination operand of the last instruction, while it may be retargeted to a local. */
    private int retargetPos = -1;
    private int retargetEnd = -1;
    /** The latest pc that is a branch target: code there may be reached with values in slots, not in locals. */
    private int labelPc = -1;

    /** Translation-time state of one control frame: where branches to it go, and which jumps await its end. */
    private static final class Label {
        boolean dead;
        int loopStart = -1;
        int elsePatch = -1;
        final IntList patches = new IntList();
    }

    private Translator(WasmModule module) {
        this.module = module;
    }

    static CompiledFunction translate(ModuleContext ctx, int funcIndex) {
        WasmModule module = ctx.module();
        Translator t = new Translator(module);
        FunctionValidator v = new FunctionValidator(ctx, t);
        FuncType type = module.functionType(funcIndex);
        t.locals = type.paramCount() + module.body(funcIndex).locals().length;
        t.aliases = new OperandAliases(t.code, t.locals + 1);
        t.zeroLocals.set(type.paramCount(), t.locals);
        t.forwards = new LocalForwards(module.bytes(), module.body(funcIndex), t.locals, t.code, t.aliases);
        t.labels.add(new Label());
        v.validate(funcIndex, module.body(funcIndex));
        return new CompiledFunction(t.code.toArray(), type.paramCount(), t.locals, type.resultCount(),
                t.locals + 1 + t.maxHeight + 1, t.zeroUsed ? t.locals + 1 : t.locals, t.mapPc.toArray(),
                t.mapOffset.toArray(), t.markAliases.toArray(new int[0][]), t.aliases.pool());
    }

    /** Stack position h lives in slot {@code locals + 1 + h}: slot {@code locals} is the zero slot. */
    private int slot(int height) {
        return locals + 1 + height;
    }

    /** The slot that reads 0, for accesses at a constant address (base 0, the address as K); zeroed on entry. */
    private int zeroSlot() {
        zeroUsed = true;
        return locals;
    }

    private void mark(int moduleOffset, int h) {
        int n = mapPc.size();
        if (n > 0 && mapOffset.get(n - 1) == moduleOffset) {
            return;
        }
        int[] live = aliases.snapshot(h);
        if (n > 0 && mapPc.get(n - 1) == code.size()) {
            mapOffset.set(n - 1, moduleOffset);
            markAliases.set(n - 1, live);
            return;
        }
        mapPc.add(code.size());
        mapOffset.add(moduleOffset);
        markAliases.add(live);
    }

    private int operand(int i) {
        return aliases.operand(i);
    }

    private boolean isConst(int i) {
        return aliases.isConst(i);
    }

    private void materialize(int i) {
        aliases.materialize(i);
    }

    private void materializeAll(int h) {
        aliases.materializeAll(h);
    }

    private void clearAliases() {
        aliases.clearAll();
    }

    /** Records that the instruction just emitted wrote stack position i through the operand at dstPos. */
    private void produced(int i, int dstPos) {
        aliases.clear(i);
        retargetPos = dstPos;
        retargetEnd = code.size();
    }

    /** Whether the last instruction produced position i and may write local x instead. */
    private boolean canRetarget(int i, int x) {
        return retargetEnd == code.size() && labelPc != code.size() && retargetPos >= 0
                && code.get(retargetPos) == slot(i) && !aliases.aliased(x, i);
    }

    private void label() {
        labelPc = code.size();
        zeroLocals.clear();
    }

    private void emit(int... ints) {
        for (int i : ints) {
            code.add(i);
        }
    }

    private void moves(int fromSlot, int toSlot, int count) {
        if (fromSlot == toSlot) {
            return;
        }
        // Targets lie below sources, so copying upwards never overwrites a value still to be moved.
        for (int i = 0; i < count; i++) {
            emit(Op.COPY, toSlot + i, fromSlot + i);
        }
    }

    private void returnSequence(int h, int resultCount) {
        // Operands below the results die with the frame: only the results need to reach slots 0..n-1.
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
    private void jump(FunctionValidator v, int labelDepth, int h) {
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
    private boolean plainJump(FunctionValidator v, int labelDepth, int h) {
        if (labelDepth == v.depth() - 1) {
            return false;
        }
        Frame f = v.frame(labelDepth);
        int arity = f.branchArity();
        return arity == 0 || h - arity == f.height;
    }

    /** Records that the int at {@code position} must receive the target pc of that label. */
    private void targetOf(int labelDepth, int position) {
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
                || op == 0x0E)) {
            // A branch or a branch target: the read of a forwarded local may now be reached another way.
            forwards.flush();
        }
        switch (op) {
            case 0x02, 0x03, 0x04 -> {
                openBlock(op, moduleOffset, v);
                return;
            }
            case 0x05 -> {
                Label l = labels.get(labels.size() - 1);
                if (!l.dead) {
                    if (v.live()) {
                        mark(moduleOffset, h);
                        materializeAll(h);
                        emit(Op.BR, 0);
                        l.patches.add(code.size() - 1);
                    }
                    code.set(l.elsePatch, code.size());
                    l.elsePatch = -1;
                    label();
                }
                clearAliases();
                return;
            }
            case 0x0B -> {
                closeBlock(moduleOffset, v);
                return;
            }
            default -> {
            }
        }
        if (!v.live()) {
            return;
        }
        maxHeight = Math.max(maxHeight, h + 1);
        mark(moduleOffset, h);
        int top = slot(h - 1);
        int second = slot(h - 2);
        if (op >= 0x45 && op <= 0xC4) {
            if (op <= 0x4F) {
                compare(op, h);
            } else if (op == 0xA7) {
                // Every i32 consumer reads only a slot's low 32 bits, so the wrap moves nothing: the i64 stays put.
                if (isConst(h - 1)) {
                    aliases.setConst(h - 1, (int) aliases.constant(h - 1));
                }
            } else if (Op.isUnary(op)) {
                emit(op, top, operand(h - 1));
                produced(h - 1, code.size() - 2);
            } else if (!immediate(op, h) && !multiplyAdd(op, h) && !memoryOperand(op, h) && !xorShift(op, h)) {
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
            boolean wide = op == 0x29 || op == 0x2B;
            boolean plusK = (op == 0x28 || wide) && addressFolds(h - 1) && shiftBelowSum();
            if ((op == 0x28 || wide) && (plusK || shiftFolds(h - 1))) {
                int base = code.get(shiftStart + 2);
                int k = code.get(shiftStart + 3) & 31;
                int addend = plusK ? addr.y : 0;
                takeBackShift(moduleOffset, h, base, k, addend);
                emit(wide ? Op.I64_LOAD_SCALED : Op.I32_LOAD_SCALED, top, base, (int) v.immL, addend, k);
                produced(h - 1, code.size() - 5);
                return;
            } else if (addressFolds(h - 1)) {
                int base = addr.x;
                int k = takeBackAddress(moduleOffset, h);
                emit(op, top, base, (int) v.immL, k);
            } else if (isConst(h - 1)) {
                emit(op, top, zeroSlot(), (int) v.immL, (int) aliases.constant(h - 1));
                aliases.clear(h - 1);
            } else {
                emit(op, top, operand(h - 1), (int) v.immL, 0);
            }
            produced(h - 1, code.size() - 4);
            if (op == 0x2A || op == 0x2B) {
                loaded.set(op, code.size() - 5, code.size(), mapPc.size(), h - 1, code.size() - 4, 0, 0);
            }
            return;
        }
        if (op >= 0x36 && op <= 0x3E) {
            if (addressFolds(h - 2)) {
                int base = addr.x;
                int k = takeBackAddress(moduleOffset, h);
                emit(op, base, operand(h - 1), (int) v.immL, k);
            } else if (isConst(h - 2)) {
                emit(op, zeroSlot(), operand(h - 1), (int) v.immL, (int) aliases.constant(h - 2));
            } else {
                emit(op, operand(h - 2), operand(h - 1), (int) v.immL, 0);
            }
            return;
        }
        switch (op) {
            case 0x20 -> {
                int forwarded = forwards.take(v.immA);
                if (forwarded == OperandAliases.CONST) {
                    aliases.setConst(h, forwards.constant(v.immA));
                } else {
                    aliases.setLocal(h, forwarded >= 0 ? forwarded : v.immA);
                }
                return;
            }
            case 0x21, 0x22 -> {
                localSet(op == 0x22, v.immA, h);
                return;
            }
            case 0x1A -> {
                aliases.clear(h - 1);
                return;
            }
            case 0x0D -> {
                brIf(v, h);
                return;
            }
            case 0x24 -> {
                emit(Op.GLOBAL_SET, v.immA, operand(h - 1));
                return;
            }
            case 0x1B, 0x1C -> {
                materialize(h - 3);
                emit(Op.SELECT, slot(h - 3), operand(h - 2), operand(h - 1));
                return;
            }
            case 0x23 -> {
                emit(Op.GLOBAL_GET, slot(h), v.immA);
                produced(h, code.size() - 2);
                return;
            }
            case 0x41, 0x42, 0x43, 0x44 -> {
                aliases.setConst(h, op == 0x41 ? (int) v.immL : v.immL);
                return;
            }
            default -> materializeAll(h);
        }
        switch (op) {
            case 0x00 -> emit(Op.UNREACHABLE);
            case 0x01 -> {
            }
            case 0x0C -> jump(v, v.immA, h);
            case 0x0E -> brTable(v, h, moduleOffset);
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
            case 0x25 -> emit(Op.TABLE_GET, top, v.immA, top);
            case 0x26 -> emit(Op.TABLE_SET, v.immA, second, top);
            case 0x3F -> emit(Op.MEMORY_SIZE, slot(h));
            case 0x40 -> emit(Op.MEMORY_GROW, top, top);
            case 0xD0 -> emit(Op.CONST64, slot(h), -1, -1);
            case 0xD1 -> emit(Op.REF_IS_NULL, top, top);
            case 0xD2 -> emit(Op.REF_FUNC, slot(h), v.immA);
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
                } else {
                    throw new IllegalStateException("no translation for opcode 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    private void openBlock(int op, int moduleOffset, FunctionValidator v) {
        Frame f = v.frame(0);
        Label l = new Label();
        l.dead = f.dead;
        labels.add(l);
        if (l.dead) {
            return;
        }
        int h = f.height + f.params.length;
        if (op == 0x03) {
            materializeAll(h);
            l.loopStart = code.size();
            label();
        } else if (op == 0x04) {
            if (fusable(h)) {
                fuseIntoIf(h, l);
                return;
            }
            mark(moduleOffset, h + 1);
            maxHeight = Math.max(maxHeight, h + 1);
            materializeAll(h);
            emit(Op.BR_UNLESS, operand(h), 0);
            aliases.clear(h);
            l.elsePatch = code.size() - 1;
        } else {
            materializeAll(h);
        }
    }

    private void closeBlock(int moduleOffset, FunctionValidator v) {
        Label l = labels.remove(labels.size() - 1);
        if (l.dead) {
            return;
        }
        if (labels.isEmpty()) {
            if (v.live()) {
                mark(moduleOffset, v.height());
                returnSequence(v.height(), v.resultCount());
            }
            return;
        }
        if (v.live()) {
            materializeAll(v.height());
        }
        clearAliases();
        int here = code.size();
        label();
        if (l.elsePatch >= 0) {
            code.set(l.elsePatch, here);
        }
        for (int i = 0; i < l.patches.size(); i++) {
            code.set(l.patches.get(i), here);
        }
    }

    private void brIf(FunctionValidator v, int h) {
        int depth = v.immA;
        if (plainJump(v, depth, h - 1) && v.frame(depth).branchArity() == 0 && fusable(h - 1)) {
            int fused = cmp.fusedOp(false);
            int a = cmp.a;
            int b = cmp.b;
            boolean imm = cmp.imm;
            takeBackCompare();
            if (stepFolds(a)) {
                stepAndBranch(fused - (imm ? Op.BR_CMP_IMM : Op.BR_CMP), b, imm);
            } else {
                emit(fused, a, b, 0);
            }
            targetOf(depth, code.size() - 1);
            return;
        }
        int tested = aliases.get(h - 1) >= 0 ? aliases.get(h - 1)
                : aliases.get(h - 1) == OperandAliases.NONE ? slot(h - 1) : -1;
        if (plainJump(v, depth, h - 1) && v.frame(depth).branchArity() == 0 && tested >= 0 && stepFolds(tested)) {
            aliases.clear(h - 1);
            stepAndBranch(1, 0, true);
            targetOf(depth, code.size() - 1);
            return;
        }
        int cond = operand(h - 1);
        if (plainJump(v, depth, h - 1)) {
            // The carried values are already at the target's height, but they must be in their slots, not aliases.
            int arity = v.frame(depth).branchArity();
            for (int i = h - 1 - arity; i < h - 1; i++) {
                materialize(i);
            }
            Label target = labels.get(labels.size() - 1 - depth);
            emit(target.loopStart >= 0 ? Op.BR_IF_BACK : Op.BR_IF, cond, 0);
            targetOf(depth, code.size() - 1);
            return;
        }
        // Copies for the taken path must not leave the fall-through path with aliases it never materialized.
        materializeAll(h - 1);
        emit(Op.BR_UNLESS, cond, 0);
        int skip = code.size() - 1;
        jump(v, depth, h - 1);
        code.set(skip, code.size());
        label();
    }

    private void brTable(FunctionValidator v, int h, int moduleOffset) {
        int index = slot(h - 1);
        // (All aliases were materialized before this instruction.)
        int n = v.brCount;
        emit(Op.BR_TABLE, index, n);
        int tableStart = code.size();
        for (int i = 0; i <= n; i++) {
            emit(0);
        }
        int[] targets = v.brTargets.clone();
        for (int i = 0; i <= n; i++) {
            int depth = targets[i];
            if (plainJump(v, depth, h - 1)) {
                targetOf(depth, tableStart + i);
            } else {
                mark(moduleOffset, h);
                code.set(tableStart + i, code.size());
                label();
                jump(v, depth, h - 1);
            }
        }
    }

    /** {@code local.set x} / {@code local.tee x} of the value at stack position h-1. */
    private void localSet(boolean tee, int x, int h) {
        int i = h - 1;
        int from = aliases.get(i);
        if (!tee && (from == OperandAliases.CONST || from >= 0)
                && forwards.offer(x, from, from == OperandAliases.CONST ? aliases.constant(i) : 0)) {
            zeroLocals.clear(x);
            aliases.clear(i);
            return;
        }
        forwards.beforeWrite(x);
        boolean stillZero = zeroLocals.get(x);
        boolean storesZero = from == OperandAliases.CONST && aliases.constant(i) == 0;
        zeroLocals.set(x, storesZero);
        if (storesZero && stillZero) {
            // Entry (or an earlier store) zeroed x and nothing else has written it on the only path here: clang's
            // `x = 0` costs nothing. (A debugger that sets x before this point sees the program keep its value.)
            if (!tee) {
                aliases.clear(i);
            }
            return;
        }
        if (from == OperandAliases.CONST) {
            aliases.materializeLocal(x, h);
            aliases.emitConst(x, aliases.constant(i));
            if (!tee) {
                aliases.clear(i);
            }
            return;
        }
        if (from >= 0) {
            if (from != x) {
                aliases.materializeLocal(x, h);
                emit(Op.COPY, x, from);
            }
            if (!tee) {
                aliases.clear(i);
            }
            return;
        }
        if (canRetarget(i, x)) {
            code.set(retargetPos, x);
            retargetPos = -1;
            if (tee) {
                aliases.setLocal(i, x);
            }
            return;
        }
        aliases.materializeLocal(x, h);
        emit(Op.COPY, x, slot(i));
    }
    /** Integer arithmetic with a constant operand, as an immediate form; false when the operation has none. */
    private boolean immediate(int op, int h) {
        boolean bConst = isConst(h - 1);
        boolean aConst = isConst(h - 2);
        if (bConst == aConst) {
            return false;
        }
        boolean commutative = switch (op) {
            case 0x6A, 0x6C, 0x71, 0x72, 0x73, 0x7C, 0x7E, 0x83, 0x84, 0x85, 0x92, 0x94, 0xA0, 0xA2 -> true;
            default -> false;
        };
        if (aConst && !commutative) {
            return false;
        }
        long value = aliases.constant(aConst ? h - 2 : h - 1);
        int immOp;
        boolean wide = false;
        switch (op) {
            case 0x6A -> immOp = Op.I32_ADD_IMM;
            case 0x6B -> {
                immOp = Op.I32_ADD_IMM;
                value = -(int) value;
            }
            case 0x6C -> immOp = Op.I32_MUL_IMM;
            // x - c is x + (-c) in IEEE 754; negating only flips the sign bit, so the constant stays exact.
            case 0x92 -> immOp = Op.F32_ADD_IMM;
            case 0x93 -> {
                immOp = Op.F32_ADD_IMM;
                value ^= 0x8000_0000L;
            }
            case 0x94 -> immOp = Op.F32_MUL_IMM;
            case 0xA0 -> {
                immOp = Op.F64_ADD_IMM;
                wide = true;
            }
            case 0xA1 -> {
                immOp = Op.F64_ADD_IMM;
                value ^= Long.MIN_VALUE;
                wide = true;
            }
            case 0xA2 -> {
                immOp = Op.F64_MUL_IMM;
                wide = true;
            }
            case 0x71 -> immOp = Op.I32_AND_IMM;
            case 0x72 -> immOp = Op.I32_OR_IMM;
            case 0x73 -> immOp = Op.I32_XOR_IMM;
            case 0x74 -> immOp = Op.I32_SHL_IMM;
            case 0x75 -> immOp = Op.I32_SHR_S_IMM;
            case 0x76 -> immOp = Op.I32_SHR_U_IMM;
            case 0x77 -> immOp = Op.I32_ROTL_IMM;
            case 0x7C -> {
                immOp = Op.I64_ADD_IMM;
                wide = true;
            }
            case 0x7D -> {
                immOp = Op.I64_ADD_IMM;
                value = -value;
                wide = true;
            }
            case 0x7E -> {
                immOp = Op.I64_MUL_IMM;
                wide = true;
            }
            case 0x83 -> {
                immOp = Op.I64_AND_IMM;
                wide = true;
            }
            case 0x84 -> {
                immOp = Op.I64_OR_IMM;
                wide = true;
            }
            case 0x85 -> {
                immOp = Op.I64_XOR_IMM;
                wide = true;
            }
            // Wasm takes i64 shift counts modulo 64, as Java does; the low bits suffice.
            case 0x86 -> immOp = Op.I64_SHL_IMM;
            case 0x87 -> immOp = Op.I64_SHR_S_IMM;
            case 0x88 -> immOp = Op.I64_SHR_U_IMM;
            case 0x89 -> immOp = Op.I64_ROTL_IMM;
            default -> {
                return false;
            }
        }
        int other = aConst ? h - 1 : h - 2;
        aliases.clear(aConst ? h - 2 : h - 1);
        if (wide) {
            emit(immOp, slot(h - 2), operand(other), (int) value, (int) (value >>> 32));
            produced(h - 2, code.size() - 4);
        } else {
            int start = code.size();
            emit(immOp, slot(h - 2), operand(other), (int) value);
            produced(h - 2, code.size() - 3);
            if (immOp == Op.I32_SHR_U_IMM || immOp == Op.I64_SHR_U_IMM) {
                shifted.set(immOp, start, code.size(), mapPc.size(), h - 2, code.size() - 3,
                        code.get(code.size() - 2), (int) value);
            }
            if (immOp == Op.I32_SHL_IMM) {
                shiftStart = start;
                shiftMarks = mapPc.size();
            }
            if (immOp == Op.I32_ADD_IMM) {
                addr.set(immOp, start, code.size(), mapPc.size(), h - 2, code.size() - 3, code.get(code.size() - 2),
                        (int) value);
                stepStart = start;
            }
        }
        return true;
    }

    /** Emits an i32 comparison (or eqz) into its slot, remembering it so a branch right after can fuse with it. */
    private void compare(int op, int h) {
        int start = code.size();
        int marks = mapPc.size();
        if (op == 0x45) {
            boolean fusable = !isConst(h - 1);
            int a = fusable ? operand(h - 1) : 0;
            emit(op, slot(h - 1), operand(h - 1));
            produced(h - 1, code.size() - 2);
            cmp.set(fusable, start, code.size(), marks, h - 1, PendingCompare.EQZ, a, 0, true);
            cmp.dstPos = code.size() - 2;
            return;
        }
        int k = op - 0x46;
        boolean aConst = isConst(h - 2);
        boolean bConst = isConst(h - 1);
        boolean fusable = !(aConst && bConst);
        int fa = 0;
        int fb = 0;
        boolean imm = false;
        if (bConst && !aConst) {
            fa = operand(h - 2);
            fb = (int) aliases.constant(h - 1);
            imm = true;
        } else if (aConst && !bConst) {
            k = Op.mirror(k);
            fa = operand(h - 1);
            fb = (int) aliases.constant(h - 2);
            imm = true;
        } else if (fusable) {
            fa = operand(h - 2);
            fb = operand(h - 1);
        }
        emit(op, slot(h - 2), operand(h - 2), operand(h - 1));
        produced(h - 2, code.size() - 3);
        cmp.set(fusable, start, code.size(), marks, h - 2, k, fa, fb, imm);
        cmp.dstPos = code.size() - 3;
    }

    /**
     * Whether the branch consuming stack position {@code i} can take the pending comparison over: the position must
     * still hold the comparison's result in its slot (a {@code local.tee} or a {@code drop} followed by a push
     * would have made it something else without emitting code).
     */
    private boolean fusable(int i) {
        return cmp.fusesWith(i, code.size(), labelPc) && aliases.get(i) == OperandAliases.NONE
                && code.get(cmp.dstPos) == slot(i);
    }

    /**
     * Whether the access reading its address from position {@code i} can take the pending addition over: the
     * position must still hold the sum in its slot (not retargeted to a local by {@code local.tee}).
     */
    private boolean addressFolds(int i) {
        return addr.at(code.size(), labelPc) && addr.position == i && aliases.get(i) == OperandAliases.NONE
                && code.get(addr.dstPos) == slot(i);
    }

    /**
     * Removes the pending addition's code and re-marks its start for the access taking it over, so a trap there
     * reports the access's offset and the debugger still sees the sum as the address operand. Returns K.
     */
    private int takeBackAddress(int moduleOffset, int h) {
        truncate(addr.start);
        keepMarks(addr.marks);
        addr.clear();
        int position = addr.position;
        aliases.setSum(position, addr.x, addr.y);
        mark(moduleOffset, h);
        aliases.clear(position);
        retargetPos = -1;
        return addr.y;
    }

    /**
     * {@code c + x * y} (either order) or {@code c - x * y} right after the multiplication: replaces both with one
     * multiply-add. The product must still be in its slot and c a local or a slot (materializing a constant now could
     * overwrite the multiplication's operands). Returns false when the pattern does not apply.
     */
    private boolean multiplyAdd(int op, int h) {
        boolean f64 = op == 0xA0 || op == 0xA1;
        if (!(f64 || op == 0x92 || op == 0x93) || !product.at(code.size(), labelPc)
                || code.get(product.start) != (f64 ? 0xA2 : 0x94)) {
            return false;
        }
        boolean add = op == 0xA0 || op == 0x92;
        int p = product.position;
        int c = p == h - 1 ? h - 2 : add && p == h - 2 ? h - 1 : -1;
        if (c < 0 || isConst(c) || aliases.get(p) != OperandAliases.NONE || code.get(product.dstPos) != slot(p)) {
            return false;
        }
        int x = product.x;
        int y = product.y;
        truncate(product.start);
        keepMarks(product.marks);
        product.clear();
        int fused = f64 ? (add ? Op.F64_MUL_ADD : Op.F64_MUL_SUB) : (add ? Op.F32_MUL_ADD : Op.F32_MUL_SUB);
        emit(fused, slot(h - 2), x, y, operand(c));
        produced(h - 2, code.size() - 4);
        return true;
    }

    /** Drops the marks after the first {@code count}: they pointed into code that was taken back. */
    private void keepMarks(int count) {
        while (mapPc.size() > count) {
            mapPc.truncate(mapPc.size() - 1);
            mapOffset.truncate(mapOffset.size() - 1);
            markAliases.remove(markAliases.size() - 1);
        }
    }

    /**
     * f32.add, f64.add, f64.mul (either operand) or f64.sub (second operand) of a value loaded right before: replaces
     * the load and the arithmetic with one instruction that reads its operand from memory. A trap there is the load's
     * (the fused instruction keeps the load's mark). The other operand must not be a constant, whose materializing
     * now could overwrite the load's address.
     */
    private boolean memoryOperand(int op, int h) {
        int fused = switch (op) {
            case 0x92 -> Op.F32_ADD_LOAD;
            case 0xA0 -> Op.F64_ADD_LOAD;
            case 0xA1 -> Op.F64_SUB_LOAD;
            case 0xA2 -> Op.F64_MUL_LOAD;
            default -> -1;
        };
        if (fused < 0 || !loaded.at(code.size(), labelPc) || loaded.op != (op == 0x92 ? 0x2A : 0x2B)) {
            return false;
        }
        int p = loaded.position;
        int other = p == h - 1 ? h - 2 : op != 0xA1 && p == h - 2 ? h - 1 : -1;
        if (other < 0 || isConst(other) || aliases.get(p) != OperandAliases.NONE
                || code.get(loaded.dstPos) != slot(p)) {
            return false;
        }
        int x = code.get(loaded.start + 2);
        int offset = code.get(loaded.start + 3);
        int k = code.get(loaded.start + 4);
        int marks = loaded.marks;
        truncate(loaded.start);
        keepMarks(marks);
        emit(fused, slot(h - 2), operand(other), x, offset, k);
        produced(h - 2, code.size() - 5);
        return true;
    }

    /**
     * {@code c ^ (a >>> k)} right after the shift (either operand order): the mixing step of xorshift, murmur and
     * splitmix hashes, and of CRC loops, as one instruction. c must not be a constant (see {@link #memoryOperand}).
     */
    private boolean xorShift(int op, int h) {
        boolean wide = op == 0x85;
        if (!(wide || op == 0x73) || !shifted.at(code.size(), labelPc)
                || shifted.op != (wide ? Op.I64_SHR_U_IMM : Op.I32_SHR_U_IMM)) {
            return false;
        }
        int p = shifted.position;
        int other = p == h - 1 ? h - 2 : p == h - 2 ? h - 1 : -1;
        if (other < 0 || isConst(other) || aliases.get(p) != OperandAliases.NONE
                || code.get(shifted.dstPos) != slot(p)) {
            return false;
        }
        int a = shifted.x;
        int k = shifted.y;
        int marks = shifted.marks;
        truncate(shifted.start);
        keepMarks(marks);
        emit(wide ? Op.I64_XOR_SHR_U : Op.I32_XOR_SHR_U, slot(h - 2), operand(other), a, k);
        produced(h - 2, code.size() - 4);
        return true;
    }

    /**
     * Takes code back to {@code pc}. Every record of an instruction at or after pc is forgotten, so no later fusion
     * mistakes what is emitted there next for it.
     */
    private void truncate(int pc) {
        code.truncate(pc);
        if (shiftStart >= pc) {
            shiftStart = -1;
        }
        if (stepStart >= pc) {
            stepStart = -1;
        }
        if (addr.valid && addr.start >= pc) {
            addr.clear();
        }
        if (product.valid && product.start >= pc) {
            product.clear();
        }
        if (loaded.valid && loaded.start >= pc) {
            loaded.clear();
        }
        if (shifted.valid && shifted.start >= pc) {
            shifted.clear();
        }
        if (cmp.valid && cmp.start >= pc) {
            cmp.clear();
        }
    }

    /**
     * Whether the load reading its address from position i can take over the {@code I32_SHL_IMM} just before it:
     * the shift wrote that position's own slot (not a local) and no branch target lies in between.
     */
    private boolean shiftFolds(int i) {
        return shiftStart >= 0 && shiftStart + 4 == code.size() && code.get(shiftStart) == Op.I32_SHL_IMM
                && code.get(shiftStart + 1) == slot(i) && aliases.get(i) == OperandAliases.NONE
                && labelPc != code.size();
    }

    /**
     * Whether the pending {@code base + K} (which the access takes over) adds to the result of an {@code I32_SHL_IMM}
     * emitted right before it into an operand slot, with no branch target between them.
     */
    private boolean shiftBelowSum() {
        return shiftStart >= 0 && shiftStart + 4 == addr.start && code.get(shiftStart) == Op.I32_SHL_IMM
                && code.get(shiftStart + 1) == addr.x && addr.x >= slot(0) && labelPc != addr.start;
    }

    /** Removes the shift (and the sum on it) and re-marks for the load, as {@link #takeBackAddress} does for a sum. */
    private void takeBackShift(int moduleOffset, int h, int base, int k, int addend) {
        truncate(shiftStart);
        keepMarks(shiftMarks);
        aliases.setShift(h - 1, base, k, addend);
        mark(moduleOffset, h);
        aliases.clear(h - 1);
        retargetPos = -1;
    }

    /**
     * Whether the instruction just before the current pc is an {@code I32_ADD_IMM} writing {@code x} (a local or a
     * slot) with no branch target in between, so a branch testing x can take the addition over.
     */
    private boolean stepFolds(int x) {
        return stepStart >= 0 && stepStart + 4 == code.size() && code.get(stepStart) == Op.I32_ADD_IMM
                && code.get(stepStart + 1) == x && labelPc != code.size();
    }

    /**
     * Replaces the addition before the current pc with one instruction that adds and then branches on comparison k
     * against b. Marks inside the addition's place go: the fused instruction reports the addition's offset.
     */
    private void stepAndBranch(int k, int b, boolean imm) {
        int dst = code.get(stepStart + 1);
        int a = code.get(stepStart + 2);
        int step = code.get(stepStart + 3);
        int start = stepStart;
        truncate(start);
        int keep = mapPc.size();
        while (keep > 0 && mapPc.get(keep - 1) > start) {
            keep--;
        }
        keepMarks(keep);
        emit(imm ? Op.INC_BR_CMP_IMM : Op.INC_BR_CMP, dst, a, step, k, b, 0);
    }

    /**
     * Removes the pending comparison's code so a fused branch can replace it. The comparison's own mark (at its
     * start) stays, so the fused branch reports the comparison's offset; later marks pointed into removed code.
     */
    private void takeBackCompare() {
        truncate(cmp.start);
        keepMarks(cmp.marks);
        cmp.clear();
    }

    /** {@code if} on a comparison just emitted: branch to the else arm when the comparison is false. */
    private void fuseIntoIf(int h, Label l) {
        int fused = cmp.fusedOp(true);
        int a = cmp.a;
        int b = cmp.b;
        takeBackCompare();
        maxHeight = Math.max(maxHeight, h + 1);
        materializeAll(h);
        emit(fused, a, b, 0);
        l.elsePatch = code.size() - 1;
    }
}
