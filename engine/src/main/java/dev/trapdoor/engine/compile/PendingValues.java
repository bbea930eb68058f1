package dev.trapdoor.engine.compile;

import org.objectweb.asm.Opcodes;

/**
 * Operand slots whose value an instruction pushed (a constant or a copy of a local) but that the chunk has not stored
 * yet: the next instruction that reads the slot takes the value where it is instead of from the slot's JVM local.
 *
 * <p>Why: storing every push into its slot's local and loading it back doubles the bytecode of ordinary code
 * ({@code local.get; i32.const; i32.add} was 16 bytes for 5 bytes of work). C2 folds the moves away, but the size
 * counts against {@code FreqInlineSize} (a hot typed entry over 325 bytes is never inlined, so recursion like
 * {@code fib} paid a call per level) and against each chunk's budget.
 *
 * <p>The rule that keeps frame states exact: a value may stay pending only while instructions that cannot exit,
 * branch, call or be polled run ({@link #keeps}); any other instruction, a chunk cut and the end of the chunk find
 * the entries flushed, i.e. every slot holds its value in its local exactly as without this class. A write to a
 * local that an entry copies flushes that entry first. An instruction that can trap (a memory access, a division)
 * may consume entries too: its trap site takes a {@link #snapshot} and its handler stores the entries before the
 * frame is copied, so a trapped frame shows the same operands as in the interpreter.
 */
final class PendingValues implements Opcodes {
    /** At most this many entries: {@code local.get a; local.get b; i32.add} is the shape that matters. */
    private static final int MAX = 2;
    /**
     * Upper bound of {@link #flush}'s bytes: per entry a {@code ldc2_w} or wide {@code lload}, a wide {@code lstore};
     * for a condition the jump, two constants, a {@code goto} and a wide {@code lstore}.
     */
    static final int FLUSH_BYTES = MAX * 8 + 12 + 5;

    private final Emit e;
    private final int[] slot = new int[MAX];
    /** The local an entry copies, or -1 for a constant. */
    private final int[] source = new int[MAX];
    /** A constant entry's value in the slot representation (an i32 or f32 sign-extended). */
    private final long[] value = new long[MAX];
    private int count;
    /**
     * A comparison's result not yet turned into 0 or 1: its operands are on the JVM stack, and {@link #conditionJump}
     * jumps when it holds. It lives only until the next instruction starts, which either branches on it
     * ({@code br_if}, {@code if}), inverts it ({@code i32.eqz}), or has it stored first ({@link #flushCondition}).
     */
    private int conditionSlot = -1;
    private int conditionJump;
    /** Set by the translator around a comparison: {@link Emit#bool} then leaves its result as the condition. */
    boolean deferConditions;
    /**
     * An operand slot whose value the last instruction left on top of the JVM stack (an i32's or f32's bits as an
     * {@code int}, else a {@code long}) instead of storing it into the slot's {@code long} local
     * ({@link StackResults}); -1 if none. Like the condition, it lives only until the next instruction starts,
     * which reads it first or has it stored.
     */
    private int stackSlot = -1;
    /** Whether the stack result is a {@code long} (two words). */
    private boolean stackWide;
    /** JVM stack words the current instruction pushed above the stack result before reading it. */
    private int above;
    /** Set by the translator around an instruction that may leave its i32 result on the JVM stack. */
    boolean deferResults;

    PendingValues(Emit e) {
        this.e = e;
    }

    /**
     * Whether {@code op} leaves pending entries alone: it pushes one itself, or it only reads operands through
     * {@link Emit}'s loads and writes slots through its stores, and cannot trap.
     */
    static boolean keeps(int op) {
        return (op >= 0x41 && op <= 0x44) || (op >= 0x20 && op <= 0x21) || op == 0x23 || op == 0x24
                || MemoryOps.isLoad(op) || MemoryOps.isStore(op) || NumericOps.isNumeric(op);
    }

    /**
     * The operand stack's height after {@code op} (one {@link #keeps}) ran at height {@code h}, as far as entries
     * go: entries at or above it died. A unary operation or a load writes its result over its operand's slot, which
     * drops that entry already; an entry at its slot is still the value.
     */
    static int heightAfter(int op, int h) {
        if ((op >= 0x41 && op <= 0x44) || op == 0x20 || op == 0x23) {
            return h + 1;
        }
        if (MemoryOps.isStore(op)) {
            return h - 2;
        }
        // A reinterpretation emits nothing: its operand's entry is its result.
        return MemoryOps.isLoad(op) || unaryNumeric(op) ? h : h - 1;
    }

    private static boolean unaryNumeric(int op) {
        return op == 0x45 || op == 0x50 || (op >= 0x67 && op <= 0x69) || (op >= 0x79 && op <= 0x7B)
                || (op >= 0x8B && op <= 0x91) || (op >= 0x99 && op <= 0x9F) || (op >= 0xA7 && op <= 0xC4)
                || op >= 0xFC00;
    }

    /** Pending entries as a trap site saw them: its handler stores them ({@link #store}). */
    record Snapshot(int[] slots, int[] sources, long[] values) {
        /** Bytes {@link #store} emits for it, for the chunk's budget. */
        int bytes() {
            int n = 0;
            for (int i = 0; i < slots.length; i++) {
                n += 4 + (sources[i] >= 0 ? 4 : values[i] == 0 || values[i] == 1 ? 1 : 3);
            }
            return n;
        }
    }

    /**
     * The entries now, or null if none; their slots count as used and written from here on, so that the chunk's
     * frame copy (which a trap handler runs) stores them after {@link #store} set them.
     */
    Snapshot snapshot() {
        if (conditionSlot >= 0 || stackSlot >= 0) {
            throw new IllegalStateException("a trap site with a condition or a stack result pending");
        }
        if (count == 0) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            // Both locals must be in the chunk's entry fills: the handler is emitted after the body.
            e.local(slot[i]);
            e.written.set(slot[i]);
            if (source[i] >= 0) {
                e.local(source[i]);
            }
        }
        return new Snapshot(java.util.Arrays.copyOf(slot, count), java.util.Arrays.copyOf(source, count),
                java.util.Arrays.copyOf(value, count));
    }

    /** In a trap handler: sets the slots of {@code s}'s entries as they were when the site took it. */
    void store(Snapshot s) {
        for (int i = 0; i < s.slots.length; i++) {
            if (s.sources[i] < 0) {
                e.lconst(s.values[i]);
            } else {
                e.loadSlot(s.sources[i]);
            }
            e.storeSlot(s.slots[i]);
        }
    }

    boolean isEmpty() {
        return count == 0 && conditionSlot < 0 && stackSlot < 0;
    }

    /**
     * Called by {@link Emit#stI} or {@link Emit#st} while {@link #deferResults}: the {@code int} (or, if {@code wide},
     * the {@code long}) on top of the JVM stack is slot {@code s}'s value.
     */
    void stackResult(int s, boolean wide) {
        if (stackSlot >= 0) {
            throw new IllegalStateException("a second stack result over slot " + stackSlot);
        }
        beforeStore(s);
        stackSlot = s;
        stackWide = wide;
        above = 0;
    }

    /** A read of another slot pushed {@code words} JVM stack words above the stack result (if there is one). */
    void pushedAbove(int words) {
        if (stackSlot >= 0) {
            above += words;
        }
    }

    /**
     * Reads slot {@code s} if it is the stack result: it is already there, under at most the one value that the
     * instruction read first (which is then moved under it); answers whether it was.
     */
    boolean takeStack(int s, boolean asLong) {
        if (s != stackSlot) {
            return false;
        }
        if (above == 1) {
            if (stackWide) {
                e.mv.visitInsn(DUP_X2);
                e.mv.visitInsn(POP);
            } else {
                e.mv.visitInsn(SWAP);
            }
        } else if (above == 2) {
            e.mv.visitInsn(stackWide ? DUP2_X2 : DUP2_X1);
            e.mv.visitInsn(POP2);
        } else if (above != 0) {
            throw new IllegalStateException("stack result of slot " + s + " under " + above + " words");
        }
        if (asLong != stackWide) {
            e.mv.visitInsn(asLong ? I2L : L2I);
        }
        stackSlot = -1;
        return true;
    }

    /** Stores the stack result into its slot, widened as every slot holds it. */
    void flushStack() {
        if (stackSlot < 0) {
            return;
        }
        int s = stackSlot;
        stackSlot = -1;
        if (!stackWide) {
            e.mv.visitInsn(I2L);
        }
        e.storeSlot(s);
    }

    /**
     * Settles what the instruction before {@code op} left pending, before any bytecode of {@code op}: a comparison
     * stays a condition for a {@code br_if}, {@code if} or {@code i32.eqz} that takes it (the validator reports an
     * {@code if} after popping its condition, the others before), becomes a stack result for another consumer when
     * {@code stackResults} allows it, and is stored otherwise; a stack result stays for an instruction that reads it
     * first ({@link StackResults#consumes}) and is stored otherwise. {@code top} is the slot above the operands.
     */
    void beforeInstruction(int op, boolean reachable, int top, boolean stackResults) {
        if (!(reachable && (op == 0x0D || op == 0x45) && conditionAt(top - 1)
                || reachable && op == 0x04 && conditionAt(top))) {
            if (stackResults && reachable && conditionSlot >= 0 && StackResults.consumes(op, conditionSlot, top)) {
                conditionToStack();
            } else {
                flushCondition();
            }
        }
        if (stackSlot >= 0 && !(reachable && StackResults.consumes(op, stackSlot, top))) {
            flushStack();
        }
    }

    /** Turns the pending condition into a stack result: 0 or 1 as an {@code int}, for a consumer that reads it. */
    void conditionToStack() {
        int s = conditionSlot;
        conditionSlot = -1;
        pushCondition(ICONST_0, ICONST_1);
        stackSlot = s;
        stackWide = false;
        above = 0;
    }

    /** Whether slot {@code s} holds the pending condition. */
    boolean conditionAt(int s) {
        return conditionSlot == s;
    }

    /** Called by {@link Emit#bool} while {@link #deferConditions}: the compared operands are on the JVM stack. */
    void condition(int toSlot, int jumpIfTrue) {
        beforeStore(toSlot);
        conditionSlot = toSlot;
        conditionJump = jumpIfTrue;
    }

    /** Takes the condition for a branch: answers the jump that is taken when it holds. */
    int takeCondition() {
        conditionSlot = -1;
        return conditionJump;
    }

    /** {@code i32.eqz} of the condition: the condition that it does not hold. */
    void invertCondition() {
        conditionJump = invert(conditionJump);
    }

    /** The conditional jump taken exactly when {@code jump} is not (on the same operands). */
    static int invert(int jump) {
        return switch (jump) {
            case IFEQ -> IFNE;
            case IFNE -> IFEQ;
            case IFLT -> IFGE;
            case IFGE -> IFLT;
            case IFGT -> IFLE;
            case IFLE -> IFGT;
            case IF_ICMPEQ -> IF_ICMPNE;
            case IF_ICMPNE -> IF_ICMPEQ;
            case IF_ICMPLT -> IF_ICMPGE;
            case IF_ICMPGE -> IF_ICMPLT;
            case IF_ICMPGT -> IF_ICMPLE;
            case IF_ICMPLE -> IF_ICMPGT;
            default -> throw new IllegalArgumentException("not a conditional jump: " + jump);
        };
    }

    /** Stores the condition as 0 or 1 into its slot: the first bytecode of an instruction that does not take it. */
    void flushCondition() {
        if (conditionSlot < 0) {
            return;
        }
        int slot = conditionSlot;
        conditionSlot = -1;
        pushCondition(LCONST_0, LCONST_1);
        e.storeSlot(slot);
    }

    /** Pushes the pending condition's value, {@code zero} or {@code one} (an int or a long constant). */
    private void pushCondition(int zero, int one) {
        org.objectweb.asm.Label yes = new org.objectweb.asm.Label();
        org.objectweb.asm.Label done = new org.objectweb.asm.Label();
        e.mv.visitJumpInsn(conditionJump, yes);
        e.mv.visitInsn(zero);
        e.mv.visitJumpInsn(GOTO, done);
        e.mv.visitLabel(yes);
        e.mv.visitInsn(one);
        e.mv.visitLabel(done);
    }

    void pushConst(int toSlot, long v) {
        push(toSlot, -1, v);
    }

    void pushCopy(int toSlot, int local) {
        push(toSlot, local, 0);
    }

    private void push(int toSlot, int from, long v) {
        int stale = indexOf(toSlot);
        if (stale >= 0) {
            remove(stale);
        }
        if (count == MAX) {
            flushEntry(0);
            remove(0);
        }
        slot[count] = toSlot;
        source[count] = from;
        value[count] = v;
        count++;
    }

    private int indexOf(int s) {
        for (int i = 0; i < count; i++) {
            if (slot[i] == s) {
                return i;
            }
        }
        return -1;
    }

    /** Pushes slot {@code s}'s value as a {@code long} if it is pending; answers whether it did. */
    boolean load(int s) {
        if (s == conditionSlot) {
            throw new IllegalStateException("a condition read as a value: it must have been stored first");
        }
        int i = indexOf(s);
        if (i < 0) {
            return false;
        }
        if (source[i] < 0) {
            e.lconst(value[i]);
        } else {
            e.loadSlot(source[i]);
        }
        return true;
    }

    /** Whether slot {@code s} has a pending constant (not a copy of a local). */
    boolean holdsConstant(int s) {
        int i = indexOf(s);
        return i >= 0 && source[i] < 0;
    }

    /** The value of slot {@code s}'s pending constant ({@link #holdsConstant}), in the slot representation. */
    long constantAt(int s) {
        return value[indexOf(s)];
    }

    /** Whether slot {@code s} has a pending value (a constant or a copy). */
    boolean holds(int s) {
        return indexOf(s) >= 0;
    }

    /**
     * Pushes slot {@code s}'s value as an {@code int} if it is a pending constant or a copy of an int local
     * ({@link Emit#intSlots}); answers whether it did.
     */
    boolean loadInt(int s) {
        int i = indexOf(s);
        if (i < 0) {
            return false;
        }
        if (source[i] < 0) {
            e.iconst((int) value[i]);
            return true;
        }
        if (e.intSlots.get(source[i])) {
            e.mv.visitVarInsn(ILOAD, e.local(source[i]));
            return true;
        }
        return false;
    }

    /** Before a store into slot {@code s}: an entry for {@code s} is overwritten, entries copying {@code s} move out. */
    void beforeStore(int s) {
        for (int i = count - 1; i >= 0; i--) {
            if (slot[i] == s) {
                remove(i);
            } else if (source[i] == s) {
                flushEntry(i);
                remove(i);
            }
        }
    }

    /** After an instruction that left the operand stack's top at slot {@code firstFree - 1}: values above it died. */
    void dropFrom(int firstFree) {
        for (int i = count - 1; i >= 0; i--) {
            if (slot[i] >= firstFree) {
                remove(i);
            }
        }
    }

    /**
     * Stores every entry into its slot, the condition or the stack result first (either is on top of the JVM stack).
     */
    void flush() {
        flushCondition();
        flushStack();
        flushValues();
    }

    /** Stores the constants and copies into their slots, leaving a condition pending. */
    void flushValues() {
        for (int i = 0; i < count; i++) {
            flushEntry(i);
        }
        count = 0;
    }

    void clear() {
        count = 0;
        conditionSlot = -1;
        stackSlot = -1;
    }

    private void flushEntry(int i) {
        if (source[i] < 0) {
            e.lconst(value[i]);
        } else {
            e.loadSlot(source[i]);
        }
        e.storeSlot(slot[i]);
    }

    private void remove(int i) {
        count--;
        for (int j = i; j < count; j++) {
            slot[j] = slot[j + 1];
            source[j] = source[j + 1];
            value[j] = value[j + 1];
        }
    }
}
