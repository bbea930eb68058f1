package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.FunctionValidator.Frame;

/**
 * The translator's part for structured control: opening and closing blocks, loops and ifs, and the conditional and
 * table branches. Branch targets resolve to pcs here ({@link Translator.Label} collects the jumps that wait for a
 * block's end), so nothing about blocks exists at run time; a loop header is listed for on-stack replacement.
 */
final class BlockTranslation {
    private BlockTranslation() {
    }

    static void open(Translator t, int op, int moduleOffset, FunctionValidator v) {
        Frame f = v.frame(0);
        Translator.Label l = new Translator.Label();
        l.dead = f.dead;
        t.labels.add(l);
        if (l.dead) {
            return;
        }
        int h = f.height + f.params.length;
        if (t.exact && op != 0x04) {
            // The instruction itself is a stop; a branch back to a loop goes past it, to the loop's body.
            t.mark(moduleOffset, h);
            t.nop();
        } else if (t.startsBlock) {
            t.blockStart(moduleOffset, op == 0x04 ? h + 1 : h);
            // Nothing before it may be taken back into a fused instruction now.
            t.label();
        }
        if (op == 0x03) {
            t.materializeAll(h);
            if (t.recordBlocks && t.code.size() == t.blockPc) {
                // The loop's body starts a block of its own, which branches back to it count.
                t.nop();
            }
            l.loopStart = t.code.size();
            // Nested loops that start together share the header pc; each is listed, so that a compiled frame
            // leaving at any loop's header finds its pc here.
            t.loopPcs.add(t.code.size());
            t.loopOffsets.add(moduleOffset);
            t.label();
        } else if (op == 0x04) {
            if (!t.exact && t.fusions.fusable(h)) {
                t.fusions.fuseIntoIf(h, l);
                return;
            }
            t.mark(moduleOffset, h + 1);
            t.maxHeight = Math.max(t.maxHeight, h + 1);
            t.materializeAll(h);
            t.emit(Op.BR_UNLESS, t.operand(h), 0);
            t.aliases.clear(h);
            l.elsePatch = t.code.size() - 1;
        } else {
            t.materializeAll(h);
        }
    }

    /** {@code else}: the then-arm jumps to the if's end, and the else arm starts where the if's false branch goes. */
    static void elseArm(Translator t, int moduleOffset, FunctionValidator v, int h) {
        Translator.Label l = t.labels.get(t.labels.size() - 1);
        if (!l.dead) {
            if (v.live()) {
                if (t.startsBlock) {
                    t.blockStart(moduleOffset, h);
                } else {
                    t.mark(moduleOffset, h);
                }
                t.materializeAll(h);
                t.emit(Op.BR, 0);
                l.patches.add(t.code.size() - 1);
            }
            if (t.startsBlock && !v.live() && t.code.size() == t.blockPc) {
                t.nop();
            }
            t.code.set(l.elsePatch, t.code.size());
            l.elsePatch = -1;
            t.label();
            if (t.exact && t.mapOffset.get(t.mapOffset.size() - 1) != moduleOffset) {
                // The then-arm never falls through: the else arm's entry is where else stops.
                t.mark(moduleOffset, v.frame(0).height);
                t.nop();
            } else if (t.startsBlock && !v.live()) {
                t.mark(moduleOffset, v.frame(0).height);
                t.blockPc = t.code.size();
            }
        }
        t.clearAliases();
    }

    static void close(Translator t, int moduleOffset, FunctionValidator v) {
        Translator.Label l = t.labels.remove(t.labels.size() - 1);
        if (l.dead) {
            return;
        }
        if (t.labels.isEmpty()) {
            if (v.live()) {
                if (t.startsBlock) {
                    t.blockStart(moduleOffset, v.height());
                } else {
                    t.mark(moduleOffset, v.height());
                }
                t.returnSequence(v.height(), v.resultCount());
            } else if (t.startsBlock) {
                // The exact code has a block here (below): so does a recording's.
                t.blockStart(moduleOffset, v.height());
                t.emit(Op.UNREACHABLE);
            } else if (t.exact) {
                // Never reached (branches to the function's t.label return by themselves), but still a location.
                t.mark(moduleOffset, v.height());
                t.emit(Op.UNREACHABLE);
            }
            return;
        }
        if (v.live()) {
            t.materializeAll(v.height());
        }
        t.clearAliases();
        if (t.startsBlock) {
            t.blockStart(moduleOffset, v.height());
        }
        int here = t.code.size();
        if (t.exact) {
            // Branches to the block arrive at its end too, so end is a stop on every path out of the block.
            t.mark(moduleOffset, v.height());
            t.nop();
        }
        t.label();
        if (l.elsePatch >= 0) {
            t.code.set(l.elsePatch, here);
        }
        for (int i = 0; i < l.patches.size(); i++) {
            t.code.set(l.patches.get(i), here);
        }
    }

    static void brIf(Translator t, FunctionValidator v, int h) {
        int depth = v.immA;
        if (!t.exact && t.plainJump(v, depth, h - 1) && v.frame(depth).branchArity() == 0 && t.fusions.fusable(h - 1)) {
            int fused = t.cmp.fusedOp(false);
            int a = t.cmp.a;
            int b = t.cmp.b;
            boolean imm = t.cmp.imm;
            t.fusions.takeBackCompare();
            if (t.fusions.stepFolds(a)) {
                t.fusions.stepAndBranch(fused - (imm ? Op.BR_CMP_IMM : Op.BR_CMP), b, imm);
            } else {
                t.emit(fused, a, b, 0);
            }
            t.targetOf(depth, t.code.size() - 1);
            return;
        }
        int tested = t.aliases.get(h - 1) >= 0 ? t.aliases.get(h - 1)
                : t.aliases.get(h - 1) == OperandAliases.NONE ? t.slot(h - 1) : -1;
        if (!t.exact && t.plainJump(v, depth, h - 1) && v.frame(depth).branchArity() == 0 && tested >= 0
                && t.fusions.stepFolds(tested)) {
            t.aliases.clear(h - 1);
            t.fusions.stepAndBranch(1, 0, true);
            t.targetOf(depth, t.code.size() - 1);
            return;
        }
        int cond = t.operand(h - 1);
        if (t.plainJump(v, depth, h - 1)) {
            // The carried values are already at the target's height, but they must be in their slots, not t.aliases.
            int arity = v.frame(depth).branchArity();
            for (int i = h - 1 - arity; i < h - 1; i++) {
                t.materialize(i);
            }
            Translator.Label target = t.labels.get(t.labels.size() - 1 - depth);
            t.emit(target.loopStart >= 0 ? Op.BR_IF_BACK : Op.BR_IF, cond, 0);
            t.targetOf(depth, t.code.size() - 1);
            return;
        }
        // Copies for the taken path must not leave the fall-through path with t.aliases it never materialized.
        t.materializeAll(h - 1);
        t.emit(Op.BR_UNLESS, cond, 0);
        int skip = t.code.size() - 1;
        t.jump(v, depth, h - 1);
        t.code.set(skip, t.code.size());
        t.label();
    }

    static void brTable(Translator t, FunctionValidator v, int h, int moduleOffset) {
        int index = t.slot(h - 1);
        // (All t.aliases were materialized before this instruction.)
        int n = v.brCount;
        t.emit(Op.BR_TABLE, index, n);
        int tableStart = t.code.size();
        for (int i = 0; i <= n; i++) {
            t.emit(0);
        }
        int[] targets = v.brTargets.clone();
        for (int i = 0; i <= n; i++) {
            int depth = targets[i];
            // A loop target goes through BR_BACK, whose poll lets a pause or time limit stop a br_table loop.
            if (t.plainJump(v, depth, h - 1) && t.labels.get(t.labels.size() - 1 - depth).loopStart < 0) {
                t.targetOf(depth, tableStart + i);
            } else {
                t.mark(moduleOffset, h);
                t.code.set(tableStart + i, t.code.size());
                t.label();
                t.jump(v, depth, h - 1);
            }
        }
    }
}
