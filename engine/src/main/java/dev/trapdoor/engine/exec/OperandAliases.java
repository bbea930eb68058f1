package dev.trapdoor.engine.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What each operand-stack position holds during translation, when its value is not (yet) in its own slot: the local
 * it stands for (after {@code local.get}), or a constant. Consumers read the local or use the constant directly;
 * {@link #materialize} writes the slot where a real one is needed. {@link #snapshot} records the live aliases for the
 * debugger, which must show the operand stack as Wasm defines it.
 */
final class OperandAliases {
    /**
     * Pushes at this height or above are not aliased ({@link Translator}): snapshots then cost nothing above it, and
     * deeper operand stacks than this are rare outside generated tables of constants.
     */
    static final int MAX_ALIASED_HEIGHT = 64;
    static final int NONE = -1;
    static final int CONST = -2;
    /**
     * Only while an access that took an address addition over is marked: the position is {@code base + k}, which
     * no slot holds. Snapshots encode it as {@code SUM_BASE - p} for pool entry p packing both.
     */
    static final int SUM = -3;
    static final int SUM_BASE = Integer.MIN_VALUE / 2;
    /**
     * Likewise for an address {@code (base << k) + K} folded into a scaled load: {@code SHIFT_BASE - p}, with base and
     * k packed in entry p and K in entry p + 1.
     */
    static final int SHIFT = -4;
    static final int SHIFT_BASE = Integer.MIN_VALUE / 4;

    private final IntList code;
    /** {@link Op#COPY}, or {@link Op#COPY_V} in a function that holds v128 values (they need both halves). */
    int copyOp = Op.COPY;
    /** Frame slot of stack position 0. */
    private final int operandBase;
    private int[] alias = new int[16];
    private long[] konst = new long[16];
    private final List<Long> constPool = new ArrayList<>();
    private int shiftAddend;

    OperandAliases(IntList code, int operandBase) {
        this.code = code;
        this.operandBase = operandBase;
        Arrays.fill(alias, NONE);
    }

    private int slot(int i) {
        return operandBase + i;
    }

    /** The local position i aliases, {@link #CONST}, or {@link #NONE}. */
    int get(int i) {
        return i >= 0 && i < alias.length ? alias[i] : NONE;
    }

    boolean isConst(int i) {
        return get(i) == CONST;
    }

    long constant(int i) {
        return konst[i];
    }

    void setLocal(int i, int local) {
        if (i >= alias.length) {
            int old = alias.length;
            alias = Arrays.copyOf(alias, Math.max(i + 1, old * 2));
            konst = Arrays.copyOf(konst, alias.length);
            Arrays.fill(alias, old, alias.length, NONE);
        }
        alias[i] = local;
    }

    void setConst(int i, long value) {
        setLocal(i, CONST);
        konst[i] = value;
    }

    /** Position i is {@code base + k} (i32, wrapping), base a local's or a slot's index; for {@link #snapshot} only. */
    void setSum(int i, int base, int k) {
        setLocal(i, SUM);
        konst[i] = ((long) k << 32) | (base & 0xFFFF_FFFFL);
    }

    /** Position i is {@code (base << k) + addend} (i32); for {@link #snapshot} only, one position at a time. */
    void setShift(int i, int base, int k, int addend) {
        setLocal(i, SHIFT);
        konst[i] = ((long) k << 32) | (base & 0xFFFF_FFFFL);
        shiftAddend = addend;
    }

    void clear(int i) {
        if (i >= 0 && i < alias.length) {
            alias[i] = NONE;
        }
    }

    void clearAll() {
        Arrays.fill(alias, NONE);
    }

    /** Forgets positions [from, to): nothing lives there, and a stale alias must not apply to the next push. */
    void clearFrom(int from, int to) {
        for (int i = Math.max(from, 0); i < to && i < alias.length; i++) {
            alias[i] = NONE;
        }
    }

    /** Where position i is read from: its local, else its slot (written now if it held a constant). */
    int operand(int i) {
        if (isConst(i)) {
            materialize(i);
        }
        int a = get(i);
        return a >= 0 ? a : slot(i);
    }

    void emitConst(int slot, long value) {
        if ((int) value == value) {
            code.add(Op.CONST32);
            code.add(slot);
            code.add((int) value);
        } else {
            code.add(Op.CONST64);
            code.add(slot);
            code.add((int) value);
            code.add((int) (value >>> 32));
        }
    }

    void materialize(int i) {
        int a = get(i);
        if (a == NONE) {
            return;
        }
        alias[i] = NONE;
        if (a == CONST) {
            emitConst(slot(i), konst[i]);
        } else {
            code.add(copyOp);
            code.add(slot(i));
            code.add(a);
        }
    }

    void materializeAll(int h) {
        for (int i = 0; i < h && i < alias.length; i++) {
            materialize(i);
        }
    }

    /** Before local x is written: every operand still reading x gets its own copy first. */
    void materializeLocal(int x, int h) {
        for (int i = 0; i < h && i < alias.length; i++) {
            if (alias[i] == x) {
                materialize(i);
            }
        }
    }

    boolean aliased(int x, int h) {
        for (int i = 0; i < h && i < alias.length; i++) {
            if (alias[i] == x) {
                return true;
            }
        }
        return false;
    }

    /**
     * The aliases live below height h, or null when every operand is in its slot: a local index,
     * {@code -2 - k} for constant k of {@link #pool()}, or {@code SUM_BASE - k} / {@code SHIFT_BASE - k} for a sum
     * or shift packed in entry k.
     */
    int[] snapshot(int h) {
        int[] live = null;
        for (int i = 0; i < h && i < alias.length; i++) {
            if (alias[i] != NONE) {
                if (live == null) {
                    live = new int[h];
                    Arrays.fill(live, NONE);
                }
                if (alias[i] == CONST) {
                    constPool.add(konst[i]);
                    live[i] = -2 - (constPool.size() - 1);
                } else if (alias[i] == SUM) {
                    constPool.add(konst[i]);
                    live[i] = SUM_BASE - (constPool.size() - 1);
                } else if (alias[i] == SHIFT) {
                    constPool.add(konst[i]);
                    constPool.add((long) shiftAddend);
                    live[i] = SHIFT_BASE - (constPool.size() - 2);
                } else {
                    live[i] = alias[i];
                }
            }
        }
        return live;
    }

    /** Adds a constant to the pool: {@code -2 - k} for its entry k, as snapshots encode constants. */
    int pooled(long value) {
        constPool.add(value);
        return -2 - (constPool.size() - 1);
    }

    long[] pool() {
        long[] pool = new long[constPool.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = constPool.get(i);
        }
        return pool;
    }
}
