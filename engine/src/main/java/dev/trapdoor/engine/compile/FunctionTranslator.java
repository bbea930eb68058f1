package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.CodeSink;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.GcRefUses;
import dev.trapdoor.engine.validate.WideAccesses;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates one function body, as the validator walks it, into chunk methods of at most {@code budget} bytes.
 *
 * <p>The bounded-translation rule: before each instruction the translator adds that instruction's worst-case size to
 * what the chunk holds plus what its epilogue will need (entry loads, the spill block, trap handlers, exit stubs). If
 * the sum passes the budget, the chunk ends at the last complete instruction with an exit that spills the frame to
 * the value stack and returns the entry id of the next instruction; the next chunk starts there. A chunk always holds
 * at least one instruction, so translation makes progress under any budget.
 */
final class FunctionTranslator implements CodeSink, Opcodes {
    /** HotSpot's {@code HugeMethodLimit}: C2 does not compile a method with more bytecode than this. */
    final WasmModule module;
    final FuncType type;
    /** Types of the declared locals (after the parameters). */
    final ValType[] declared;
    final ClassParts parts;
    final Emit e;
    final boolean hasMemory;
    /** A typed entry's frame size, known from the chunk pass: a constant of its prologue's room check. */
    int typedFrameSize;
    /** Whether an instruction translated so far may read memory 0 through the chunk's copy of it. */
    private boolean readsMemory;
    /** The module has a memory other than 0 or a 64-bit memory or table ({@link WideOps}). */
    private final boolean widePossible;
    final List<Control> controls = new ArrayList<>();
    final Set<Integer> wanted = new HashSet<>();
    final Sites sites;
    /** Emitting the typed entry of a function of one chunk (see {@link TypedCalls}) rather than its chunks. */
    final boolean typed;
    final List<int[]> entries = new ArrayList<>();
    final List<Integer> chunkSizes = new ArrayList<>();
    final CallEmitter calls;
    final SimdEmitter simd;
    final TailCallEmitter tails;
    /** The chunk's entry fills and exit spills. */
    private final ChunkFrameMoves moves;
    /** How big the current chunk may grow, and whether a loop should start the next one. */
    final ChunkBudget size;
    /** The function has a try: its handlers run in the interpreter, which reads its locals from the value stack. */
    boolean handlers;
    int nLocals;
    /**
     * Locals live at each entry, for a function of several chunks compiled with no debugger to show dead values:
     * crossings then move only live locals. Null: every local moves.
     */
    Liveness liveness;
    /** Frame slots chunk 0 uses: its prologue sets the declared ones among them on the function's entry. */
    java.util.BitSet firstChunkUsed = new java.util.BitSet();
    /** Entry ids the current chunk exits to. */
    final List<Integer> exitIds = new ArrayList<>();
    /** The operand height at each entry id known so far: crossings leave out the slots above it. */
    final DeadOperands operands = new DeadOperands();
    final PollExits pollExits = new PollExits(this);
    /** Module offset of the first instruction, and JVM bytes of the chunks finished so far. */
    private int finishedBytes;
    private boolean reachable = true;
    int maxHeight;

    // The chunk being emitted.
    int chunk = -1;
    Label prologue;
    Label body;
    Label spill;
    boolean spillUsed;
    final List<Object[]> chunkEntries = new ArrayList<>();
    /** Chunk methods kept until their exits' numbers are known (with [2] above), or null: ids cross. */
    final DenseEntries dense = DenseEntries.on() ? new DenseEntries() : null;
    /** Loops closed in this chunk whose header lies in an earlier one: their back-edges still need an exit. */
    private final List<Control> closedWithExits = new ArrayList<>();
    int chunkMaxHeight;
    boolean chunkHasCode;
    /** Operand slots the current instruction may touch (its height plus what it pushes). */
    int need;
    /** Copies of loop headers ({@link HeaderCopy#enabled}) and of their shared tails ({@link LoopJoins#tailsAlone}). */
    final HeaderCopies copies = new HeaderCopies(this);
    /** Whether numeric operations and loads may leave their result on the JVM stack ({@link StackResults#on}). */
    final boolean stackResults = StackResults.on();

    /** The function translated, for messages. */
    private final int funcIndex;
    /** Where a function that may hold GC references stores its frame for a collection. */
    final GcSafepoints gcPoints;
    private final PlainSteps steps;

    FunctionTranslator(WasmModule module, int funcIndex, int budget, ClassParts parts, boolean emulateCasts) {
        this(module, funcIndex, budget, parts, false, new Sites(), new ArrayList<>(), emulateCasts, true);
    }

    /** A one-chunk function's typed entry: its body again, trap sites and big br_tables numbered after the chunk's. */
    static FunctionTranslator typedEntry(WasmModule module, int funcIndex, ClassParts parts,
                                         FunctionTranslator chunks, boolean emulateCasts, int minFrameSize) {
        // The body fitted one chunk already; the typed method differs only in its prologue and exits.
        // A body that never touches memory 0 keeps no copy of it: nothing to reload after each call, and its typed
        // callees that do touch it load it themselves (they find null).
        FunctionTranslator t = new FunctionTranslator(module, funcIndex, 1 << 28, parts, true, chunks.sites,
                chunks.brTables, emulateCasts, chunks.readsMemory);
        t.typedFrameSize = Math.max(minFrameSize, chunks.opSlot(chunks.maxHeight));
        // The same accesses as calls as in the chunk: the body is no bigger, so C2's budget is the same.
        t.e.memoryCallBytes = chunks.e.memoryCallBytes;
        // An argument the body never assigns has no second form to keep: its long is the JVM argument itself, and
        // narrowing it would only add a move to the prologue and a conversion to each use that wants the long
        // (tak's entry would pass C2's FreqInlineSize).
        for (int i = 0; i < t.type.paramCount(); i++) {
            if (!chunks.assigned.get(i)) {
                t.e.intSlots.clear(i);
            }
        }
        return t;
    }

    /** Locals a {@code local.set} or {@code local.tee} writes. */
    final java.util.BitSet assigned = new java.util.BitSet();

    /** i32 parameters and declared i32 locals in JVM int locals ({@link Emit#intSlots}); false only to measure. */
    static final boolean INT_LOCALS = !"false".equals(System.getProperty("trapdoor.jit.intLocals"));

    private FunctionTranslator(WasmModule module, int funcIndex, int budget, ClassParts parts, boolean typed,
                               Sites sites, List<int[]> brTables, boolean emulateCasts, boolean readsMemory) {
        this.typed = typed;
        this.sites = sites;
        this.brTables = brTables;
        this.module = module;
        this.type = module.functionType(funcIndex);
        this.funcIndex = funcIndex;
        this.declared = module.body(funcIndex).locals();
        this.size = new ChunkBudget(this, budget);
        this.parts = parts;
        this.e = new Emit();
        e.memoryCallBytes = MemoryOps.callAllowance(budget);
        if (INT_LOCALS) {
            for (int i = 0; i < type.paramCount(); i++) {
                if (type.param(i) == ValType.I32) {
                    e.intSlots.set(i);
                }
            }
            for (int i = 0; i < declared.length; i++) {
                if (declared[i] == ValType.I32) {
                    e.intSlots.set(type.paramCount() + i);
                }
            }
        }
        this.hasMemory = !module.memories().isEmpty() && readsMemory;
        this.widePossible = WideAccesses.possible(module);
        this.calls = new CallEmitter(e, sites, hasMemory, emulateCasts, module.importedFunctionCount(), funcIndex);
        this.simd = new SimdEmitter(e, sites, module, funcIndex, this::opSlot);
        this.tails = new TailCallEmitter(e, sites, module);
        this.steps = new PlainSteps(e, sites, assigned, stackResults, this::opSlot,
                o -> UnsignedMaskTests.loopTest(module.bytes(), o + 1, controls));
        this.moves = new ChunkFrameMoves(this);
        this.gcPoints = new GcSafepoints(e, GcRefUses.mayHold(module, funcIndex));
    }

    int localCount() {
        return nLocals;
    }

    int opSlot(int height) {
        return nLocals + 1 + height;
    }

    @Override
    public void instruction(int op, int moduleOffset, FunctionValidator v) {
        // Loads, stores, memory.size/grow; prefixed instructions are counted whether they touch memory or not.
        readsMemory |= (op >= 0x28 && op <= 0x40) || op > 0xFF;
        if (chunk < 0) {
            size.firstOffset = moduleOffset;
            nLocals = v.localCount();
            controls.add(new Control(Control.FUNC, 0, 0, type.resultCount(), type.resultCount(), false, false));
            startChunk(EntryIds.FUNCTION_START);
        }
        int h = v.height();
        // A memory other than 0, a 64-bit memory or table: WideOps.
        boolean wide = widePossible && WideAccesses.isWide(op, v, module);
        simd.instruction(op, wide);
        // Slots this instruction may touch: its operands, its result, and the extra results of a call.
        need = h + 1 + (op == 0x10 ? module.functionType(v.immA).resultCount()
                : op == 0x11 || op == 0x14 ? module.types().get(v.immA).resultCount() : 0);
        noteHeight(need);
        e.pending.beforeInstruction(op, reachable, opSlot(h), stackResults);
        // A header copy repeats memory 0's loads only: a wide one ends the header.
        copies.instruction(op, moduleOffset, h, v, reachable && !wide);
        // A wide instruction is a call that may trap: pending values are stored before it, as before any call.
        boolean keeps = reachable && PendingValues.keeps(op) && !wide;
        if (!keeps) {
            e.pending.flushValues();
        }
        switch (op) {
            case 0x02, 0x03, 0x04 -> open(op, moduleOffset, v);
            // A try is a block here: its handlers run in the interpreter (ThrowEmitter), so catch bodies are dead.
            case 0x06, 0x1F -> {
                handlers = true;
                open(0x02, moduleOffset, v);
            }
            case 0x07, 0x19 -> catchArm();
            case 0x05 -> elseArm(moduleOffset, h);
            case 0x0B, 0x18 -> {
                continuationEntry(moduleOffset, h);
                end(moduleOffset, h);
            }
            default -> {
                if (!reachable) {
                    return;
                }
                if (chunkHasCode && size.full(size.worstCase(op, v))) {
                    simd.beforeCut();
                    e.pending.flush();
                    cut(moduleOffset, h);
                }
                chunkHasCode = true;
                copies.instructionEmitted();
                if (!wide || !WideOps.emit(e, sites, module, op, moduleOffset, opSlot(h), v, hasMemory)) {
                    emitPlain(op, moduleOffset, h, v);
                }
                if (keeps) {
                    // Its operands are consumed and its result (if any) is stored: entries above that died with it.
                    e.pending.dropFrom(opSlot(PendingValues.heightAfter(op, h)));
                }
                if (op == 0x0E) {
                    copies.brTableEmitted(v, h);
                }
            }
        }
    }

    // ----- chunks -----

    private void startChunk(int entryId) {
        chunk++;
        int part = chunk / ClassParts.CHUNKS_PER_CLASS;
        e.className = parts.name(part);
        e.mv = new SizeCountingVisitor(DenseEntries.open(dense, parts, part, typed ? TypedCalls.METHOD : "c" + chunk,
                typed ? TypedCalls.descriptor(type) : RuntimeNames.CHUNK_DESC));
        e.mv.visitCode();
        prologue = new Label();
        body = new Label();
        spill = new Label();
        spillUsed = false;
        chunkEntries.clear();
        exitIds.clear();
        chunkMaxHeight = need;
        chunkHasCode = false;
        gcPoints.startChunk();
        pollExits.startChunk();
        LiveFills.startChunk(e, size, typed ? null : liveness, entryId, type.paramCount(), nLocals);
        e.startChunk(typed ? type.paramCount() : 0);
        e.slackLocal = typed ? e.freshLocal() : -1;
        if (size.keepsLoops()) {
            e.memoryCallBytes = size.memoryAllowance();
        }
        sites.startChunk();
        e.mv.visitJumpInsn(GOTO, prologue);
        for (Control c : controls) {
            if (!c.dead && c.kind != Control.FUNC) {
                c.freshLabels();
            }
        }
        copies.emitAtChunkStart();
        e.mv.visitLabel(body);
        if (entryId != EntryIds.FUNCTION_START) {
            addEntry(entryId, body);
        }
    }

    void noteHeight(int height) {
        maxHeight = Math.max(maxHeight, height);
        chunkMaxHeight = Math.max(chunkMaxHeight, height);
    }

    private void addEntry(int id, Label at) {
        LiveFills.entry(e, liveness, id);
        chunkEntries.add(new Object[]{id, at, entries.size() + 1});
        entries.add(new int[]{id, chunk});
    }

    /** Ends the chunk before the instruction at {@code moduleOffset} and starts the next one there. */
    private void cut(int moduleOffset, int height) {
        int id = EntryIds.of(moduleOffset, EntryIds.AT);
        operands.at(id, height);
        exitTo(id);
        copies.cut();
        finishChunk();
        startChunk(id);
    }

    void exitTo(int id) {
        exitTo(id, spill);
    }

    void exitTo(int id, Label via) {
        exitIds.add(id);
        DenseEntries.exit(dense, e, id);
        e.mv.visitJumpInsn(GOTO, via);
        spillUsed = true;
    }

    /**
     * Slots dead at every one of {@code ids} (locals, and operand slots above the stack there), or null when liveness
     * is off or nothing is known dead.
     */
    java.util.BitSet deadLocals(List<Integer> ids) {
        return liveness == null ? null : operands.addAbove(liveness.deadAtEvery(ids, nLocals), ids, opSlot(0),
                Math.max(e.used.length(), e.written.length()));
    }

    private void finishChunk() {
        if (!e.pending.isEmpty()) {
            throw new IllegalStateException("pending values at the end of chunk " + chunk);
        }
        size.finishedCodeBytes += e.mv.bytes;
        for (Control c : closedWithExits) {
            e.mv.visitLabel(c.label);
            exitTo(c.targetId());
        }
        closedWithExits.clear();
        gcPoints.emitBlock(chunk == 0, type.paramCount(), nLocals);
        for (Control c : controls) {
            if (c.dead || c.kind == Control.FUNC) {
                continue;
            }
            if (c.labelUsed && !c.labelPlaced) {
                e.mv.visitLabel(c.label);
                exitTo(c.targetId());
                wanted.add(c.targetId());
            }
            if (c.kind == Control.IF && !c.elseSeen && c.elseUsed && !c.elsePlaced) {
                e.mv.visitLabel(c.elseLabel);
                exitTo(c.elseId());
                wanted.add(c.elseId());
            }
        }
        pollExits.emit();
        ChunkFrameMoves.Spilled spilled = moves.spillBlock();
        if (chunk == 0) {
            firstChunkUsed = spilled.slots();
        }
        Label stores = spilled.stores();
        sites.emitHandlers(e, stores);
        moves.prologue(spilled.slots());
        e.mv.visitMaxs(0, 0);
        e.mv.visitEnd();
        chunkSizes.add(e.mv.bytes);
        finishedBytes += e.mv.bytes;
    }

    /** Called after the validator's walk: closes the last chunk. */
    void finish() {
        finishChunk();
    }

    // ----- control -----

    private void open(int op, int moduleOffset, FunctionValidator v) {
        FunctionValidator.Frame f = v.frame(0);
        int kind = op == 0x02 ? Control.BLOCK : op == 0x03 ? Control.LOOP : Control.IF;
        boolean dead = f.dead || !reachable;
        Control c = new Control(kind, moduleOffset, f.height, f.branchArity(), f.results.length, dead, reachable);
        controls.add(c);
        if (dead) {
            return;
        }
        operands.at(c.targetId(), c.height + c.arity);
        if (kind == Control.IF) {
            operands.at(c.elseId(), f.height + f.params.length);
        }
        // Asked first: a loop kept whole raises the limit the open itself is checked against.
        boolean loopCut = kind == Control.LOOP && size.loopStartsChunk(moduleOffset);
        boolean freshChunk = !chunkHasCode;
        if (chunkHasCode && (size.full(48) || loopCut)) {
            controls.remove(controls.size() - 1);
            e.pending.flush();
            // Before the instruction: its parameters (and an if's condition) are still on the stack.
            cut(moduleOffset, f.height + f.params.length + (kind == Control.IF ? 1 : 0));
            controls.add(c);
            freshChunk = true;
        }
        if (kind == Control.LOOP) {
            size.loopOpened(moduleOffset, freshChunk);
        }
        chunkHasCode = true;
        copies.instructionEmitted();
        c.freshLabels();
        if (kind == Control.LOOP) {
            e.mv.visitLabel(c.label);
            c.labelPlaced = true;
            c.header = c.label;
            c.headerChunk = chunk;
            // Every header is an entry: a frame moves in here from the interpreter (on-stack replacement), from a
            // later chunk's back-edge, or back after its poll let it out.
            addEntry(c.targetId(), c.header);
            pollExits.poll(c.targetId(), opSlot(c.height + c.arity));
            copies.loopOpened(c);
        } else if (kind == Control.IF) {
            e.mv.visitJumpInsn(PendingValues.invert(condition(opSlot(v.height()))), c.elseLabel);
            c.elseUsed = true;
        }
    }

    /** A legacy catch: the try body's fall-through goes to the end; the catch body never runs compiled. */
    private void catchArm() {
        Control c = controls.get(controls.size() - 1);
        if (!c.dead && reachable) {
            e.mv.visitJumpInsn(GOTO, c.label);
            c.labelUsed = true;
            c.endTargeted = true;
        }
        reachable = false;
    }

    private void elseArm(int moduleOffset, int h) {
        Control c = controls.get(controls.size() - 1);
        if (c.dead) {
            c.elseSeen = true;
            return;
        }
        if (reachable) {
            e.mv.visitJumpInsn(GOTO, c.label);
            c.labelUsed = true;
            c.endTargeted = true;
        }
        e.mv.visitLabel(c.elseLabel);
        c.elsePlaced = true;
        c.elseSeen = true;
        if (wanted.contains(c.elseId())) {
            noteHeight(c.height + c.arity + 1);
            addEntry(c.elseId(), c.elseLabel);
        }
        reachable = c.falseEdgeLive;
    }

    /**
     * A copied tail's conditional back-edge, when not taken, leaves its copy for the {@code end} after the original
     * ({@link HeaderCopies}): that {@code end} is then an entry. The copy makes it one even where the original code
     * is not reached in this chunk, since the copy's exit reaches it.
     */
    private void continuationEntry(int moduleOffset, int h) {
        int id = EntryIds.of(moduleOffset, EntryIds.AT);
        if (!wanted.contains(id) || controls.get(controls.size() - 1).dead) {
            return;
        }
        e.pending.flush();
        Label at = new Label();
        e.mv.visitLabel(at);
        noteHeight(h + 1);
        addEntry(id, at);
        reachable = true;
    }

    private void end(int moduleOffset, int h) {
        Control c = controls.remove(controls.size() - 1);
        if (c.dead) {
            return;
        }
        switch (c.kind) {
            case Control.FUNC -> {
                if (reachable) {
                    returnFrom(h);
                }
                reachable = false;
            }
            case Control.LOOP -> {
                size.loopClosed(c.openOffset);
                if (c.labelUsed && !c.labelPlaced) {
                    closedWithExits.add(c);
                }
            }
            default -> {
                boolean falseEdge = c.kind == Control.IF && !c.elseSeen;
                if (falseEdge) {
                    e.mv.visitLabel(c.elseLabel);
                    c.elsePlaced = true;
                    if (wanted.contains(c.elseId())) {
                        noteHeight(c.height + c.arity + 1);
                        addEntry(c.elseId(), c.elseLabel);
                    }
                }
                HeaderCopies.endReached(c);
                e.mv.visitLabel(c.label);
                c.labelPlaced = true;
                if (wanted.contains(c.targetId())) {
                    noteHeight(c.height + c.arity + 1);
                    addEntry(c.targetId(), c.label);
                }
                reachable = reachable || c.endTargeted || (falseEdge && c.falseEdgeLive);
            }
        }
    }

    /** Stores the {@code results} values below height {@code h} as the function's results and returns. */
    void returnFrom(int h) {
        int r = type.resultCount();
        if (typed) {
            if (r == 1) {
                e.ld(opSlot(h - 1));
            } else {
                e.mv.visitInsn(LCONST_0);
            }
            e.mv.visitInsn(LRETURN);
            return;
        }
        if (r > 0) {
            e.reloadStack();
        }
        for (int i = 0; i < r; i++) {
            e.stackRef(i);
            e.ld(opSlot(h - r + i));
            e.mv.visitInsn(LASTORE);
            simd.returnValue(i, opSlot(h - r + i));
        }
        e.mv.visitInsn(ICONST_M1);
        e.mv.visitInsn(IRETURN);
    }

    /** A branch from height {@code h} to the control {@code depth} levels out. */
    void branch(int depth, int h) {
        Control c = controls.get(controls.size() - 1 - depth);
        if (c.kind == Control.FUNC) {
            returnFrom(h);
            return;
        }
        for (int i = 0; i < c.arity; i++) {
            e.copy(opSlot(h - c.arity + i), opSlot(c.height + i));
            simd.branchValue(h - c.arity + i, opSlot(h - c.arity + i), opSlot(c.height + i));
        }
        e.mv.visitJumpInsn(GOTO, c.label);
        c.labelUsed = true;
        if (c.kind != Control.LOOP) {
            c.endTargeted = true;
        }
    }

    /**
     * {@code br_on_null} branches without the reference when it is null; {@code br_on_non_null} branches with it
     * when it is not. Either way the comparison decides as {@code br_if}'s condition does.
     */
    private void brOnNull(boolean onNonNull, int depth, int h) {
        TypedRefs.isNull(e, opSlot(h - 1));
        // On the JVM stack: 0 when null. Branch when null (br_on_null) or when not (br_on_non_null).
        conditionalBranch(onNonNull ? IFNE : IFEQ, depth, onNonNull ? h : h - 1);
    }

    /**
     * Pops an int and branches to the control {@code depth} levels out with the values below height {@code carried}
     * when {@code taken} ({@code IFEQ} or {@code IFNE}) holds for it.
     */
    void conditionalBranch(int taken, int depth, int carried) {
        if (needsMoves(depth, carried)) {
            Label skip = new Label();
            e.mv.visitJumpInsn(taken == IFNE ? IFEQ : IFNE, skip);
            branch(depth, carried);
            e.mv.visitLabel(skip);
        } else {
            Control c = controls.get(controls.size() - 1 - depth);
            e.mv.visitJumpInsn(taken, c.label);
            c.labelUsed = true;
            if (c.kind != Control.LOOP) {
                c.endTargeted = true;
            }
        }
    }

    /**
     * Pushes what a conditional jump on slot {@code slot} (an i32) needs and answers the jump taken when it is true:
     * the pending comparison's own jump if it is there, else {@code ifne} on the value.
     */
    int condition(int slot) {
        if (e.pending.conditionAt(slot)) {
            return e.pending.takeCondition();
        }
        e.ldI(slot);
        return IFNE;
    }

    private boolean needsMoves(int depth, int h) {
        Control c = controls.get(controls.size() - 1 - depth);
        return c.kind == Control.FUNC || (c.arity > 0 && h - c.arity != c.height);
    }

    private void emitPlain(int op, int moduleOffset, int h, FunctionValidator v) {
        int top = opSlot(h);
        if (simd.emit(op, moduleOffset, h, v, top)) {
            return;
        }
        if (HeaderCopy.plain(op)) {
            steps.plain(op, moduleOffset, h, v.immA, v.immL);
            return;
        }
        if (GcEmitter.isGc(op)) {
            GcEmitter.emit(this, op, moduleOffset, h, v);
            return;
        }
        switch (op) {
            case 0x00 -> {
                sites.begin(e, moduleOffset, op, -1, 0);
                e.rt("unreachable", "()Ljava/lang/RuntimeException;");
                e.mv.visitInsn(ATHROW);
                sites.end(e);
                reachable = false;
            }
            case 0x01, 0x1A -> {
            }
            case 0x0C -> {
                branch(v.immA, h);
                reachable = false;
            }
            case 0x0D -> {
                int jump = condition(top - 1);
                if (jump == IFNE && BackEdgeTests.ON
                        && controls.get(controls.size() - 1 - v.immA).kind == Control.LOOP) {
                    jump = BackEdgeTests.valueTest(e.mv);
                }
                if (needsMoves(v.immA, h - 1)) {
                    Label skip = new Label();
                    e.mv.visitJumpInsn(PendingValues.invert(jump), skip);
                    branch(v.immA, h - 1);
                    e.mv.visitLabel(skip);
                } else {
                    Control c = controls.get(controls.size() - 1 - v.immA);
                    e.mv.visitJumpInsn(jump, c.label);
                    c.labelUsed = true;
                    if (c.kind != Control.LOOP) {
                        c.endTargeted = true;
                    }
                }
            }
            case 0x0E -> {
                BrTableEmitter.emit(this, v, h);
                reachable = false;
            }
            case 0x0F -> {
                returnFrom(h);
                reachable = false;
            }
            case 0x10 -> {
                gcPoints.safepoint();
                calls.direct(v.immA, module.functionType(v.immA), top, moduleOffset, this::opSlot);
                operands.afterCall(moduleOffset, h, module.functionType(v.immA).paramCount(),
                        module.functionType(v.immA).resultCount());
                pollExits.poll(EntryIds.afterCall(moduleOffset), -1);
            }
            case 0x11 -> {
                gcPoints.safepoint();
                calls.indirect(v.immA, v.immB, module.types().get(v.immA), top, moduleOffset);
                pollExits.poll(EntryIds.afterCall(moduleOffset), -1);
            }
            case 0x14 -> {
                // call_ref: a call_indirect whose operand is the reference itself, as in the interpreter.
                gcPoints.safepoint();
                calls.indirect(v.immA, CallEmitter.REF_TABLE, module.types().get(v.immA), top, moduleOffset);
                pollExits.poll(EntryIds.afterCall(moduleOffset), -1);
            }
            case 0xD4 -> TypedRefs.asNonNull(e, sites, moduleOffset, top);
            case 0xD5, 0xD6 -> brOnNull(op == 0xD6, v.immA, h);
            case 0x12, 0x13, 0x15 -> {
                tails.emit(op, moduleOffset, v, top);
                reachable = false;
            }
            case 0x08, 0x09, 0x0A -> {
                ThrowEmitter.emit(e, sites, op, moduleOffset);
                reachable = false;
            }
            case 0x1B, 0x1C -> steps.select(top);
            default -> {
                if (MemoryOps.isStore(op)) {
                    steps.store(op, moduleOffset, top, v.immL);
                } else {
                    RuntimeOps.emit(e, sites, op, moduleOffset, top, v, hasMemory);
                }
            }
        }
    }

    /** A step of a copied tail ({@link LoopJoins}) other than a block or branch: a plain one, a select or a store. */
    void copiedStep(int op, int moduleOffset, int h, int immA, long immL) {
        steps.copied(op, moduleOffset, h, immA, immL);
    }

    /** Above this many targets a br_table first maps its index to one of its distinct targets through a table. */
    static final int DIRECT_BR_TABLE = 256;
    /** The index → distinct-target tables of big br_tables, by number. */
    final List<int[]> brTables;
}
