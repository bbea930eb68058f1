package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.FunctionValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * A function translator's header copies (ARCHITECTURE.md "Header copies"; off unless {@link HeaderCopy#enabled}):
 * it records a dispatch loop's header as the translator emits it, and at the start of each later chunk inside the
 * loop emits a copy of it (and of block tails that lead straight back to it), so back-edges from that chunk dispatch
 * in place instead of leaving for the header's chunk. The tails alone are copied by default (ARCHITECTURE.md "Tail
 * copies", {@link LoopJoins#tailsAlone}).
 */
final class HeaderCopies implements Opcodes {
    /** Upper bound of one tail step's bytes, as the chunking rule's default worst case. */
    private static final int TAIL_STEP_BYTES = 48;

    private final FunctionTranslator t;
    private final boolean enabled = HeaderCopy.enabled();
    /** The header of the innermost loop being recorded, and that loop. */
    private HeaderCopy recording;
    private Control recordingLoop;
    /** The current chunk holds header copies and no instruction yet; the chunk after it then gets no copies. */
    private boolean onlyCopies;
    private boolean noCopies;
    /** Block ends that lead straight back to a loop header (from the pre-pass; null without one). */
    LoopJoins joins;
    /** The entry switch in front of a case chunk's one header copy ({@link ReducibleCopies}). */
    final ReducibleCopies reducible = new ReducibleCopies();
    private final boolean reducibleEnabled = ReducibleCopies.enabled();
    /** A header copy was recorded, and one was emitted ({@link CopyLimit}). */
    boolean recorded;
    boolean used;

    HeaderCopies(FunctionTranslator t) {
        this.t = t;
    }

    /** A block tail copied at a chunk's start: the block, its path back, and the loop it leads to. */
    private record JoinTail(Control block, LoopJoins.Tail tail, Control loop) {
    }

    /** A loop was opened: its header is recorded from here, where a copy of it could be used. */
    void loopOpened(Control c) {
        if (enabled && !t.typed && !t.simd.wide()) {
            recording = new HeaderCopy(t.chunk, t.e.mv.bytes);
            recordingLoop = c;
        }
    }

    /** Adds the instruction to the header being recorded, or ends the recording if a copy could not repeat it. */
    void instruction(int op, int moduleOffset, int h, FunctionValidator v, boolean reachable) {
        if (recording == null) {
            return;
        }
        boolean keep = reachable && (op == 0x02 ? v.frame(0).branchArity() == 0 && v.frame(0).results.length == 0
                : op == 0x0E || HeaderCopy.plain(op));
        if (!keep) {
            recording = null;
        } else if (op != 0x02 && op != 0x0E) {
            recording.steps.add(new HeaderCopy.Step(op, moduleOffset, h, v.immA, v.immL));
        }
    }

    /** An instruction of the function's own went into the chunk. */
    void instructionEmitted() {
        onlyCopies = false;
    }

    /**
     * The chunk is cut: one that could not take one instruction beside its copies makes the next go without, so
     * translation makes progress.
     */
    void cut() {
        noCopies = onlyCopies;
    }

    /** A br_table was emitted: when it ends a recorded header, its loop gets copies if the targets allow them. */
    void brTableEmitted(FunctionValidator v, int h) {
        HeaderCopy r = recording;
        if (r == null) {
            return;
        }
        recording = null;
        if (r.chunk != t.chunk || v.brCount > FunctionTranslator.DIRECT_BR_TABLE) {
            return;
        }
        Control[] targets = new Control[v.brCount + 1];
        for (int i = 0; i <= v.brCount; i++) {
            Control target = t.controls.get(t.controls.size() - 1 - v.brTargets[i]);
            if (target.kind == Control.FUNC || target.arity != 0) {
                return;
            }
            targets[i] = target;
        }
        r.finish(h, targets, t.e.mv.bytes);
        recordingLoop.copy = r;
        recorded = true;
        for (Control target : targets) {
            // A copy in a later chunk leaves for the end of a block closed by then: that end must be an entry.
            if (target.kind != Control.LOOP) {
                t.wanted.add(target.targetId());
            }
        }
    }

    /** A block's end is reached in this chunk: branches so far went to its tail's copy; the end itself is here. */
    static void endReached(Control c) {
        if (c.copied) {
            c.label = new Label();
            c.copied = false;
        }
    }

    /**
     * At a chunk's start, before its body: the copies of the open loops' headers and tails that fit. A tail is also
     * copied without its loop's header ({@link LoopJoins#tailsAlone}): its branch back then leaves once, for the
     * header's chunk, instead of through the tail's own chunk first.
     */
    void emitAtChunkStart() {
        boolean copyHere = !noCopies;
        noCopies = false;
        reducible.startChunk();
        // Labels first: a header copy's table may jump to a block whose label names its tail's copy.
        int left = t.size.copyAllowance(copyHere ? wholeCopies() : 0);
        List<Control> headers = new ArrayList<>();
        for (Control c : t.controls) {
            if (copyHere && !c.dead && c.copy != null && c.copy.bound <= left) {
                left -= c.copy.bound;
                nameCopy(c);
                headers.add(c);
            }
        }
        List<JoinTail> tails = new ArrayList<>();
        List<Control> returning = new ArrayList<>();
        for (Control c : t.controls) {
            LoopJoins.Tail tail = joins != null && !c.dead && c.kind == Control.BLOCK && c.arity == 0
                    ? joins.tail(c.openOffset) : null;
            if (tail != null && tail.returning()) {
                returning.add(c);
                continue;
            }
            Control loop = tail == null ? null : copiedLoop(tail.loopOffset());
            if (loop == null && tail != null && copyHere && LoopJoins.tailsAlone()) {
                loop = openLoop(tail.loopOffset());
            }
            int bound = tail == null ? 0 : tailBound(tail);
            if (loop != null && bound <= left) {
                left -= bound;
                nameCopy(c);
                tails.add(new JoinTail(c, tail, loop));
            }
        }
        // Tails that return come after those that lead back to a loop, whose copies save a crossing each iteration.
        for (Control c : returning) {
            LoopJoins.Tail tail = joins.tail(c.openOffset);
            int bound = tailBound(tail);
            if (copyHere && !t.simd.wide() && bound <= left) {
                left -= bound;
                nameCopy(c);
                tails.add(new JoinTail(c, tail, null));
            }
        }
        for (Control c : headers) {
            emitCopy(c, reducibleEnabled && headers.size() == 1);
        }
        for (JoinTail j : tails) {
            emitTail(j.block(), j.tail(), j.loop());
        }
        if (!headers.isEmpty()) {
            // Copies count as code: the next instruction must fit beside them, else it starts a chunk of its own.
            t.chunkHasCode = true;
            onlyCopies = true;
        }
    }

    /**
     * The bytes this chunk's copies take when every open loop's header copy and every tail that leads back to such a
     * loop are copied whole: what {@link ChunkBudget#copyAllowance(int)} lets a dispatch loop's chunk spend.
     */
    private int wholeCopies() {
        if (!enabled || joins == null) {
            return 0;
        }
        int bytes = 0;
        for (Control c : t.controls) {
            if (!c.dead && c.copy != null) {
                bytes += c.copy.bound;
            }
        }
        if (bytes == 0) {
            return 0;
        }
        for (Control c : t.controls) {
            LoopJoins.Tail tail = !c.dead && c.kind == Control.BLOCK && c.arity == 0 ? joins.tail(c.openOffset) : null;
            if (tail != null && !tail.returning() && copiedHeader(tail.loopOffset())) {
                bytes += tailBound(tail);
            }
        }
        return bytes;
    }

    /** Whether an open loop at {@code moduleOffset} has a recorded header copy. */
    private boolean copiedHeader(int moduleOffset) {
        for (Control c : t.controls) {
            if (c.kind == Control.LOOP && c.openOffset == moduleOffset && !c.dead && c.copy != null && c.arity == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of the header, which the loop's label in this chunk now names, so back-edges run it instead of leaving
     * for the header's chunk. A target still open is reached through its label here (placed later in this chunk, or
     * an exit); one closed already ended in an earlier chunk, whose entry {@link #brTableEmitted} asked for.
     */
    private void emitCopy(Control c, boolean entryTest) {
        Emit e = t.e;
        HeaderCopy h = c.copy;
        used = true;
        e.mv.visitLabel(c.label);
        if (entryTest) {
            reducible.emitTest(e, c);
        }
        t.pollExits.poll(c.targetId(), -1);
        replay(h.steps);
        e.ldI(t.opSlot(h.tableHeight - 1));
        Map<Control, Label> stubs = new LinkedHashMap<>();
        Label[] byIndex = new Label[h.targets.length];
        for (int i = 0; i < h.targets.length; i++) {
            byIndex[i] = stubs.computeIfAbsent(h.targets[i], x -> new Label());
        }
        e.mv.visitTableSwitchInsn(0, byIndex.length - 2, byIndex[byIndex.length - 1],
                Arrays.copyOf(byIndex, byIndex.length - 1));
        for (var stub : stubs.entrySet()) {
            Control target = stub.getKey();
            e.mv.visitLabel(stub.getValue());
            if (t.controls.contains(target)) {
                e.mv.visitJumpInsn(GOTO, target.label);
                target.labelUsed = true;
            } else {
                t.exitTo(target.targetId());
            }
        }
    }

    /** From here on, the control's label in this chunk names a copy that {@link #emitAtChunkStart} emits. */
    private static void nameCopy(Control c) {
        c.label = new Label();
        c.labelPlaced = true;
        c.copied = true;
    }

    /** An open loop without parameters whose header this chunk copied, at {@code moduleOffset}; else null. */
    private Control copiedLoop(int moduleOffset) {
        for (Control c : t.controls) {
            if (c.kind == Control.LOOP && c.openOffset == moduleOffset && !c.dead && c.copied && c.arity == 0) {
                return c;
            }
        }
        return null;
    }

    /** An open loop without parameters at {@code moduleOffset}, its header in an earlier chunk; else null. */
    private Control openLoop(int moduleOffset) {
        for (Control c : t.controls) {
            if (c.kind == Control.LOOP && c.openOffset == moduleOffset && !c.dead && c.arity == 0) {
                return c;
            }
        }
        return null;
    }

    /**
     * Upper bound of a tail copy's bytes. A straight tail counts the chunking rule's default worst case for each
     * step; one with branches ({@link LoopJoins#branches}) counts what each step can emit: a local or a constant
     * only its later store (a wide constant and a wide local's store, 8), a numeric operation its operands' loads,
     * the operation and its result's store (24), a memory access or trapping operation its trap site too (48), a
     * block's end or a branch a pending condition's materialization or jump (16); and the exit at its end (an
     * entry id's constant and a jump, 6, with the final flush of nothing pending).
     */
    static int tailBound(LoopJoins.Tail tail) {
        if (tail.returning()) {
            // The chunking rule's worst case for each step (a global.set's context, index and field store
            // included), and the return's result moves: a stack reload and a store each, 12 at most.
            int results = tail.steps().get(tail.steps().size() - 1).height();
            return TAIL_STEP_BYTES * tail.steps().size() + 8 + 12 * results;
        }
        if (!tail.conditional() && tail.steps().size() <= LoopJoins.MAX_STEPS
                && tail.steps().stream().allMatch(s -> HeaderCopy.plain(s.op()))) {
            return TAIL_STEP_BYTES * tail.steps().size() + 8;
        }
        int bytes = 16;
        for (HeaderCopy.Step s : tail.steps()) {
            int op = s.op();
            bytes += op == 0x20 || op == 0x21 || op == 0x22 || (op >= 0x41 && op <= 0x44) ? 8
                    : op == 0x02 || op == 0x0B || op == 0x0D ? 16
                    : MemoryOps.isLoad(op) || MemoryOps.isStore(op) || NumericOps.traps(op) ? 48 : 24;
        }
        return bytes;
    }

    /**
     * A copy of the code after block {@code b}'s end up to its branch back to {@code loop}, which the block's label
     * in this chunk now names; it goes on to the loop's header copy, or without one leaves for the header's chunk
     * (an exit the chunk's end emits for the loop's unplaced label). A tail that ends in a {@code br_if} to the loop
     * leaves the copy when it is not taken, for the instruction after it (an entry {@link FunctionTranslator} makes
     * there). The block's own end, if this chunk reaches it, gets a fresh label ({@link #endReached}).
     */
    private void emitTail(Control b, LoopJoins.Tail tail, Control loop) {
        t.e.mv.visitLabel(b.label);
        replay(tail.steps(), loop);
        if (tail.returning()) {
            // The last step returned from the function.
            return;
        }
        if (tail.conditional()) {
            int id = EntryIds.of(tail.continuation(), EntryIds.AT);
            t.wanted.add(id);
            t.exitTo(id);
        } else {
            t.e.mv.visitJumpInsn(GOTO, loop.label);
        }
        loop.labelUsed = true;
    }

    /** Emits recorded plain instructions as the translator's {@code instruction} would, pending values included. */
    private void replay(List<HeaderCopy.Step> steps) {
        replay(steps, null);
    }

    /**
     * Emits recorded instructions as the translator's {@code instruction} would, pending values included: plain
     * ones, and in a tail with branches stores, selects, blocks (labels of the copy's own) and {@code br_if}s to them
     * or, the last, to {@code loop}.
     */
    private void replay(List<HeaderCopy.Step> steps, Control loop) {
        Emit e = t.e;
        List<Label> blocks = new ArrayList<>();
        for (HeaderCopy.Step s : steps) {
            int op = s.op();
            t.need = s.height() + 1;
            t.noteHeight(t.need);
            // As instruction() does: a condition or result the step reads stays pending, anything else is stored.
            e.pending.beforeInstruction(op, true, t.opSlot(s.height()), t.stackResults);
            // As instruction() does: local.tee is the one such instruction that does not keep pending values.
            boolean keeps = PendingValues.keeps(op);
            if (!keeps) {
                e.pending.flushValues();
            }
            switch (op) {
                case 0x02 -> blocks.add(new Label());
                case 0x0B -> e.mv.visitLabel(blocks.remove(blocks.size() - 1));
                case 0x0D -> {
                    int jump = t.condition(t.opSlot(s.height()) - 1);
                    Label to = s.immA() < blocks.size() ? blocks.get(blocks.size() - 1 - s.immA()) : loop.label;
                    e.mv.visitJumpInsn(jump, to);
                }
                case 0x0F -> t.returnFrom(s.height());
                default -> t.copiedStep(op, s.moduleOffset(), s.height(), s.immA(), s.immL());
            }
            if (keeps) {
                e.pending.dropFrom(t.opSlot(PendingValues.heightAfter(op, s.height())));
            }
        }
        // The branch after the steps is no instruction that keeps pending values.
        e.pending.flush();
    }
}
