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

/**
 * A linear memory: one contiguous {@code byte[]} read and written little-endian through {@link VarHandle}s, so each
 * access costs one bounds check. Growing copies into a larger array.
 *
 * <p>The accessors here are for hosts (WASI, the debugger): an access outside the memory throws a
 * {@link Trap} of kind {@link TrapKind#MEMORY_OUT_OF_BOUNDS}. The interpreter reads {@link #bytes} directly.
 */
public final class MemoryInstance implements Extern {
    public static final int PAGE_SIZE = 65536;
    /** The largest memory a Java array can hold; a grow beyond it fails as the spec allows. */
    public static final int MAX_PAGES_IN_JAVA = Integer.MAX_VALUE / PAGE_SIZE;

    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long maxPages;
    byte[] bytes;

    public MemoryInstance(MemoryType type) {
        Limits limits = type.limits();
        this.maxPages = limits.hasMax() ? limits.max() : 65536;
        if (limits.min() > MAX_PAGES_IN_JAVA) {
            throw new IllegalArgumentException("memory of " + limits.min() + " pages exceeds the engine's limit of "
                    + MAX_PAGES_IN_JAVA + " pages");
        }
        this.bytes = new byte[(int) limits.min() * PAGE_SIZE];
    }

    /** Current size in pages. */
    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    /** Current size in bytes. */
    public int byteSize() {
        return bytes.length;
    }

    /** Declared maximum in pages (65536 when none was declared). */
    public long maxPages() {
        return maxPages;
    }

    /** The memory's current type: the minimum is the current size, as import matching requires. */
    public MemoryType type() {
        return new MemoryType(new Limits(pages(), maxPages == 65536 ? Limits.NO_MAX : maxPages));
    }

    /** Grows by {@code deltaPages}; returns the old size in pages, or -1 when it cannot grow. */
    public int grow(int deltaPages) {
        long oldPages = pages();
        long newPages = oldPages + Integer.toUnsignedLong(deltaPages);
        if (newPages > maxPages || newPages > MAX_PAGES_IN_JAVA) {
            return -1;
        }
        if (newPages != oldPages) {
            try {
                bytes = Arrays.copyOf(bytes, (int) (newPages * PAGE_SIZE));
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        return (int) oldPages;
    }

    /** True when {@code [address, address + length)} lies inside the memory; both are unsigned 32-bit. */
    public boolean inBounds(long address, long length) {
        return address >= 0 && length >= 0 && address + length <= bytes.length;
    }

    private int check(long address, long length) {
        if (!inBounds(address, length)) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    String.format("address 0x%x, %d bytes, memory size %d", address, length, bytes.length), -1, -1,
                    List.of());
        }
        return (int) address;
    }

    public byte readByte(long address) {
        return bytes[check(address, 1)];
    }

    public void writeByte(long address, byte value) {
        bytes[check(address, 1)] = value;
    }

    public short readShort(long address) {
        return (short) SHORT.get(bytes, check(address, 2));
    }

    public void writeShort(long address, short value) {
        SHORT.set(bytes, check(address, 2), value);
    }

    public int readInt(long address) {
        return (int) INT.get(bytes, check(address, 4));
    }

    public void writeInt(long address, int value) {
        INT.set(bytes, check(address, 4), value);
    }

    public long readLong(long address) {
        return (long) LONG.get(bytes, check(address, 8));
    }

    public void writeLong(long address, long value) {
        LONG.set(bytes, check(address, 8), value);
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
        System.arraycopy(src, srcOffset, bytes, check(address, length), length);
    }

    public void fill(long address, int length, byte value) {
        int a = check(address, length);
        Arrays.fill(bytes, a, a + length, value);
    }

    /** Reads {@code length} bytes as UTF-8 (malformed sequences become U+FFFD). */
    public String readString(long address, int length) {
        return new String(bytes, check(address, length), length, StandardCharsets.UTF_8);
    }
}
