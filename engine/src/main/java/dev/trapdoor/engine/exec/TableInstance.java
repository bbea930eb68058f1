package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;

import java.util.Arrays;

/** A table of references: function addresses in the store, or host values, or {@link Values#NULL_REF}. */
public final class TableInstance implements Extern {
    private final ValType elemType;
    private final int elemCode;
    private final long max;
    private final boolean hasMax;
    /** A 64-bit table (table64): its indices are i64, though its size is bounded by the host's limit. */
    private final boolean is64;
    /** The host's limit ({@link EngineConfig#maxTableElements}); a grow beyond it fails as the spec allows. */
    private final long hostLimit;
    long[] elements;

    /** A table under the default host limit, {@link EngineConfig#DEFAULT_MAX_TABLE_ELEMENTS}. */
    public TableInstance(TableType type, long init) {
        this(type, init, EngineConfig.DEFAULT_MAX_TABLE_ELEMENTS);
    }

    /** @throws IllegalArgumentException naming the declared size if the minimum is over {@code hostLimit} */
    public TableInstance(TableType type, long init, int hostLimit) {
        this.elemType = type.elemType();
        this.elemCode = type.elemCode();
        this.is64 = type.is64();
        this.hasMax = type.limits().hasMax();
        this.max = hasMax ? type.limits().max() : is64 ? -1L : 0xFFFF_FFFFL;
        this.hostLimit = hostLimit;
        long min = type.limits().min();
        if (Long.compareUnsigned(min, hostLimit) > 0) {
            throw new IllegalArgumentException("a table of " + Long.toUnsignedString(min)
                    + " elements is over the host's limit of " + hostLimit + " (maxTableElements)");
        }
        this.elements = new long[(int) min];
        Arrays.fill(elements, init);
    }

    public ValType elemType() {
        return elemType;
    }

    public int size() {
        return elements.length;
    }

    /** The table's current type: its limits' minimum is the current size, as import matching requires. */
    public TableType type() {
        return TableType.of(elemCode, new Limits(elements.length, hasMax ? max : Limits.NO_MAX, is64));
    }

    /** Whether this is a 64-bit table (table64): its indices are i64. */
    public boolean is64() {
        return is64;
    }

    /** Declared maximum, or {@code 0xFFFFFFFF} (2^64 - 1 for a 64-bit table) when none was declared. */
    public long max() {
        return max;
    }

    public long get(int index) {
        return elements[index];
    }

    public void set(int index, long ref) {
        elements[index] = ref;
    }

    /** Grows by {@code delta} elements filled with {@code init}; returns the old size, or -1 when it cannot grow. */
    public int grow(int delta, long init) {
        long oldSize = elements.length;
        long newSize = oldSize + Integer.toUnsignedLong(delta);
        if (Long.compareUnsigned(newSize, max) > 0 || newSize > hostLimit) {
            return -1;
        }
        long[] grown;
        try {
            grown = Arrays.copyOf(elements, (int) newSize);
        } catch (OutOfMemoryError e) {
            return -1;
        }
        Arrays.fill(grown, (int) oldSize, (int) newSize, init);
        elements = grown;
        return (int) oldSize;
    }
}
