package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A linear memory: a {@code byte[]} read and written little-endian through {@link VarHandle}s. The array is the
 * memory's capacity; {@link #size} is its current size, which every access is checked against. A grow within the
 * capacity only moves {@code size}; a grow past it copies into an array of about twice the capacity, so a guest that
 * grows page by page copies each byte O(1) times in all instead of once per grow. The capacity is what the heap holds,
 * so it is what the {@link MemoryBudget} is charged, and it never exceeds the declared maximum nor what the budget
 * allows.
 *
 * <p>The accessors here are for hosts (WASI, the debugger): an access outside the memory throws a
 * {@link Trap} of kind {@link TrapKind#MEMORY_OUT_OF_BOUNDS}. The interpreter and the compiled tier read
 * {@link #bytes} directly and check against {@link #size} themselves ({@link #checked}).
 */
public final class MemoryInstance implements Extern {
    public static final int PAGE_SIZE = 65536;
    /** The largest memory a Java array can hold; a grow beyond it fails as the spec allows. */
    public static final int MAX_PAGES_IN_JAVA = Integer.MAX_VALUE / PAGE_SIZE;

    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long maxPages;
    private final boolean hasMax;
    /** A 64-bit memory (memory64): its addresses are i64, though its size is bounded like any other's. */
    private final boolean is64;
    private final MemoryBudget budget;
    /** The storage; its length is the capacity, at least {@link #size}. Bytes past {@code size} stay zero. */
    byte[] bytes;
    /** The recording that logs what a running host call writes here, or null (see {@link InputLog}). */
    InputLog hostWrites;
    /** Current size in bytes, a multiple of {@link #PAGE_SIZE}. */
    int size;

    /** A memory charged to no budget (host-created memories, tests). */
    public MemoryInstance(MemoryType type) {
        this(type, new MemoryBudget(MemoryBudget.UNLIMITED));
    }

    /**
     * A memory of the type's minimum size, charged to {@code budget}.
     *
     * @throws MemoryLimitException when the budget cannot cover the minimum size
     */
    public MemoryInstance(MemoryType type, MemoryBudget budget) {
        Limits limits = type.limits();
        this.is64 = limits.is64();
        this.hasMax = limits.hasMax();
        this.maxPages = limits.hasMax() ? limits.max() : is64 ? 1L << 48 : 65536;
        this.budget = budget;
        if (Long.compareUnsigned(limits.min(), MAX_PAGES_IN_JAVA) > 0) {
            // One Java array holds a memory (see ARCHITECTURE.md, "Memories are Java arrays").
            throw new IllegalArgumentException(String.format("a memory of %s pages (%s bytes) is over the engine's"
                    + " limit of %d pages (%d bytes, what one Java array holds)", Long.toUnsignedString(limits.min()),
                    Long.toUnsignedString(limits.min() * PAGE_SIZE), MAX_PAGES_IN_JAVA,
                    (long) MAX_PAGES_IN_JAVA * PAGE_SIZE));
        }
        int initial = (int) limits.min() * PAGE_SIZE;
        if (!budget.tryCharge(initial)) {
            throw new MemoryLimitException(initial, budget);
        }
        try {
            this.bytes = new byte[initial];
        } catch (OutOfMemoryError e) {
            budget.release(initial);
            throw e;
        }
        this.size = initial;
    }

    /**
     * The index of an access of {@code width} bytes at effective address {@code ea} (negative for addresses at or
     * above 2^31), checked against the size: {@code Objects.checkIndex}, which C2 compiles like an array's own bounds
     * check, throws {@link IndexOutOfBoundsException} as the array access would. The compiled tier emits the same.
     */
    static int checked(int ea, int size, int width) {
        return Objects.checkIndex(ea, size - width + 1);
    }

    /** Current size in pages. */
    public int pages() {
        return size / PAGE_SIZE;
    }

    /** Current size in bytes. */
    public int byteSize() {
        return size;
    }

    /** Bytes reserved for growth without copying, the current size included. */
    public int capacity() {
        return bytes.length;
    }

    /** Declared maximum in pages (65536, or 2^48 for a 64-bit memory, when none was declared). */
    public long maxPages() {
        return maxPages;
    }

    /** Whether this is a 64-bit memory (memory64): its addresses are i64. */
    public boolean is64() {
        return is64;
    }

    /** The memory's current type: the minimum is the current size, as import matching requires. */
    public MemoryType type() {
        return new MemoryType(new Limits(pages(), hasMax ? maxPages : Limits.NO_MAX, is64));
    }

    /**
     * Grows by {@code deltaPages}; returns the old size in pages, or -1 when it cannot grow: past the declared
     * maximum, past what a Java array holds, past the budget, or when the heap is full.
     */
    public int grow(int deltaPages) {
        return (int) growPages(Integer.toUnsignedLong(deltaPages));
    }

    /** {@link #grow} for an unsigned 64-bit delta (memory64's {@code memory.grow}). */
    public long growPages(long deltaPages) {
        long oldPages = pages();
        if (Long.compareUnsigned(deltaPages, MAX_PAGES_IN_JAVA) > 0) {
            return -1;
        }
        long newPages = oldPages + deltaPages;
        if (Long.compareUnsigned(newPages, maxPages) > 0 || newPages > MAX_PAGES_IN_JAVA) {
            return -1;
        }
        int newSize = (int) (newPages * PAGE_SIZE);
        if (newSize > bytes.length && !reserve(newSize, (int) Math.min(maxPages, MAX_PAGES_IN_JAVA) * PAGE_SIZE)) {
            return -1;
        }
        size = newSize;
        return oldPages;
    }

    /**
     * Moves the bytes into an array of at least {@code needed} bytes: twice the capacity when the maximum and the
     * budget allow it, else exactly {@code needed}. The budget is charged the new capacity; for the time of the copy
     * the old array is live too, which the budget does not count (it would halve what a guest could reach).
     */
    private boolean reserve(int needed, int maxBytes) {
        int old = bytes.length;
        int doubled = (int) Math.min(maxBytes, Math.max((long) needed, 2L * Math.max(old, PAGE_SIZE)));
        for (int capacity : new int[] {doubled, needed}) {
            if (capacity < needed || !budget.tryCharge(capacity - old)) {
                continue;
            }
            try {
                bytes = Arrays.copyOf(bytes, capacity);
                return true;
            } catch (OutOfMemoryError e) {
                budget.release(capacity - old);
            }
        }
        return false;
    }

    /** True when {@code [address, address + length)} lies inside the memory; both are unsigned 32-bit. */
    public boolean inBounds(long address, long length) {
        return address >= 0 && length >= 0 && address + length <= size;
    }

    private int check(long address, long length) {
        if (!inBounds(address, length)) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    String.format("address 0x%x, %d bytes, memory size %d", address, length, size), -1, -1,
                    List.of());
        }
        return (int) address;
    }

    /** {@link #check} for a host-facing write, which a recording's {@link InputLog} hears of during a host call. */
    private int checkWrite(long address, int length) {
        int a = check(address, length);
        InputLog log = hostWrites;
        if (log != null) {
            log.wrote(this, a, length);
        }
        return a;
    }

    public byte readByte(long address) {
        return bytes[check(address, 1)];
    }

    public void writeByte(long address, byte value) {
        bytes[checkWrite(address, 1)] = value;
    }

    public short readShort(long address) {
        return (short) SHORT.get(bytes, check(address, 2));
    }

    public void writeShort(long address, short value) {
        SHORT.set(bytes, checkWrite(address, 2), value);
    }

    public int readInt(long address) {
        return (int) INT.get(bytes, check(address, 4));
    }

    public void writeInt(long address, int value) {
        INT.set(bytes, checkWrite(address, 4), value);
    }

    public long readLong(long address) {
        return (long) LONG.get(bytes, check(address, 8));
    }

    public void writeLong(long address, long value) {
        LONG.set(bytes, checkWrite(address, 8), value);
    }

    public byte[] read(long address, int length) {
        int a = check(address, length);
        return Arrays.copyOfRange(bytes, a, a + length);
    }

    public void read(long address, byte[] dst, int dstOffset, int length) {
        System.arraycopy(bytes, check(address, length), dst, dstOffset, length);
    }

    public void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    public void write(long address, byte[] src, int srcOffset, int length) {
        System.arraycopy(src, srcOffset, bytes, checkWrite(address, length), length);
    }

    public void fill(long address, int length, byte value) {
        int a = checkWrite(address, length);
        Arrays.fill(bytes, a, a + length, value);
    }

    /** Reads {@code length} bytes as UTF-8 (malformed sequences become U+FFFD). */
    public String readString(long address, int length) {
        return new String(bytes, check(address, length), length, StandardCharsets.UTF_8);
    }
}
