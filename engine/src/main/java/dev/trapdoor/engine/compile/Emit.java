package dev.trapdoor.engine.compile;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT;
import static dev.trapdoor.engine.compile.RuntimeNames.CONTEXT_DESC;

/**
 * Bytecode idioms over the current chunk's visitor. Every frame slot (interpreter layout: locals, zero slot,
 * operands) is a JVM {@code long} local holding the interpreter's slot representation: an i32 sign-extended (only its
 * low 32 bits count), floats as raw bits, references as store addresses with -1 for null. One representation for all
 * values keeps chunk exits, entries and trap sites uniform; the conversions to {@code int}/{@code double} around each
 * operation cost C2 nothing inside straight-line code. The exception is {@link #intSlots}: locals whose type never
 * changes and is i32 live in {@code int} locals, and {@link #ld}/{@link #st} convert at the moves that want a
 * {@code long}.
 */
final class Emit implements Opcodes {
    /**
     * JVM locals of a chunk method: frame pointer, entry id, the value stack array, linear memory 0's storage address
     * (a {@code long}: two JVM slots; stable for the memory's life) and its size in bytes.
     */
    static final int FP = 0;
    static final int ENTRY = 1;
    static final int S = 2;
    static final int MEM = 3;
    static final int MEM_SIZE = 5;
    static final int SLOT0 = 6;
    /**
     * The JVM types of locals {@link #FP} to {@link #MEM_SIZE}, in order: what a typed entry's descriptor starts with
     * so that it has a chunk's locals layout ({@code EmitLayoutTest} ties the two together).
     */
    static final String FIXED_LOCALS_DESC = "II[JJI";

    /** Pushes what a typed entry takes after {@code fp} in the fixed locals' places: values it never reads. */
    void unusedFixedArgs() {
        calleeSlack();
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(ICONST_0);
    }

    SizeCountingVisitor mv;
    /**
     * Bytes of C2's inlining budget a chunk may spend on {@code JitMemory} calls ({@link MemoryOps#callAllowance});
     * {@code mv.memoryCallBytes} counts what the current chunk spent.
     */
    int memoryCallBytes;
    /** The class the current chunk is in: its {@code CTX} field is the one the chunk reads. */
    String className;
    /** Frame slots the current chunk reads or writes: only these are loaded at its entries. */
    final java.util.BitSet used = new java.util.BitSet();
    /**
     * Frame slots the current chunk writes: only these are spilled at its exits, since every other slot it uses still
     * holds in the value stack what the entry loaded from there.
     */
    final java.util.BitSet written = new java.util.BitSet();
    /** Bytes one spill of every used slot takes (a fill takes the same): the chunk's epilogue grows by this. */
    int slotMoveBytes;
    /**
     * Slots whose fill at the chunk's entries is a real load ({@link Liveness}: live at some entry the chunk has or
     * may get); every other used slot gets a constant for the verifier, which is smaller. Null: every fill counts as
     * a load ({@link LiveFills}).
     */
    java.util.BitSet fullFills;
    /** Bytes the entries' fills of every used slot take, by {@link #fullFills}; {@link #slotMoveBytes} without it. */
    int fillBytes;
    /** Bytes chunk 0's start takes (its parameters filled, every other used slot set to its initial value). */
    int startBytes;
    /** The function's parameter count: the slots chunk 0's start fills rather than zeroes. */
    int paramCount;
    /** Slots from here on (operands) are filled at every entry: liveness covers locals only. */
    int liveLocals;
    /** The high halves of the chunk's v128 slots. */
    final HighHalves high = new HighHalves(this);
    /** Pushed values not stored into their slots yet. */
    final PendingValues pending = new PendingValues(this);

    /**
     * JVM local of each frame slot in the current chunk, given out densely on first use: a chunk of a function with
     * thousands of locals that touches ten of them has ten JVM locals, which keeps ASM's frame computation and C2's
     * work proportional to the chunk, not to the frame.
     */
    private int[] jvmLocal = new int[64];
    /**
     * Frame slots held in a JVM {@code int} local instead of a {@code long}: the function's declared i32 locals (a
     * slot of fixed type). Their {@code long} form (sign-extended) exists only where a move or a generic operation
     * asks for it, so a chunk's exits, which read every written slot, do not keep a second, {@code long} copy of each
     * such local alive in C2's code across a loop (its safepoint's state would hold both).
     */
    final java.util.BitSet intSlots = new java.util.BitSet();
    private int nextLocal = SLOT0;

    /** @param boundParams parameters that arrive as JVM arguments after {@link #MEM} (a typed entry), else 0 */
    void startChunk(int boundParams) {
        pending.clear();
        used.clear();
        written.clear();
        slotMoveBytes = 0;
        fillBytes = 0;
        startBytes = 0;
        java.util.Arrays.fill(jvmLocal, 0);
        if (boundParams > jvmLocal.length) {
            jvmLocal = new int[boundParams];
        }
        nextLocal = SLOT0 + 2 * boundParams;
        for (int i = 0; i < boundParams; i++) {
            // An i32 argument arrives as a long; the typed prologue moves it into an int local of its own.
            jvmLocal[i] = intSlots.get(i) ? freshLocal() : SLOT0 + 2 * i;
            used.set(i);
            // Arguments of a typed entry are not in the value stack until an exit puts them there.
            written.set(i);
            addMoves(i, jvmLocal[i]);
        }
        high.startChunk();
    }

    /**
     * In a typed entry's prologue: moves the i32 arguments (JVM {@code long}s) into their int locals, and in the
     * short convention the others up to their frame slots' places. Last first: an argument's new place is past its
     * own, where only later arguments arrived.
     */
    void takeTypedArgs(int boundParams) {
        for (int i = boundParams - 1; i >= 0; i--) {
            int arrived = TypedCalls.argLocal(i);
            if (intSlots.get(i)) {
                mv.visitVarInsn(LLOAD, arrived);
                mv.visitInsn(L2I);
                mv.visitVarInsn(ISTORE, jvmLocal[i]);
            } else if (arrived != SLOT0 + 2 * i) {
                mv.visitVarInsn(LLOAD, arrived);
                mv.visitVarInsn(LSTORE, SLOT0 + 2 * i);
            }
        }
    }

    /** JVM local words the current chunk has given out so far. */
    int jvmLocals() {
        return nextLocal;
    }

    /** A JVM local of two words that no frame slot uses. */
    int freshLocal() {
        int l = nextLocal;
        nextLocal += 2;
        return l;
    }

    int local(int slot) {
        if (slot >= jvmLocal.length) {
            jvmLocal = java.util.Arrays.copyOf(jvmLocal, Math.max(slot + 1, jvmLocal.length * 2));
        }
        int l = jvmLocal[slot];
        if (l == 0) {
            l = jvmLocal[slot] = nextLocal;
            nextLocal += 2;
            used.set(slot);
            addMoves(slot, l);
        }
        return l;
    }

    /** Counts a newly used slot's spill, fill and initial value in the epilogue's sizes. */
    private void addMoves(int slot, int l) {
        // An int local's move converts too (i2l or l2i).
        int move = moveBytes(slot, l) + (intSlots.get(slot) ? 1 : 0);
        slotMoveBytes += move;
        fillBytes += fullFills == null || slot >= liveLocals || fullFills.get(slot) ? move : LiveFills.zeroBytes(l);
        startBytes += slot < paramCount ? move : LiveFills.zeroBytes(l);
    }

    /**
     * The chunk may now be entered where {@code live} slots are live: their fills become loads. Only the estimate
     * changes; the prologue fills by the entries the chunk ends up with.
     */
    void fillsLive(java.util.BitSet live) {
        if (fullFills == null) {
            return;
        }
        if (live == null) {
            fullFills = null;
            fillBytes = slotMoveBytes;
            return;
        }
        java.util.BitSet added = (java.util.BitSet) live.clone();
        added.andNot(fullFills);
        if (added.isEmpty()) {
            return;
        }
        fullFills.or(added);
        for (int i = added.nextSetBit(0); i >= 0 && i < Math.min(jvmLocal.length, liveLocals);
                i = added.nextSetBit(i + 1)) {
            if (used.get(i)) {
                int l = jvmLocal[i];
                fillBytes += moveBytes(i, l) + (intSlots.get(i) ? 1 : 0) - LiveFills.zeroBytes(l);
            }
        }
    }

    /** The JVM local of used {@code slot} in this chunk. */
    int jvmLocalOf(int slot) {
        return jvmLocal[slot];
    }

    /** Exact size of {@link #fill} of used {@code slot} in this chunk (an int local's conversion included). */
    int moveBytesOf(int slot) {
        return moveBytes(slot, jvmLocal[slot]) + (intSlots.get(slot) ? 1 : 0);
    }

    /** Exact size of {@link #spill} (and of {@link #fill}) of {@code slot} held in JVM local {@code jvmLocal}. */
    static int moveBytes(int slot, int jvmLocal) {
        int index = slot == 0 ? 0 : slot <= 5 ? 2 : slot <= Byte.MAX_VALUE ? 3 : slot <= Short.MAX_VALUE ? 4 : 4;
        // aload, iload, the index, the long load or store (wide past local 255), the array store or load.
        return 1 + 1 + index + (jvmLocal <= 255 ? 2 : 4) + 1;
    }

    void ld(int slot) {
        if (pending.isEmpty()) {
            loadSlot(slot);
            return;
        }
        if (pending.takeStack(slot, true)) {
            return;
        }
        if (!pending.load(slot)) {
            loadSlot(slot);
        }
        pending.pushedAbove(2);
    }

    /** Slot {@code slot}'s local as a {@code long}, leaving {@link #pending} alone. */
    void loadSlot(int slot) {
        if (intSlots.get(slot)) {
            mv.visitVarInsn(ILOAD, local(slot));
            mv.visitInsn(I2L);
        } else {
            mv.visitVarInsn(LLOAD, local(slot));
        }
    }

    void st(int slot) {
        if (pending.deferResults && !intSlots.get(slot)) {
            pending.stackResult(slot, true);
            return;
        }
        if (!pending.isEmpty()) {
            pending.beforeStore(slot);
        }
        storeSlot(slot);
    }

    /** A store into {@code slot}'s local that leaves {@link #pending} alone. */
    void storeSlot(int slot) {
        if (intSlots.get(slot)) {
            mv.visitInsn(L2I);
            mv.visitVarInsn(ISTORE, local(slot));
        } else {
            mv.visitVarInsn(LSTORE, local(slot));
        }
        written.set(slot);
    }

    void ldI(int slot) {
        if (pending.isEmpty()) {
            ldIPlain(slot);
            return;
        }
        if (pending.takeStack(slot, false)) {
            return;
        }
        if (!pending.loadInt(slot)) {
            ldIPlain(slot);
        }
        pending.pushedAbove(1);
    }

    private void ldIPlain(int slot) {
        if (intSlots.get(slot) && (pending.isEmpty() || !pending.holds(slot))) {
            mv.visitVarInsn(ILOAD, local(slot));
            return;
        }
        if (pending.isEmpty() || !pending.load(slot)) {
            loadSlot(slot);
        }
        mv.visitInsn(L2I);
    }

    void stI(int slot) {
        if (intSlots.get(slot)) {
            if (!pending.isEmpty()) {
                pending.beforeStore(slot);
            }
            mv.visitVarInsn(ISTORE, local(slot));
            written.set(slot);
            return;
        }
        if (pending.deferResults) {
            // The next instruction reads it from the JVM stack, or has it widened and stored (StackResults).
            pending.stackResult(slot, false);
            return;
        }
        mv.visitInsn(I2L);
        st(slot);
    }

    void ldF(int slot) {
        ldI(slot);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
    }

    void stF(int slot) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        stI(slot);
    }

    void ldD(int slot) {
        ld(slot);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
    }

    void stD(int slot) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        st(slot);
    }

    /** Sets {@code slot} to 0, or to null ({@code ref}): an int local takes an int constant, not a narrowed long. */
    void zero(int slot, boolean ref) {
        if (intSlots.get(slot) && StackResults.ENABLED) {
            mv.visitInsn(ICONST_0);
            stI(slot);
            return;
        }
        lconst(ref ? -1L : 0L);
        st(slot);
    }

    void copy(int from, int to) {
        if (from == to) {
            return;
        }
        if (intSlots.get(to) && StackResults.ENABLED) {
            // An i32 moves as an int: no l2i after a widened constant or int local (i32.const; local.set).
            ldI(from);
            stI(to);
            return;
        }
        ld(from);
        st(to);
    }

    void iconst(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void lconst(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn((int) (LCONST_0 + v));
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /**
     * In a typed entry, the JVM local holding its depth slack (see {@link TypedCalls}); -1 in a chunk, whose frame the
     * interpreter's {@code jitDepth} counts.
     */
    int slackLocal = -1;

    /** Pushes the depth slack a typed callee gets: one less than this typed entry's, or what the counters leave. */
    void calleeSlack() {
        if (slackLocal >= 0) {
            mv.visitVarInsn(ILOAD, slackLocal);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ISUB);
        } else {
            interpreter();
            rt("slack", "(L" + RuntimeNames.INTERPRETER + ";)I");
        }
    }

    /** The store's interpreter, from the class's own constant. */
    void interpreter() {
        mv.visitFieldInsn(GETSTATIC, className, "IN", "L" + RuntimeNames.INTERPRETER + ";");
    }

    void context() {
        mv.visitFieldInsn(GETSTATIC, className, "CTX", CONTEXT_DESC);
    }

    /** {@code s[fp + slot]} on the stack as an array and index, ready for {@code laload}/{@code lastore}. */
    void stackRef(int slot) {
        mv.visitVarInsn(ALOAD, S);
        mv.visitVarInsn(ILOAD, FP);
        if (slot != 0) {
            iconst(slot);
            mv.visitInsn(IADD);
        }
    }

    /** Frame slot → value stack. */
    void spill(int slot) {
        stackRef(slot);
        ld(slot);
        mv.visitInsn(LASTORE);
    }

    /** Value stack → frame slot. */
    void fill(int slot) {
        stackRef(slot);
        mv.visitInsn(LALOAD);
        st(slot);
    }

    /**
     * Entries and calls reload the value stack and memory 0 through the class's own constants ({@code IN},
     * {@code MEM0}), which C2 folds, rather than through {@code CTX}'s fields, which it does not trust: a chunk's
     * entry then makes three loads instead of five dependent ones. {@code -Dtrapdoor.jit.constantReloads=false}
     * reads them through {@code CTX}.
     */
    private final boolean constantReloads = !"false".equals(System.getProperty("trapdoor.jit.constantReloads"));

    void reloadStack() {
        if (constantReloads) {
            interpreter();
        } else {
            context();
            mv.visitFieldInsn(GETFIELD, CONTEXT, "in", "L" + RuntimeNames.INTERPRETER + ";");
        }
        mv.visitFieldInsn(GETFIELD, RuntimeNames.INTERPRETER, "stack", "[J");
        mv.visitVarInsn(ASTORE, S);
    }

    void reloadMemory() {
        if (constantReloads) {
            mv.visitFieldInsn(GETSTATIC, className, "MEM0", "L" + RuntimeNames.MEMORY + ";");
        } else {
            context();
            mv.visitFieldInsn(GETFIELD, CONTEXT, "mem0", "L" + RuntimeNames.MEMORY + ";");
        }
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, RuntimeNames.MEMORY, "base", "J");
        mv.visitVarInsn(LSTORE, MEM);
        mv.visitFieldInsn(GETFIELD, RuntimeNames.MEMORY, "size", "I");
        mv.visitVarInsn(ISTORE, MEM_SIZE);
    }

    void rt(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, RuntimeNames.RT, name, desc, false);
    }

    /** Pops an int condition already compared by {@code jumpIfTrue} and stores 1 or 0 into {@code dst}. */
    void bool(int jumpIfTrue, int dst) {
        if (pending.deferConditions) {
            pending.condition(dst, jumpIfTrue);
            return;
        }
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jumpIfTrue, yes);
        mv.visitInsn(LCONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(LCONST_1);
        mv.visitLabel(done);
        st(dst);
    }
}
