package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

/**
 * Trap and call sites. Each instruction that can trap or call is covered by its own exception-table entry, whose
 * handler passes the site number (and, for memory accesses, the address operand) to {@code JitRt.trap}: the runtime
 * then knows the exact module offset and operands without the compiled code tracking a pc. Exception-table entries
 * cost nothing until something is thrown, so a trap site is free on the normal path, as wasmtime's tagged trap sites
 * are.
 */
final class Sites implements Opcodes {
    final List<Integer> offsets = new ArrayList<>();
    final List<Integer> ops = new ArrayList<>();
    final List<Long> memOffsets = new ArrayList<>();
    private final List<int[]> chunkSites = new ArrayList<>();
    private final List<Label> handlers = new ArrayList<>();
    /** Per site of the chunk: the pending values its handler stores first, or null. */
    private final List<PendingValues.Snapshot> pendingAt = new ArrayList<>();
    private Label currentEnd;
    /** What the chunk's handlers spend storing pending values and loading operands (per shared tail). */
    private int pendingBytes;
    /**
     * The chunk's distinct handler tails, by what they do (the pending values stored, the operand loaded): sites that
     * agree share one, so a site's own handler is its number and a jump ({@link #SHARED_TAILS}).
     */
    private final java.util.Map<String, Label> tails = new java.util.HashMap<>();
    /**
     * Whether handlers share their tails (clang -O0's {@code local.get $fp; i32.load} sites all store the same
     * pending copy): off unless {@code -Dtrapdoor.jit.sharedTrapTails=true}. It cut nbody-O0's first chunk by 4%,
     * but made printf twice as slow in every run (0.49-0.56 against 0.25-0.27 ms; benchmarks/RESULTS.md, session 20).
     */
    static final boolean SHARED_TAILS = Boolean.getBoolean("trapdoor.jit.sharedTrapTails");
    /**
     * Whether a load's, store's or numeric operation's handler reaches the common tail through a stub that zeroes the
     * operand slots at and above the instruction's top (as {@link PollExits} does for polls): the spill block the
     * tail runs stores every slot the chunk wrote, so without the stub a long made for an operand slot that is dead at
     * the site (matmul-O2's address of the previous iteration) stays live around the loop for the handler, and C2
     * keeps it, widened, in a register. Nobody sees the zeroes: a trap's frame shows the operands below its height
     * only, and no Wasm handler catches a trap. {@code -Dtrapdoor.jit.trapExitStubs=false} turns them off (read per
     * function, so that a test can compare both).
     */
    private final boolean stubsOn = !"false".equals(System.getProperty("trapdoor.jit.trapExitStubs"));
    /** Stubs per chunk, as {@link PollExits#MAX}; later sites' handlers go straight to the common tail. */
    static final int MAX_STUBS = 4;
    /** This chunk's stubs by the first operand slot dead at their sites. */
    private final java.util.Map<Integer, Label> stubs = new java.util.TreeMap<>();

    void startChunk() {
        chunkSites.clear();
        handlers.clear();
        pendingAt.clear();
        tails.clear();
        stubs.clear();
        pendingBytes = 0;
    }

    /** Upper bound of the bytes the stubs will need, with one more than the chunk has so far (as PollExits'). */
    int stubReserve(int chunkMaxHeight) {
        return stubsOn && !SHARED_TAILS ? Math.min(stubs.size() + 1, MAX_STUBS) * (3 + 5 * (chunkMaxHeight + 2)) : 0;
    }

    /** Bytes the handlers of this chunk's sites need, for the budget (their frame copy is the spill block's). */
    int chunkHandlerBytes() {
        return chunkSites.isEmpty() ? 0 : 64 + (SHARED_TAILS ? 6 : 12) * chunkSites.size() + pendingBytes;
    }

    private static String tailKey(int operandSlot, PendingValues.Snapshot p) {
        return p == null ? Integer.toString(operandSlot) : operandSlot + ":" + java.util.Arrays.toString(p.slots())
                + java.util.Arrays.toString(p.sources()) + java.util.Arrays.toString(p.values());
    }

    boolean any() {
        return !chunkSites.isEmpty();
    }

    /**
     * Opens a site for the instruction at {@code moduleOffset}; {@code operandSlot} is the frame slot whose value the
     * trap detail needs (the address of a memory access), or -1.
     */
    void begin(Emit e, int moduleOffset, int op, int operandSlot, long memOffset) {
        begin(e, moduleOffset, op, operandSlot, memOffset, -1);
    }

    /**
     * As above, for an instruction that neither calls nor reads slots at or above {@code firstDead}, the operand slot
     * of its top: its handler zeroes the long ones the chunk wrote ({@link #stubsOn}).
     */
    void begin(Emit e, int moduleOffset, int op, int operandSlot, long memOffset, int firstDead) {
        Label start = new Label();
        currentEnd = new Label();
        Label handler = new Label();
        e.mv.visitTryCatchBlock(start, currentEnd, handler, "java/lang/Throwable");
        e.mv.visitLabel(start);
        int site = offsets.size();
        offsets.add(moduleOffset);
        ops.add(op);
        memOffsets.add(memOffset);
        if (firstDead >= 0 && stubsOn && !SHARED_TAILS && !stubs.containsKey(firstDead) && stubs.size() < MAX_STUBS) {
            stubs.put(firstDead, new Label());
        }
        chunkSites.add(new int[]{site, operandSlot, firstDead});
        handlers.add(handler);
        PendingValues.Snapshot pending = e.pending.snapshot();
        pendingAt.add(pending);
        if (SHARED_TAILS) {
            if (tails.putIfAbsent(tailKey(operandSlot, pending), new Label()) == null) {
                // The stores, the operand's load (at most 5 bytes), dup2_x1 and pop2, a goto.
                pendingBytes += (pending != null ? pending.bytes() : 0) + 10;
            }
        } else if (pending != null) {
            pendingBytes += pending.bytes();
        }
    }

    void end(Emit e) {
        e.mv.visitLabel(currentEnd);
    }

    /**
     * The chunk's handlers. While a debugger waits for the trap, their common tail points the frame's locals {@code S}
     * and {@code FP} at the copy the runtime hands out and runs the chunk's spill stores ({@code stores}, entered
     * with {@link #TRAPPED} in {@code ENTRY}) into it: that is how a compiled frame shows its locals and operands at a
     * trap, with no cost until something is thrown and no second copy of the per-slot stores in the chunk.
     */
    void emitHandlers(Emit e, Label stores) {
        if (chunkSites.isEmpty()) {
            return;
        }
        Label common = new Label();
        if (SHARED_TAILS) {
            emitSharedTails(e, common);
        } else {
            for (int i = 0; i < chunkSites.size(); i++) {
                int[] s = chunkSites.get(i);
                e.mv.visitLabel(handlers.get(i));
                storePendingAndPushOperand(e, i);
                e.iconst(s[0]);
                Label stub = s[2] >= 0 ? stubs.get(s[2]) : null;
                e.mv.visitJumpInsn(GOTO, stub != null ? stub : common);
            }
            emitStubs(e, common);
        }
        e.mv.visitLabel(common);
        e.context();
        e.mv.visitVarInsn(ILOAD, Emit.FP);
        // (It throws, unless a debugger waits for the trap and wants the frame copied first.)
        e.rt("trapBuffer", "(Ljava/lang/Throwable;JI" + RuntimeNames.CONTEXT_DESC + "I)[J");
        e.high.spillForTrap();
        e.mv.visitVarInsn(ASTORE, Emit.S);
        e.mv.visitInsn(ICONST_0);
        e.mv.visitVarInsn(ISTORE, Emit.FP);
        e.iconst(TRAPPED);
        e.mv.visitVarInsn(ISTORE, Emit.ENTRY);
        e.mv.visitJumpInsn(GOTO, stores);
    }

    /** The stubs: the JVM stack holds the Throwable, the operand and the site number, which they leave alone. */
    private void emitStubs(Emit e, Label common) {
        for (java.util.Map.Entry<Integer, Label> s : stubs.entrySet()) {
            e.mv.visitLabel(s.getValue());
            java.util.BitSet written = e.written;
            for (int i = written.nextSetBit(s.getKey()); i >= 0; i = written.nextSetBit(i + 1)) {
                if (e.intSlots.get(i)) {
                    continue;
                }
                e.mv.visitInsn(LCONST_0);
                e.mv.visitVarInsn(LSTORE, e.local(i));
            }
            e.mv.visitJumpInsn(GOTO, common);
        }
    }

    /**
     * Each site's handler pushes its number and jumps to its tail, which stores the pending values, pushes the
     * operand and puts it under the number, as {@code JitRt.trapBuffer} takes them.
     */
    private void emitSharedTails(Emit e, Label common) {
        for (int i = 0; i < chunkSites.size(); i++) {
            int[] s = chunkSites.get(i);
            e.mv.visitLabel(handlers.get(i));
            e.iconst(s[0]);
            e.mv.visitJumpInsn(GOTO, tails.get(tailKey(s[1], pendingAt.get(i))));
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        for (int i = 0; i < chunkSites.size(); i++) {
            int[] s = chunkSites.get(i);
            String key = tailKey(s[1], pendingAt.get(i));
            if (!done.add(key)) {
                continue;
            }
            e.mv.visitLabel(tails.get(key));
            storePendingAndPushOperand(e, i);
            e.mv.visitInsn(DUP2_X1);
            e.mv.visitInsn(POP2);
            e.mv.visitJumpInsn(GOTO, common);
        }
    }

    /** A site's handler: stores the values pending at the site, then pushes its operand slot (0 when it has none). */
    private void storePendingAndPushOperand(Emit e, int site) {
        if (pendingAt.get(site) != null) {
            e.pending.store(pendingAt.get(site));
        }
        int operand = chunkSites.get(site)[1];
        if (operand >= 0) {
            e.ld(operand);
        } else {
            e.mv.visitInsn(LCONST_0);
        }
    }

    /**
     * The entry id a trap handler runs the spill stores with: no chunk entry has it, nor any id a chunk returns
     * ({@link EntryIds#RETURNED}, {@link TailCallEmitter#PENDING}).
     */
    static final int TRAPPED = -3;

    /**
     * The end of a handler that copied its frame: throws what the runtime says, unless the frame caught a Wasm
     * exception there ({@code JitRt.pendingOrCaught} ran its handler in the interpreter): then the method returns as
     * the function does ({@code typed}: the typed entry's result).
     */
    static void throwOrReturn(Emit e, boolean typed) {
        e.context();
        e.rt("pendingOrCaught", "(" + RuntimeNames.CONTEXT_DESC + ")Ljava/lang/Throwable;");
        Label caught = new Label();
        e.mv.visitInsn(DUP);
        e.mv.visitJumpInsn(IFNULL, caught);
        e.mv.visitInsn(ATHROW);
        e.mv.visitLabel(caught);
        e.mv.visitInsn(POP);
        if (typed) {
            e.context();
            e.rt("caughtTyped", "(" + RuntimeNames.CONTEXT_DESC + ")J");
            e.mv.visitInsn(LRETURN);
        } else {
            e.iconst(EntryIds.RETURNED);
            e.mv.visitInsn(IRETURN);
        }
    }
}
