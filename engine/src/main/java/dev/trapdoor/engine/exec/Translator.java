package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.FunctionValidator.Frame;
import dev.trapdoor.engine.validate.ModuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a validated function body into slot-addressed code while the validator walks it. Operand-stack
 * position {@code h} lives in frame slot {@code localCount + h}; branches are resolved to target pcs here, with the
 * moves of carried values emitted before the jump, so nothing about blocks exists at run time. Unreachable code is
 * not emitted.
 */
final class Translator implements CodeSink {
    private final WasmModule module;
    private final IntList code = new IntList();
    private final IntList mapPc = new IntList();
    private final IntList mapOffset = new IntList();
    private final List<Label> labels = new ArrayList<>();
    private int locals;
    private int maxHeight;

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
        t.labels.add(new Label());
        v.validate(funcIndex, module.body(funcIndex));
        return new CompiledFunction(t.code.toArray(), type.paramCount(), t.locals, type.resultCount(),
                t.locals + t.maxHeight + 1, t.mapPc.toArray(), t.mapOffset.toArray());
    }

    private int slot(int height) {
        return locals + height;
    }

    private void mark(int moduleOffset) {
        int n = mapPc.size();
        if (n > 0 && mapOffset.get(n - 1) == moduleOffset) {
            return;
        }
        if (n > 0 && mapPc.get(n - 1) == code.size()) {
            mapOffset.set(n - 1, moduleOffset);
            return;
        }
        mapPc.add(code.size());
        mapOffset.add(moduleOffset);
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
        switch (op) {
            case 0x02, 0x03, 0x04 -> {
                openBlock(op, moduleOffset, v);
                return;
            }
            case 0x05 -> {
                Label l = labels.get(labels.size() - 1);
                if (!l.dead) {
                    if (v.live()) {
                        mark(moduleOffset);
                        emit(Op.BR, 0);
                        l.patches.add(code.size() - 1);
                    }
                    code.set(l.elsePatch, code.size());
                    l.elsePatch = -1;
                }
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
        mark(moduleOffset);
        int top = slot(h - 1);
        int second = slot(h - 2);
        if (op >= 0x45 && op <= 0xC4) {
            if (Op.isUnary(op)) {
                emit(op, top, top);
            } else {
                emit(op, second, second, top);
            }
            return;
        }
        if (op >= 0x28 && op <= 0x35) {
            emit(op, top, top, (int) v.immL);
            return;
        }
        if (op >= 0x36 && op <= 0x3E) {
            emit(op, second, top, (int) v.immL);
            return;
        }
        switch (op) {
            case 0x00 -> emit(Op.UNREACHABLE);
            case 0x01, 0x1A -> {
            }
            case 0x0C -> jump(v, v.immA, h);
            case 0x0D -> brIf(v, h);
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
            case 0x1B, 0x1C -> emit(Op.SELECT, slot(h - 3), second, top);
            case 0x20 -> emit(Op.COPY, slot(h), v.immA);
            case 0x21, 0x22 -> emit(Op.COPY, v.immA, top);
            case 0x23 -> emit(Op.GLOBAL_GET, slot(h), v.immA);
            case 0x24 -> emit(Op.GLOBAL_SET, v.immA, top);
            case 0x25 -> emit(Op.TABLE_GET, top, v.immA, top);
            case 0x26 -> emit(Op.TABLE_SET, v.immA, second, top);
            case 0x3F -> emit(Op.MEMORY_SIZE, slot(h));
            case 0x40 -> emit(Op.MEMORY_GROW, top, top);
            case 0x41, 0x43 -> emit(Op.CONST32, slot(h), (int) v.immL);
            case 0x42, 0x44 -> emit(Op.CONST64, slot(h), (int) v.immL, (int) (v.immL >>> 32));
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
        if (op == 0x03) {
            l.loopStart = code.size();
        } else if (op == 0x04) {
            mark(moduleOffset);
            maxHeight = Math.max(maxHeight, f.height + f.params.length + 1);
            emit(Op.BR_UNLESS, slot(f.height + f.params.length), 0);
            l.elsePatch = code.size() - 1;
        }
    }

    private void closeBlock(int moduleOffset, FunctionValidator v) {
        Label l = labels.remove(labels.size() - 1);
        if (l.dead) {
            return;
        }
        if (labels.isEmpty()) {
            if (v.live()) {
                mark(moduleOffset);
                returnSequence(v.height(), v.resultCount());
            }
            return;
        }
        int here = code.size();
        if (l.elsePatch >= 0) {
            code.set(l.elsePatch, here);
        }
        for (int i = 0; i < l.patches.size(); i++) {
            code.set(l.patches.get(i), here);
        }
    }

    private void brIf(FunctionValidator v, int h) {
        int cond = slot(h - 1);
        int depth = v.immA;
        if (plainJump(v, depth, h - 1)) {
            Label target = labels.get(labels.size() - 1 - depth);
            emit(target.loopStart >= 0 ? Op.BR_IF_BACK : Op.BR_IF, cond, 0);
            targetOf(depth, code.size() - 1);
            return;
        }
        emit(Op.BR_UNLESS, cond, 0);
        int skip = code.size() - 1;
        jump(v, depth, h - 1);
        code.set(skip, code.size());
    }

    private void brTable(FunctionValidator v, int h, int moduleOffset) {
        int index = slot(h - 1);
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
                mark(moduleOffset);
                code.set(tableStart + i, code.size());
                jump(v, depth, h - 1);
            }
        }
    }
}
