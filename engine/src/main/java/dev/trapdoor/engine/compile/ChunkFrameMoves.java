package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;

/**
 * The ends of a chunk method that move its frame between JVM locals and the value stack: the spill block every exit
 * and trap handler runs (written slots out), and the prologue every entry runs (used slots in, then a switch on the
 * entry id). Emitted after the body, when the chunk knows which slots it used and wrote.
 */
final class ChunkFrameMoves implements Opcodes {
    private final FunctionTranslator t;

    ChunkFrameMoves(FunctionTranslator t) {
        this.t = t;
    }

    /** The spill block's trap-copy label and the slots the chunk used (what the prologue fills). */
    record Spilled(Label stores, java.util.BitSet slots) {
    }

    /** Emits the spill block and the exits' returns. */
    Spilled spillBlock() {
        Emit e = t.e;
        // Slots this chunk never touched still hold their values in the value stack: only used ones move in, and
        // only written ones move out.
        java.util.BitSet slots = (java.util.BitSet) e.used.clone();
        java.util.BitSet written = (java.util.BitSet) e.written.clone();
        if (t.chunk == 0) {
            // The prologue (emitted last) sets the declared locals this chunk uses: the value stack has garbage there.
            java.util.BitSet declaredLocals = (java.util.BitSet) slots.clone();
            declaredLocals.clear(0, t.type.paramCount());
            declaredLocals.clear(t.nLocals, Integer.MAX_VALUE);
            written.or(declaredLocals);
        }
        java.util.BitSet exitDead = t.deadLocals(t.exitIds);
        // A trap copy needs them all: a frame deoptimized at a call (a Wasm exception passing through) resumes after
        // it in the interpreter, where a local dead at every exit of the chunk may still be read.
        java.util.BitSet trapOnly = new java.util.BitSet();
        if (exitDead != null) {
            trapOnly = (java.util.BitSet) written.clone();
            trapOnly.and(exitDead);
            written.andNot(exitDead);
        }
        boolean trapCopy = t.sites.copies();
        if (trapCopy && !t.typed) {
            trapOnly = LiveCallCopies.trapOnly(t, written, trapOnly, exitDead != null || t.exitIds.isEmpty());
        }
        Label stores = new Label();
        if (t.typed && (t.spillUsed || trapCopy) && TypedExit.possible(e, written, trapOnly)) {
            if (t.spillUsed) {
                e.mv.visitLabel(t.spill);
                e.mv.visitVarInsn(ISTORE, Emit.ENTRY);
                // The helper reads the value stack itself (a typed call may have grown it since the entry).
                e.mv.visitInsn(ACONST_NULL);
                e.mv.visitVarInsn(ASTORE, Emit.S);
            }
            e.mv.visitLabel(stores);
            TypedExit.call(e, written, trapOnly);
            TypedExit.emit(t.parts.writer(t.chunk / ClassParts.CHUNKS_PER_CLASS), e.className, written, trapOnly);
            return new Spilled(stores, slots);
        }
        if (t.spillUsed && trapCopy && !trapOnly.isEmpty() && TrapCopyApart.on()) {
            TrapCopyApart.emit(t, stores, written, trapOnly);
            return new Spilled(stores, slots);
        }
        if (t.spillUsed) {
            e.mv.visitLabel(t.spill);
            e.mv.visitVarInsn(ISTORE, Emit.ENTRY);
            // A typed call may have grown the value stack since the chunk last read it.
            e.reloadStack();
        }
        if (t.spillUsed || trapCopy) {
            e.mv.visitLabel(stores);
            for (int i = written.nextSetBit(0); i >= 0; i = written.nextSetBit(i + 1)) {
                e.spill(i);
            }
        }
        if (trapCopy) {
            Label exit = new Label();
            if (t.spillUsed) {
                e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
                e.iconst(Sites.TRAPPED);
                e.mv.visitJumpInsn(IF_ICMPNE, exit);
            }
            for (int i = trapOnly.nextSetBit(0); i >= 0; i = trapOnly.nextSetBit(i + 1)) {
                e.spill(i);
            }
            Sites.throwOrReturn(e, t.typed);
            e.mv.visitLabel(exit);
        }
        if (t.spillUsed) {
            e.high.spillUsed();
            if (t.typed) {
                // The chunk method takes the frame from here on; its return leaves the result in the value stack.
                e.context();
                e.mv.visitVarInsn(ILOAD, Emit.FP);
                e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
                e.mv.visitVarInsn(ILOAD, e.slackLocal);
                e.rt("exitTyped", "(" + RuntimeNames.CONTEXT_DESC + "III)J");
                e.mv.visitInsn(LRETURN);
            } else {
                e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
                e.mv.visitInsn(IRETURN);
            }
        }
        return new Spilled(stores, slots);
    }

    /** The entries' common start, emitted last: fill what the chunk uses, then switch on the entry id. */
    void prologue(java.util.BitSet slots) {
        Emit e = t.e;
        e.mv.visitLabel(t.prologue);
        if (t.typed) {
            typedPrologue(slots);
            return;
        }
        e.reloadStack();
        if (t.hasMemory) {
            e.reloadMemory();
        }
        Label resume = new Label();
        if (t.chunk == 0) {
            e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
            e.mv.visitJumpInsn(IFNE, resume);
            for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
                if (i < t.type.paramCount()) {
                    e.fill(i);
                } else {
                    // Declared reference locals start null, everything else 0.
                    e.zero(i, i < t.nLocals && t.declared[i - t.type.paramCount()].isRef());
                }
            }
            t.simd.startOfFunction();
            e.mv.visitJumpInsn(GOTO, t.body);
        }
        e.mv.visitLabel(resume);
        java.util.List<Integer> ids = new ArrayList<>();
        for (Object[] entry : t.chunkEntries) {
            ids.add((Integer) entry[0]);
        }
        java.util.BitSet entryDead = t.deadLocals(ids);
        java.util.BitSet live = (java.util.BitSet) slots.clone();
        if (entryDead != null) {
            live.andNot(entryDead);
        }
        EntryFills perEntry = EntryFills.plan(t, live, ids);
        for (int i = slots.nextSetBit(0); i >= 0; i = slots.nextSetBit(i + 1)) {
            if (perEntry != null ? !perEntry.common.get(i) : entryDead != null && entryDead.get(i)) {
                // Written before it is read from every entry: any value does, and the verifier wants one.
                e.zero(i, false);
            } else {
                e.fill(i);
            }
        }
        e.high.fillUsed();
        t.copies.reducible.beforeSwitch(e);
        if (t.dense != null && !t.chunkEntries.isEmpty()) {
            denseSwitch(perEntry);
            return;
        }
        t.chunkEntries.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
        int[] keys = new int[t.chunkEntries.size()];
        Label[] targets = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (Integer) t.chunkEntries.get(i)[0];
            targets[i] = target(perEntry, t.chunkEntries.get(i));
        }
        Label bad = new Label();
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        // (An after-call id never enters a chunk: the chunk loop hands it to the interpreter.)
        e.mv.visitLookupSwitchInsn(bad, keys, targets);
        badEntry(bad, perEntry);
    }

    private static Label target(EntryFills perEntry, Object[] entry) {
        return perEntry == null ? (Label) entry[1] : perEntry.target((Integer) entry[0], (Label) entry[1]);
    }

    /** The switch's default (a number no entry of this chunk takes), then the per-entry fills' stubs. */
    private void badEntry(Label bad, EntryFills perEntry) {
        Emit e = t.e;
        e.mv.visitLabel(bad);
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.rt("badEntry", "(I)Ljava/lang/RuntimeException;");
        e.mv.visitInsn(ATHROW);
        if (perEntry != null) {
            perEntry.emitStubs(e, t.chunkEntries);
        }
    }

    /** The entry switch on dense numbers: the chunk's entries are one run of them, made in order. */
    private void denseSwitch(EntryFills perEntry) {
        Emit e = t.e;
        int first = (Integer) t.chunkEntries.get(0)[2];
        Label[] targets = new Label[t.chunkEntries.size()];
        for (int i = 0; i < targets.length; i++) {
            if ((Integer) t.chunkEntries.get(i)[2] != first + i) {
                throw new IllegalStateException("chunk " + t.chunk + "'s entries are not numbered in one run");
            }
            targets[i] = target(perEntry, t.chunkEntries.get(i));
        }
        Label bad = new Label();
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.mv.visitTableSwitchInsn(first, first + targets.length - 1, bad, targets);
        badEntry(bad, perEntry);
    }

    /** The typed entry's start: count the frame (which may grow the value stack), then zero the declared locals. */
    private void typedPrologue(java.util.BitSet slots) {
        Emit e = t.e;
        // The depth slack arrives where a chunk's entry id does, which the exits reuse: it moves to a local of its own.
        e.mv.visitVarInsn(ILOAD, Emit.ENTRY);
        e.mv.visitVarInsn(ISTORE, e.slackLocal);
        e.takeTypedArgs(t.type.paramCount());
        e.interpreter();
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        e.iconst(t.typedFrameSize);
        e.mv.visitVarInsn(ILOAD, e.slackLocal);
        e.rt("enterTyped", "(L" + RuntimeNames.INTERPRETER + ";III)V");
        // The value stack is read where it is used. Memory 0: in the short convention no caller passes it; in the
        // long one a caller of this instance does, others pass 0.
        if (t.hasMemory && TypedCalls.SHORT) {
            e.reloadMemory();
        } else if (t.hasMemory) {
            Label passed = new Label();
            e.mv.visitVarInsn(LLOAD, Emit.MEM);
            e.mv.visitInsn(LCONST_0);
            e.mv.visitInsn(LCMP);
            e.mv.visitJumpInsn(IFNE, passed);
            e.reloadMemory();
            e.mv.visitLabel(passed);
        }
        for (int i = slots.nextSetBit(t.type.paramCount()); i >= 0; i = slots.nextSetBit(i + 1)) {
            e.zero(i, i < t.nLocals && t.declared[i - t.type.paramCount()].isRef());
        }
        t.simd.startOfFunction();
        e.mv.visitJumpInsn(GOTO, t.body);
    }
}
