package dev.trapdoor.engine.instr;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.binary.RefTypes;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.model.TypeCode;

/**
 * The {@code 0xFB}-prefixed instructions of 3.0's GC, by sub-opcode: names, and their immediates as
 * {@link Opcode#GC} instructions hold them (the sub-opcode first, then type and field or segment indices, counts;
 * {@code ref.test}/{@code ref.cast} a reference {@link TypeCode}; {@code br_on_cast} the label and both types).
 */
public final class GcOpcodes {
    /** The last sub-opcode ({@code i31.get_u}). */
    public static final int LAST = 30;

    private static final String[] NAMES = {"struct.new", "struct.new_default", "struct.get", "struct.get_s",
        "struct.get_u", "struct.set", "array.new", "array.new_default", "array.new_fixed", "array.new_data",
        "array.new_elem", "array.get", "array.get_s", "array.get_u", "array.set", "array.len", "array.fill",
        "array.copy", "array.init_data", "array.init_elem", "ref.test", "ref.test", "ref.cast", "ref.cast",
        "br_on_cast", "br_on_cast_fail", "any.convert_extern", "extern.convert_any", "ref.i31", "i31.get_s",
        "i31.get_u"};

    private GcOpcodes() {
    }

    public static String name(long sub) {
        return sub >= 0 && sub <= LAST ? NAMES[(int) sub] : "gc." + sub;
    }

    /** {@code ref.eq}, which has no 0xFB sub-opcode: its opcode stands for it where a sub-opcode is expected. */
    public static final int REF_EQ = 0xD3;

    /**
     * How many operands GC operation {@code sub} (or {@link #REF_EQ}) pops, for a valid instruction of {@code module}
     * with immediates {@code immA} (the type index) and {@code immB} ({@code array.new_fixed}'s length). Both tiers lay
     * them out in consecutive slots from the first.
     */
    public static int operands(dev.trapdoor.engine.model.WasmModule module, int sub, int immA, int immB) {
        return switch (sub) {
            case 0 -> module.types().get(immA).fieldCount();
            case 1 -> 0;
            case 8 -> immB;
            case 2, 3, 4, 7, 15, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30 -> 1;
            case 5, 6, 9, 10, 11, 12, 13, REF_EQ -> 2;
            case 14 -> 3;
            case 16, 18, 19 -> 4;
            case 17 -> 5;
            default -> throw new IllegalStateException("no GC sub-opcode " + sub);
        };
    }

    /** Whether GC operation {@code sub} allocates an object (so a collection may run first). */
    public static boolean allocates(int sub) {
        return sub <= 1 || sub >= 6 && sub <= 10;
    }

    /** Reads sub-opcode {@code sub}'s immediates (the sub-opcode already read); {@code null} when it is illegal. */
    static long[] read(long sub, ByteReader r) {
        if (sub < 0 || sub > LAST) {
            return null;
        }
        int s = (int) sub;
        return switch (s) {
            case 0, 1, 6, 7, 11, 12, 13, 14, 16 -> new long[] {sub, r.u32Long()};
            case 2, 3, 4, 5, 8, 9, 10, 17, 18, 19 -> new long[] {sub, r.u32Long(), r.u32Long()};
            case 20, 21, 22, 23 -> new long[] {sub, TypeCode.ref((s & 1) == 1, heapType(r))};
            case 24, 25 -> {
                int at = r.pos();
                int flags = r.u8();
                if (flags > 3) {
                    throw new MalformedModuleException(at, "malformed br_on_cast flags");
                }
                long label = r.u32Long();
                int rt1 = TypeCode.ref((flags & 1) != 0, heapType(r));
                yield new long[] {sub, label, rt1, TypeCode.ref((flags & 2) != 0, heapType(r))};
            }
            default -> new long[] {sub};
        };
    }

    private static int heapType(ByteReader r) {
        int at = r.pos();
        int heap = RefTypes.heapType(r);
        if (heap < 0) {
            throw new MalformedModuleException(at, "malformed heap type");
        }
        return heap;
    }

    /** The text of a GC instruction's immediates, after its name. */
    static String text(Instruction in) {
        StringBuilder sb = new StringBuilder(name(in.immediate(0)));
        int sub = (int) in.immediate(0);
        for (int i = 1; i < in.immediateCount(); i++) {
            long v = in.immediate(i);
            boolean type = (sub >= 20 && sub <= 23) || (sub >= 24 && i >= 2);
            sb.append(' ').append(type ? TypeCode.text((int) v) : Long.toString(v));
        }
        return sb.toString();
    }
}
