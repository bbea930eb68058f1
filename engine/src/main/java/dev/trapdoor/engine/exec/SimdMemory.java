package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * The SIMD loads and stores on memory 0, shared by both tiers: the interpreter's {@link SimdOps} passes its folded
 * constant address part as {@code k}, compiled code passes 0. An access out of bounds throws the trap with the access
 * described before anything is read or written, so both tiers report the same kind, address and detail. The
 * {@code *At} forms take an effective address whose bounds the caller checked: {@link SimdWideAccess} computes it for
 * other memories and 64-bit addresses.
 */
final class SimdMemory {
    private SimdMemory() {
    }

    /**
     * The effective address of a {@code bytes}-wide access: the i32 {@code base + k} (wrapping as the Wasm addition
     * folded into k would) plus the unsigned offset; out of bounds traps with the access described.
     */
    static int address(int size, long base, int k, int offset, int bytes, boolean store) {
        long address = ((int) base + k) & 0xFFFF_FFFFL;
        long unsignedOffset = offset & 0xFFFF_FFFFL;
        long ea = address + unsignedOffset;
        // The storage is reserved past the size: the size alone bounds an access.
        if (ea + bytes > size) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    new TrapDetail.MemoryAccess(store, ea, address, unsignedOffset, bytes, size));
        }
        return (int) ea;
    }

    /** The number of bytes memory instruction {@code sub} reads or writes. */
    static int width(int sub) {
        return switch (sub) {
            case 0x00, 0x0B -> 16;
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0A, 0x5D -> 8;
            case 0x07 -> 1;
            case 0x08 -> 2;
            case 0x09, 0x5C -> 4;
            default -> 1 << ((sub - 0x54) & 3); // the lane forms, 0x54-0x5B: 8, 16, 32, 64 bits, loads then stores
        };
    }

    /** The loads of shape LOAD (whole, extending, splat and zero forms); the result is in {@code x}. */
    static long load(int sub, long mem, int size, long base, int k, int offset, SimdScratch x) {
        return loadAt(sub, mem, address(size, base, k, offset, width(sub), false), x);
    }

    /** {@link #load} at effective address {@code ea}, whose bounds were checked. */
    static long loadAt(int sub, long mem, int ea, SimdScratch x) {
        switch (sub) {
            case 0x00 -> x.set(RawMemory.getLong(mem, ea), RawMemory.getLong(mem, ea + 8));
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 -> {
                long v = RawMemory.getLong(mem, ea);
                int from = 8 << ((sub - 1) >> 1);
                V128.unpack(v, 0, from, (sub & 1) == 1, x.a);
                System.arraycopy(x.a, 0, x.r, 0, 64 / from);
                x.pack(from * 2);
            }
            case 0x07, 0x08, 0x09, 0x0A -> {
                int width = 8 << (sub - 0x07);
                long v = read(mem, ea, width);
                long half = 0;
                for (int i = 0; i < 64 / width; i++) {
                    half |= v << (i * width);
                }
                x.set(half, half);
            }
            case 0x5C -> x.set(RawMemory.getInt(mem, ea) & 0xFFFF_FFFFL, 0);
            default -> x.set(RawMemory.getLong(mem, ea), 0); // 0x5D load64_zero
        }
        return x.lo;
    }

    static void store(long mem, int size, long base, int k, int offset, long lo, long hi) {
        storeAt(mem, address(size, base, k, offset, 16, true), lo, hi);
    }

    static void storeAt(long mem, int ea, long lo, long hi) {
        RawMemory.putLong(mem, ea, lo);
        RawMemory.putLong(mem, ea + 8, hi);
    }

    /** {@code load*_lane}: {@code (lo, hi)} with one lane read from memory; the result is in {@code x}. */
    static long loadLane(int sub, long mem, int size, long base, int k, int offset, int lane, long lo, long hi,
                         SimdScratch x) {
        return loadLaneAt(sub, mem, address(size, base, k, offset, width(sub), false), lane, lo, hi, x);
    }

    static long loadLaneAt(int sub, long mem, int ea, int lane, long lo, long hi, SimdScratch x) {
        int width = 8 * width(sub);
        long v = read(mem, ea, width);
        int per = 64 / width;
        if (lane < per) {
            lo = V128.withLane(lo, width, lane, v);
        } else {
            hi = V128.withLane(hi, width, lane - per, v);
        }
        x.set(lo, hi);
        return lo;
    }

    static void storeLane(int sub, long mem, int size, long base, int k, int offset, int lane, long lo, long hi) {
        storeLaneAt(sub, mem, address(size, base, k, offset, width(sub), true), lane, lo, hi);
    }

    static void storeLaneAt(int sub, long mem, int ea, int lane, long lo, long hi) {
        int width = 8 * width(sub);
        long v = V128.lane(lo, hi, width, lane);
        switch (width) {
            case 8 -> RawMemory.putByte(mem, ea, (byte) v);
            case 16 -> RawMemory.putShort(mem, ea, (short) v);
            case 32 -> RawMemory.putInt(mem, ea, (int) v);
            default -> RawMemory.putLong(mem, ea, v);
        }
    }

    private static long read(long mem, int ea, int width) {
        return switch (width) {
            case 8 -> RawMemory.getByte(mem, ea) & 0xFFL;
            case 16 -> RawMemory.getShort(mem, ea) & 0xFFFFL;
            case 32 -> RawMemory.getInt(mem, ea) & 0xFFFF_FFFFL;
            default -> RawMemory.getLong(mem, ea);
        };
    }
}
