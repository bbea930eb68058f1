package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.MalformedModuleException;

/**
 * Reads a SIMD instruction after its {@code 0xFD} prefix. The immediates are laid out as {@code [sub]} followed by,
 * per {@link SimdOpcodes.Shape}: {@code align, offset, memory} for loads and stores, {@code align, offset, lane,
 * memory} for the lane forms, {@code lane} for extract and replace, and the 16 bytes as two little-endian longs
 * {@code low, high} for {@code v128.const} and {@code i8x16.shuffle}.
 */
public final class SimdImmediates {
    private static final int MEMARG_MEMORY_INDEX = 0x40;

    private SimdImmediates() {
    }

    static long[] read(ByteReader r, int moduleOffset) {
        long sub = r.u32Long();
        if (SimdOpcodes.name(sub) == null) {
            throw new MalformedModuleException(moduleOffset, String.format("illegal opcode 0xfd %d", sub));
        }
        int code = (int) sub;
        return switch (SimdOpcodes.shape(code)) {
            case LOAD, STORE -> memarg(r, moduleOffset, sub, false);
            case LOAD_LANE, STORE_LANE -> memarg(r, moduleOffset, sub, true);
            case EXTRACT, REPLACE -> new long[] {sub, r.u8()};
            case CONST, SHUFFLE -> new long[] {sub, bytes8(r), bytes8(r)};
            default -> new long[] {sub};
        };
    }

    /**
     * {@code sub, align, offset, lane?, memory}: flags with bit 6 announce a memory index (multi-memory), read after
     * them; the offset is a u64 (3.0), which the validator keeps below 2^32 for a 32-bit memory.
     */
    private static long[] memarg(ByteReader r, int moduleOffset, long sub, boolean lane) {
        long align = r.u32Long();
        if (align >= 0x80) {
            throw new MalformedModuleException(moduleOffset, "malformed memop flags");
        }
        long memory = align >= MEMARG_MEMORY_INDEX ? r.u32Long() : 0;
        long offset = r.u64();
        align &= ~MEMARG_MEMORY_INDEX;
        return lane ? new long[] {sub, align, offset, r.u8(), memory} : new long[] {sub, align, offset, memory};
    }

    /** Eight bytes as a little-endian long. */
    public static long bytes8(ByteReader r) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) r.u8() << (8 * i);
        }
        return v;
    }

    /** The text of a SIMD instruction's immediates, after its mnemonic (lanes and masks as the text format has them). */
    static String text(Instruction in) {
        int sub = (int) in.immediate(0);
        StringBuilder sb = new StringBuilder();
        switch (SimdOpcodes.shape(sub)) {
            case LOAD, STORE, LOAD_LANE, STORE_LANE -> {
                long memory = in.immediate(in.immediateCount() - 1);
                if (memory != 0) {
                    sb.append(' ').append(memory);
                }
                if (in.immediate(2) != 0) {
                    sb.append(" offset=").append(Long.toUnsignedString(in.immediate(2)));
                }
                sb.append(" align=").append(in.immediate(1) < 63 ? Long.toString(1L << in.immediate(1))
                        : "2^" + in.immediate(1));
                if (in.immediateCount() > 4) {
                    sb.append(' ').append(in.immediate(3));
                }
            }
            case EXTRACT, REPLACE -> sb.append(' ').append(in.immediate(1));
            case CONST -> sb.append(String.format(" i32x4 0x%08x 0x%08x 0x%08x 0x%08x", (int) in.immediate(1),
                    (int) (in.immediate(1) >>> 32), (int) in.immediate(2), (int) (in.immediate(2) >>> 32)));
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    sb.append(' ').append((in.immediate(1 + i / 8) >>> (8 * (i % 8))) & 0xFF);
                }
            }
            default -> {
            }
        }
        return sb.toString();
    }
}
