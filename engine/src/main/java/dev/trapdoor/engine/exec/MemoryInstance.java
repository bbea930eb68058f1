package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A linear memory: native storage reserved once at a stable {@link #base} address for the memory's whole possible
 * size ({@link RawMemory}), so a grow copies nothing and the address never moves; {@link #size} is the current size,
 * which every access is checked against before it touches the storage. Only {@code [0, size)} is ever zeroed and
 * touched, so only the size costs memory and only the size is charged to the {@link MemoryBudget}; bytes past the size
 * are undefined until a grow zeroes them, and a grow into storage that is still zero writes nothing ({@link
 * #zeroFrom}): a mapped block reads as zero, and in an allocated one the pages the kernel has not backed yet do
 * ({@link PageMap}).
 *
 * <p>The block is freed by {@link #free} once nothing can run on the memory any more, or else by a {@link Cleaner}
 * once the memory is unreachable: code that reads {@link #base} keeps the memory reachable while it uses it.
 *
 * <p>The accessors here are for hosts (WASI, the debugger): an access outside the memory throws a
 * {@link Trap} of kind {@link TrapKind#MEMORY_OUT_OF_BOUNDS}. The interpreter and the compiled tier read
 * {@link #base} directly and check against {@link #size} themselves ({@link #checked}).
 */
public final class MemoryInstance implements Extern {
    public static final int PAGE_SIZE = 65536;
    /** The engine's limit on a memory's size (2^31 - 2^16 bytes); a grow beyond it fails as the spec allows. */
    public static final int MAX_PAGES_IN_JAVA = Integer.MAX_VALUE / PAGE_SIZE;

    private static final Cleaner CLEANER = Cleaner.create();

    private final long maxPages;
    private final boolean hasMax;
    /** A 64-bit memory (memory64): its addresses are i64, though its size is bounded like any other's. */
    private final boolean is64;
    private final MemoryBudget budget;
    /** Address of the storage, stable for the memory's life (0 when nothing is reserved). */
    final long base;
    /** Bytes reserved at {@link #base}: the most the memory can grow to. */
    private final long reserved;
    /**
     * The highest size the memory ever had: bytes at or above it were never inside the memory, so a grow past it
     * zeroes there only what {@link #fresh} says. It never goes down: a snapshot's restore can bring back a smaller
     * size, and the bytes past that keep what the guest wrote until a grow zeroes them.
     */
    private long zeroFrom;
    /** What storage at or above {@link #zeroFrom} holds. */
    private Fresh fresh;
    /** Bytes zeroed in full while {@link #fresh} was {@link Fresh#UNSETTLED}. */
    private long zeroedInFull;
    /**
     * With {@link Fresh#UNBACKED_ZERO}: bytes from {@link #zeroFrom} up to this offset lay on pages the kernel had not
     * backed when last looked at, so they are zero (nobody writes past the size), and a grow that ends below it needs
     * no look at the page map.
     */
    private long knownZero;
    private final Cleaner.Cleanable cleanable;
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
            throw new IllegalArgumentException(String.format("a memory of %s pages (%s bytes) is over the engine's"
                    + " limit of %d pages (%d bytes)", Long.toUnsignedString(limits.min()),
                    Long.toUnsignedString(limits.min() * PAGE_SIZE), MAX_PAGES_IN_JAVA,
                    (long) MAX_PAGES_IN_JAVA * PAGE_SIZE));
        }
        int initial = (int) limits.min() * PAGE_SIZE;
        if (!budget.tryCharge(initial)) {
            throw new MemoryLimitException(initial, budget);
        }
        NativeBlock block;
        try {
            block = RawMemory.reserve(Math.min(maxPages, MAX_PAGES_IN_JAVA) * PAGE_SIZE, initial);
        } catch (OutOfMemoryError e) {
            budget.release(initial);
            throw e;
        }
        this.base = block.address;
        this.reserved = block.length;
        this.fresh = block.lazyZero ? Fresh.ZERO : Fresh.UNSETTLED;
        this.cleanable = CLEANER.register(this, new Release(block));
        zeroUpTo(initial);
    }

    /** What the Cleaner runs: the block alone, never the memory (which would keep it reachable). */
    private record Release(NativeBlock block) implements Runnable {
        @Override
        public void run() {
            RawMemory.release(block);
        }
    }

    /** What never-used storage (at or above {@link #zeroFrom}) holds. */
    private enum Fresh {
        /** Zeros: a mapped block ({@link NativeBlock#lazyZero}). */
        ZERO,
        /** Zeros on every page the kernel has not backed ({@link PageMap}): an allocated block in anonymous memory. */
        UNBACKED_ZERO,
        /** Anything: an allocated block the kernel could not vouch for. */
        UNDEFINED,
        /** Anything, and not asked yet: an allocated block that has not zeroed {@link #SETTLE_AFTER} bytes. */
        UNSETTLED
    }

    /**
     * An allocated block asks the kernel about its storage once it would have zeroed this much in full: below it,
     * writing the zeros costs less than reading {@code /proc/self/maps} (0.2-0.4 ms; a 64 KiB page's zeros cost 16
     * page faults, ~0.2 ms here), and most memories (the spec suites', small modules') never get there.
     */
    private static final long SETTLE_AFTER = 1 << 20;
    /** How far past a grow one read of the page map looks: 512 entries more (4 KiB) in the same read. */
    private static final long LOOK_AHEAD = 2 << 20;

    /** Makes {@code [size, newSize)} zero and makes it the size. */
    private void zeroUpTo(int newSize) {
        if (fresh == Fresh.UNSETTLED && zeroedInFull + newSize - size >= SETTLE_AFTER) {
            fresh = PageMap.anonymous(base, reserved) ? Fresh.UNBACKED_ZERO : Fresh.UNDEFINED;
        }
        boolean freshIsZero = fresh == Fresh.ZERO || fresh == Fresh.UNBACKED_ZERO;
        long inFull = freshIsZero ? Math.min(newSize, zeroFrom) : newSize;
        if (inFull > size) {
            RawMemory.zero(base + size, inFull - size);
            zeroedInFull += inFull - size;
        }
        long neverUsed = Math.max(size, zeroFrom);
        if (fresh == Fresh.UNBACKED_ZERO && newSize > Math.max(neverUsed, knownZero)) {
            // One read of the page map covers this grow and the next LOOK_AHEAD bytes: the next grows, page by page
            // in a malloc loop, find them known zero.
            long from = Math.max(neverUsed, knownZero);
            long ahead = Math.min(reserved, (long) newSize + LOOK_AHEAD);
            knownZero = PageMap.zeroBacked(base + from, base + newSize, base + ahead) - base;
        }
        zeroFrom = Math.max(zeroFrom, newSize);
        size = newSize;
    }

    /**
     * Frees the storage now, for an owner that knows no code will run on this memory again; the size becomes 0, so
     * any later checked access traps instead of touching freed memory. Idempotent. The budget is the store's to settle
     * ({@link MemoryBudget#releaseAll}).
     */
    public synchronized void free() {
        size = 0;
        cleanable.clean();
    }

    /**
     * The index of an access of {@code width} bytes at effective address {@code ea} (negative for addresses at or
     * above 2^31), checked against the size: {@code Objects.checkIndex}, which C2 compiles as one compare, throws
     * {@link IndexOutOfBoundsException}. The compiled tier emits the same.
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

    /** Bytes reserved for growth without copying or moving, the current size included. */
    public int capacity() {
        return (int) reserved;
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
     * maximum, past the engine's limit or the reservation, or past the budget.
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
        if (Long.compareUnsigned(newPages, maxPages) > 0 || newPages * PAGE_SIZE > reserved) {
            return -1;
        }
        int newSize = (int) (newPages * PAGE_SIZE);
        if (!budget.tryCharge(newSize - size)) {
            return -1;
        }
        zeroUpTo(newSize);
        return oldPages;
    }

    /**
     * Sets the size back to {@code newSize} (a snapshot's), charging or releasing the difference: a restored size was
     * reached before, so it fits the reservation. The caller writes every byte of {@code [0, newSize)}.
     */
    void restoreSize(int newSize) {
        if (newSize > reserved) {
            throw new IllegalStateException("a size of " + newSize + " bytes is past the reservation of " + reserved);
        }
        if (newSize > size) {
            budget.forceCharge(newSize - size);
        } else {
            budget.release(size - newSize);
        }
        zeroFrom = Math.max(zeroFrom, newSize);
        size = newSize;
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
        byte v = RawMemory.getByte(base, check(address, 1));
        Reference.reachabilityFence(this);
        return v;
    }

    public void writeByte(long address, byte value) {
        RawMemory.putByte(base, checkWrite(address, 1), value);
        Reference.reachabilityFence(this);
    }

    public short readShort(long address) {
        short v = RawMemory.getShort(base, check(address, 2));
        Reference.reachabilityFence(this);
        return v;
    }

    public void writeShort(long address, short value) {
        RawMemory.putShort(base, checkWrite(address, 2), value);
        Reference.reachabilityFence(this);
    }

    public int readInt(long address) {
        int v = RawMemory.getInt(base, check(address, 4));
        Reference.reachabilityFence(this);
        return v;
    }

    public void writeInt(long address, int value) {
        RawMemory.putInt(base, checkWrite(address, 4), value);
        Reference.reachabilityFence(this);
    }

    public long readLong(long address) {
        long v = RawMemory.getLong(base, check(address, 8));
        Reference.reachabilityFence(this);
        return v;
    }

    public void writeLong(long address, long value) {
        RawMemory.putLong(base, checkWrite(address, 8), value);
        Reference.reachabilityFence(this);
    }

    public byte[] read(long address, int length) {
        check(address, length);
        byte[] out = new byte[length];
        read(address, out, 0, length);
        return out;
    }

    public void read(long address, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        RawMemory.toArray(base, check(address, length), dst, dstOffset, length);
        Reference.reachabilityFence(this);
    }

    public void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    public void write(long address, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        RawMemory.fromArray(src, srcOffset, base, checkWrite(address, length), length);
        Reference.reachabilityFence(this);
    }

    public void fill(long address, int length, byte value) {
        RawMemory.UNSAFE.setMemory(null, base + checkWrite(address, length), length, value);
        Reference.reachabilityFence(this);
    }

    /** Reads {@code length} bytes as UTF-8 (malformed sequences become U+FFFD). */
    public String readString(long address, int length) {
        return new String(read(address, length), StandardCharsets.UTF_8);
    }
}
