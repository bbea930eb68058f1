package dev.trapdoor.engine.compile;

import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.ModuleContext;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT;
import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT_DESC;

/**
 * Compiles one Wasm function to a class of JVM bytecode. The class holds:
 * <ul>
 *   <li>{@code static final CTX}, the runtime context, read from the hidden class's class data;</li>
 *   <li>{@code call(int fp)}, the function's entry: checks the call depth and stack room, runs chunk 0 and, if the
 *       function needed more chunks, hands the entry id it exits with to {@code JitRt.runChunks};</li>
 *   <li>{@code c0 … cN(int fp, int entry)}, the chunks, each within the byte budget.</li>
 *   <li>for a function that tail-calls, {@code body(int fp)}: {@code call} without the trampoline that finishes
 *       its tail calls ({@link TailCallEmitter}), for the trampoline to run.</li>
 * </ul>
 */
public final class JvmCompiler implements Opcodes {
    private JvmCompiler() {
    }

    /**
     * @param className internal name, in the package of the runtime classes (a hidden class is defined there)
     * @throws IllegalStateException if the function uses an instruction this tier cannot translate
     */
    public static CompiledClass compile(ModuleContext ctx, int funcIndex, int chunkBudget, String className) {
        return compile(ctx, funcIndex, chunkBudget, className, false);
    }

    /**
     * @param emulateCasts a {@code call_indirect} may reach a callee of another type, which the runtime adapts: such
     *                     calls keep the value-stack convention, where missing arguments and results read as zero
     */
    public static CompiledClass compile(ModuleContext ctx, int funcIndex, int chunkBudget, String className,
                                        boolean emulateCasts) {
        return compile(ctx, funcIndex, chunkBudget, className, emulateCasts, false);
    }

    /**
     * @param liveOnly chunk crossings may move only live locals ({@link Liveness}): a frame that leaves compiled code
     *                 then holds stale values in its dead locals, which no one sees unless a debugger looks
     */
    public static CompiledClass compile(ModuleContext ctx, int funcIndex, int chunkBudget, String className,
                                        boolean emulateCasts, boolean liveOnly) {
        return compile(ctx, funcIndex, chunkBudget, className, emulateCasts, liveOnly, 0);
    }

    /**
     * @param interpretedFrameSize the interpreter's frame size for this function: a typed entry checks the room of
     *                             the larger frame, so both tiers run out of value stack at the same call
     */
    public static CompiledClass compile(ModuleContext ctx, int funcIndex, int chunkBudget, String className,
                                        boolean emulateCasts, boolean liveOnly, int interpretedFrameSize) {
        return compile(ctx, funcIndex, chunkBudget, WholeLoops.loopBudget, className, emulateCasts, liveOnly,
                interpretedFrameSize);
    }

    /**
     * @param loopBudget the size a chunk keeping a loop whole may reach ({@link WholeLoops}); no more than
     *                   {@code chunkBudget}: loops are cut like straight code
     */
    static CompiledClass compile(ModuleContext ctx, int funcIndex, int chunkBudget, int loopBudget, String className,
                                 boolean emulateCasts, boolean liveOnly, int interpretedFrameSize) {
        boolean[] copies = new boolean[2];
        return CopyLimit.limit(() -> translate(ctx, funcIndex, chunkBudget, loopBudget, className, emulateCasts,
                liveOnly, interpretedFrameSize, copies), () -> copies[0], () -> copies[1]);
    }

    /** {@link #compile}, once; {@code copies} tells whether a header copy was recorded, and one emitted. */
    private static CompiledClass translate(ModuleContext ctx, int funcIndex, int chunkBudget, int loopBudget,
                                           String className, boolean emulateCasts, boolean liveOnly,
                                           int interpretedFrameSize, boolean[] copies) {
        if (dev.trapdoor.engine.validate.GcRefUses.mayHold(ctx.module(), funcIndex)
                && dev.trapdoor.engine.instr.V128Presence.mayHoldV128(ctx.module(), funcIndex)) {
            // A v128 field or element keeps its high half beside the object, which the compiled GC operations
            // (the interpreter's, on the value stack) would have to move with the compiled high halves.
            throw new UnsupportedByCompiler(funcIndex, "GC references in a function that may hold a v128");
        }
        int ownBudget = SimdEmitter.chunkBudget(ctx.module(), funcIndex, chunkBudget);
        // A function whose v128 work took a smaller budget keeps its loops no larger either.
        loopBudget = ownBudget == chunkBudget ? loopBudget : 0;
        chunkBudget = ownBudget;
        ClassParts parts = new ClassParts(className);
        LoopExtents loops = new LoopExtents();
        // Only header and tail copies use the joins; with both off the pre-pass does what it did before them.
        // Their steps do not know a load's memory: a module with wide accesses copies no tails.
        LoopJoins joins = (HeaderCopy.enabled() || LoopJoins.tailsAlone())
                && !dev.trapdoor.engine.validate.WideAccesses.possible(ctx.module()) ? new LoopJoins() : null;
        var body = ctx.module().body(funcIndex);
        if (body.endOffset() >= EntryIds.MAX_MODULE_OFFSET) {
            throw new UnsupportedByCompiler(funcIndex, "code past module offset 2^28 (entry ids hold smaller offsets)");
        }
        Liveness liveness = null;
        if ((long) (body.endOffset() - body.bodyOffset()) * 16 > chunkBudget) {
            // The function may need more than one chunk: learn where its loops end, and what is live where, first.
            Liveness l = liveOnly ? new Liveness() : null;
            boolean[] handlers = new boolean[1];
            int[] blocks = new int[1];
            new FunctionValidator(ctx, (op, moduleOffset, v) -> {
                loops.instruction(op, moduleOffset, v);
                if (BranchyBudget.blockLike(op)) {
                    blocks[0]++;
                }
                if (joins != null) {
                    joins.instruction(op, moduleOffset, v);
                }
                handlers[0] |= op == 0x06 || op == 0x1F;
                if (l != null) {
                    l.instruction(op, moduleOffset, v);
                }
            }).validate(funcIndex, body);
            // A handler runs in the interpreter after a throw deoptimizes the frame, and reads locals that
            // liveness, knowing nothing of exception edges, may have left stale: such functions move every local.
            if (l != null && !handlers[0]) {
                l.analyze();
                liveness = l;
            }
            chunkBudget = BranchyBudget.chunkBudget(chunkBudget, body.endOffset() - body.bodyOffset(), blocks[0]);
        }
        WholeLoops whole = measureLoops(ctx, funcIndex, chunkBudget, loopBudget, className, emulateCasts, loops,
                liveness, joins);
        FunctionTranslator t = new FunctionTranslator(ctx.module(), funcIndex, chunkBudget, parts, emulateCasts);
        t.size.loops = loops;
        t.size.whole = whole;
        t.size.loopBudget = loopBudget;
        t.liveness = liveness;
        t.copies.joins = joins;
        t.sites.bare = liveOnly && Sites.bareEnabled();
        t.sites.throwing = t.sites.bare && ThrowingTraps.applies(body.endOffset() - body.bodyOffset(), chunkBudget);
        new FunctionValidator(ctx, t).validate(funcIndex, ctx.module().body(funcIndex));
        t.finish();
        copies[0] = t.copies.recorded;
        copies[1] = t.copies.used;
        // A frame that tail-calls leaves its callee pending, which only the value-stack entry finishes.
        // A handler's frame must hold its locals in the value stack from the entry on (see CompiledClass).
        // A function of several chunks gets one too (ChunkedTypedEntry), unless switched off.
        boolean typed = (t.chunk == 0 || ChunkedTypedEntry.ENABLED)
                && TypedCalls.eligible(ctx.module().functionType(funcIndex)) && !t.tails.used && !t.handlers;
        int[] zeroSlots = EntryZeroes.of(t, t.chunk + 1);
        // A chunked function's typed entry has no sites of its own: its frame is its chunks', which the counters hold.
        int typedSitesFrom = typed && t.chunk == 0 ? t.sites.offsets.size() : Integer.MAX_VALUE;
        if (typed && t.chunk > 0) {
            java.util.BitSet refs = new java.util.BitSet();
            for (int slot : zeroSlots) {
                refs.set(slot, t.declared[slot - t.type.paramCount()].isRef());
            }
            ChunkedTypedEntry.emit(parts.writer(0), parts.name(0), t.type,
                    Math.max(interpretedFrameSize, t.opSlot(t.maxHeight)), zeroSlots, refs,
                    t.chunk + 1 <= ClassParts.CHUNKS_PER_CLASS);
        }
        FunctionTranslator typedOne = null;
        if (typed && t.chunk == 0) {
            // A typed entry's function has no try (typed above): its direct typed calls may be bare.
            t.sites.bareCalls = liveOnly && Sites.bareCallsEnabled();
            typedOne = FunctionTranslator.typedEntry(ctx.module(), funcIndex, parts, t, emulateCasts,
                    interpretedFrameSize);
            new FunctionValidator(ctx, typedOne).validate(funcIndex, ctx.module().body(funcIndex));
            typedOne.finish();
        }
        int[] denseIds = null;
        int[] denseChunks = null;
        if (t.dense != null) {
            denseIds = DenseEntries.finish(t.entries, parts, t.dense, typedOne == null ? null : typedOne.dense);
            denseChunks = DenseEntries.chunks(t.entries);
        }
        int frameSize = t.opSlot(t.maxHeight);
        List<int[]> entries = new ArrayList<>(t.entries);
        entries.sort(Comparator.comparingInt(a -> a[0]));
        int[] ids = new int[entries.size()];
        int[] chunks = new int[entries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = entries.get(i)[0];
            chunks[i] = entries.get(i)[1];
        }
        if (denseChunks != null) {
            // The chunk loop switches on numbers: number → chunk.
            entryMethod(parts.writer(0), parts.name(0), t.chunk + 1, null, denseChunks, t.tails.used);
        } else {
            entryMethod(parts.writer(0), parts.name(0), t.chunk + 1, ids, chunks, t.tails.used);
        }

        Sites s = t.sites;
        long[] memOffsets = new long[s.memOffsets.size()];
        for (int i = 0; i < memOffsets.length; i++) {
            memOffsets[i] = s.memOffsets.get(i);
        }
        byte[][] classes = parts.finish();
        if (typedOne != null && PairedChecks.enabled() && TypedCalls.SHORT && typedOne.calls.selfOffset >= 0) {
            classes[0] = PairedChecks.apply(classes[0], parts.name(0), funcIndex, typedOne.typedFrameSize,
                    typedOne.calls.selfOffset);
        }
        return new CompiledClass(classes, ClassParts.CHUNKS_PER_CLASS, t.chunk + 1, ids, chunks,
                s.offsets.stream().mapToInt(Integer::intValue).toArray(),
                s.ops.stream().mapToInt(Integer::intValue).toArray(), memOffsets, frameSize,
                t.chunkSizes.stream().mapToInt(Integer::intValue).toArray(), t.localCount(),
                t.brTables.toArray(new int[0][]), typed, t.tails.used, t.handlers, typedSitesFrom, zeroSlots,
                denseIds, denseChunks, s.omitted, s.bareCallsUsed);
    }

    /**
     * The scratch pass of {@link WholeLoops}: the function translated at C2's limit, every outermost loop in a chunk
     * of its own, each chunk spending on memory calls what one at the loop budget may. Null when the rule is off or
     * the function has no loop.
     */
    private static WholeLoops measureLoops(ModuleContext ctx, int funcIndex, int chunkBudget, int loopBudget,
                                           String className, boolean emulateCasts, LoopExtents loops,
                                           Liveness liveness, LoopJoins joins) {
        if (!WholeLoops.applies(chunkBudget, loopBudget) || !loops.any()) {
            return null;
        }
        WholeLoops whole = new WholeLoops();
        FunctionTranslator m = new FunctionTranslator(ctx.module(), funcIndex, ChunkBudget.C2_LIMIT,
                new ClassParts(className + "$loops"), emulateCasts);
        m.e.memoryCallBytes = MemoryOps.callAllowance(loopBudget);
        m.size.loops = loops;
        m.size.measuring = whole;
        m.liveness = liveness;
        m.copies.joins = joins;
        new FunctionValidator(ctx, m).validate(funcIndex, ctx.module().body(funcIndex));
        m.finish();
        return whole.isEmpty() ? null : whole;
    }

    /** A class with the context field, read from the hidden class's class data when the class initializes. */
    static ClassWriter newClass(String className) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Only our own value types meet at merges; never load classes to find out.
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, className, null, "java/lang/Object", null);
        cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, "CTX", CONTEXT_DESC, null, null).visitEnd();
        // The interpreter again, as a constant of its own: a typed entry counts its frame there on every call, and
        // reading it through CTX would cost a load each time (C2 trusts static finals, not JitContext's fields).
        cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, "IN", "L" + RuntimeNames.INTERPRETER + ";", null, null)
                .visitEnd();
        // Memory 0 likewise (Emit#reloadMemory); null when the module has none.
        cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, "MEM0", "L" + RuntimeNames.MEMORY + ";", null, null)
                .visitEnd();
        classInit(cw, className);
        return cw;
    }

    private static void classInit(ClassWriter cw, String className) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitLdcInsn("_");
        mv.visitLdcInsn(Type.getObjectType(CONTEXT));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, CONTEXT);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(PUTSTATIC, className, "CTX", CONTEXT_DESC);
        mv.visitFieldInsn(GETFIELD, CONTEXT, "in", "L" + RuntimeNames.INTERPRETER + ";");
        mv.visitFieldInsn(PUTSTATIC, className, "IN", "L" + RuntimeNames.INTERPRETER + ";");
        mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
        mv.visitFieldInsn(GETFIELD, CONTEXT, "mem0", "L" + RuntimeNames.MEMORY + ";");
        mv.visitFieldInsn(PUTSTATIC, className, "MEM0", "L" + RuntimeNames.MEMORY + ";");
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** A diagnostic ({@code exec.Crossings}): chunk loops count their passes. */
    private static final boolean COUNT_CROSSINGS = Boolean.getBoolean("trapdoor.jit.countCrossings");

    /**
     * {@code run(int fp, int entry)}: the loop that runs the chunks after an exit, for a function whose chunks all
     * live in this class. It calls them directly, which costs a chunk crossing much less than a call through a method
     * handle ({@code JitRt.runChunks} does that for functions of more classes).
     */
    private static void dispatcher(ClassWriter cw, String className, int chunks, int[] ids, int[] idChunks) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "run", "(II)V", null, null);
        mv.visitCode();
        Label loop = new Label();
        Label done = new Label();
        Label stay = new Label();
        Label stray = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitJumpInsn(IFLT, done);
        // The store's poll (constant false, folded by C2) guards the check whether the frame must leave.
        mv.visitInvokeDynamicInsn("poll", "()Z", PollExits.POLL);
        mv.visitJumpInsn(IFEQ, stay);
        mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "leaving", "(" + CONTEXT_DESC + "II)Z", false);
        mv.visitJumpInsn(IFNE, done);
        mv.visitLabel(stay);
        if (COUNT_CROSSINGS) {
            mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "crossing", "(" + CONTEXT_DESC + "I)V", false);
        }
        Label[] cases = new Label[chunks];
        for (int i = 0; i < chunks; i++) {
            cases[i] = new Label();
        }
        mv.visitVarInsn(ILOAD, 1);
        if (ids == null && idChunks.length <= DIRECT_ENTRIES) {
            // Dense numbers (DenseEntries): number → chunk in a tableswitch; 0, the function's start, never comes here.
            Label[] byNumber = new Label[idChunks.length - 1];
            for (int i = 1; i < idChunks.length; i++) {
                byNumber[i - 1] = cases[idChunks[i]];
            }
            mv.visitTableSwitchInsn(1, idChunks.length - 1, stray, byNumber);
        } else if (ids != null && ids.length <= DIRECT_ENTRIES) {
            // Entry id to chunk in one switch: C2 compiles it to compares, with no table to read.
            Label[] byId = new Label[ids.length];
            for (int i = 0; i < ids.length; i++) {
                byId[i] = cases[idChunks[i]];
            }
            mv.visitLookupSwitchInsn(stray, ids, byId);
        } else {
            mv.visitInsn(POP);
            mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, CONTEXT, "chunkOf", "(I)I", false);
            mv.visitTableSwitchInsn(0, chunks - 1, stray, cases);
        }
        // No chunk takes the id: an after-call poll's exit (the store's switch went back before the check above)
        // goes on in the interpreter all the same; any other id is a compiler bug.
        mv.visitLabel(stray);
        mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "stray", "(" + CONTEXT_DESC + "II)V", false);
        mv.visitJumpInsn(GOTO, done);
        for (int i = 0; i < chunks; i++) {
            mv.visitLabel(cases[i]);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, className, "c" + i, RuntimeNames.CHUNK_DESC, false);
            mv.visitVarInsn(ISTORE, 1);
            mv.visitJumpInsn(GOTO, loop);
        }
        mv.visitLabel(done);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Entry ids the chunk loop maps to chunks in its own switch (8 bytes each: the loop stays small for C2). */
    private static final int DIRECT_ENTRIES = 600;

    private static void entryMethod(ClassWriter cw, String className, int chunks, int[] ids, int[] idChunks,
                                    boolean tailCalls) {
        boolean local = chunks > 1 && chunks <= ClassParts.CHUNKS_PER_CLASS;
        if (local) {
            dispatcher(cw, className, chunks, ids, idChunks);
        }
        entryMethod(cw, className, local, "call", tailCalls);
        if (tailCalls) {
            // What the runtime's trampoline runs: the same, leaving a tail call pending for the trampoline's loop.
            entryMethod(cw, className, local, TAIL_BODY, false);
        }
    }

    /** Name of the entry that leaves a tail call pending (a function that makes none has only {@code call}). */
    public static final String TAIL_BODY = "body";

    private static void entryMethod(ClassWriter cw, String className, boolean local, String name,
                                    boolean finishTailCalls) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, name, RuntimeNames.ENTRY_DESC, null, null);
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "enter", "(" + CONTEXT_DESC + "I)V", false);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, className, "c0", RuntimeNames.CHUNK_DESC, false);
        // Even a function of one chunk may exit before its return: a loop header's poll lets its frame out.
        Label done = new Label();
        mv.visitVarInsn(ISTORE, 1);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitJumpInsn(IFLT, done);
        if (local) {
            mv.visitVarInsn(ILOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, className, "run", "(II)V", false);
        } else {
            mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "runChunks", "(" + CONTEXT_DESC + "II)V", false);
        }
        mv.visitLabel(done);
        mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, "leave", "(" + CONTEXT_DESC + ")V", false);
        if (finishTailCalls) {
            // The frame is gone; a callee it named runs in its place, from the runtime's loop.
            mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitMethodInsn(INVOKESTATIC, TailCallEmitter.RUNTIME, "finish", "(" + CONTEXT_DESC + "I)V", false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
