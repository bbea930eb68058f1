package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.DataSegment;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;

/**
 * GC's instructions, the interpreter's second dispatch method for them ({@link Op#GC}{@code + sub}, reached through
 * {@link SlowOps}): {@code dst src a b}, operands in consecutive slots from {@code src}, the result in {@code dst},
 * {@code a} and {@code b} the instruction's immediates ({@link GcTranslation}).
 */
final class GcOps {
    /** {@code ref.eq}, which has no 0xFB sub-opcode. */
    static final int REF_EQ = dev.trapdoor.engine.instr.GcOpcodes.REF_EQ;

    private GcOps() {
    }

    /**
     * Runs one instruction. When the JVM runs out of heap on the way (only allocation can, and an allocating
     * instruction writes nothing before its object exists), the store's GC heap collects and the instruction runs
     * once more; failing again, the guest traps.
     */
    static int exec(Interpreter self, int op, int[] code, int pc, long[] s, int fp) {
        exec(self, self.instance(), op - Op.GC, fp + code[pc + 1], fp + code[pc + 2], code[pc + 3], code[pc + 4], s, fp,
                -1);
        return pc + Op.GC_LENGTH;
    }

    /**
     * Runs operation {@code sub} of {@code inst}'s code with absolute slots {@code dst} and {@code src} of {@code s}.
     * {@code top} is -1 for the interpreter's running frame at {@code fp}; from compiled code ({@link JitGc}) it is
     * the end of the live slots of the frame at {@code fp}, whose references it stored there, so that a collection
     * this allocation starts sees them.
     */
    static void exec(Interpreter self, Instance inst, int sub, int dst, int src, int a, int b, long[] s, int fp,
                     int top) {
        try {
            run(self, inst, sub, dst, src, a, b, s, fp, top);
        } catch (OutOfMemoryError e) {
            try {
                self.store.gcHeap().collect(self, fp, top, null);
                run(self, inst, sub, dst, src, a, b, s, fp, top);
            } catch (OutOfMemoryError again) {
                throw outOfMemory();
            }
        }
    }

    private static void run(Interpreter self, Instance inst, int sub, int dst, int src, int a, int b, long[] s, int fp,
                            int top) {
        switch (sub) {
            case 0 -> {
                FuncType t = inst.module.types().get(a);
                GcObject o = new GcObject(inst, a, new long[t.fieldCount()]);
                for (int i = 0; i < o.values.length; i++) {
                    o.values[i] = pack(t.fieldCode(i), s[src + i]);
                    if (o.highs != null) {
                        o.highs[i] = self.hi[src + i];
                    }
                }
                s[dst] = alloc(self, fp, top, o);
            }
            case 1 -> {
                FuncType t = inst.module.types().get(a);
                long[] values = new long[t.fieldCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = defaultValue(t.fieldCode(i));
                }
                s[dst] = alloc(self, fp, top, new GcObject(inst, a, values));
            }
            case 2, 3, 4 -> {
                GcObject o = struct(inst, s[src]);
                s[dst] = unpack(o.values[b], inst.module.types().get(a).fieldCode(b), sub == 3);
                if (o.highs != null) {
                    self.hi[dst] = o.highs[b];
                }
            }
            case 5 -> {
                GcObject o = struct(inst, s[src]);
                o.values[b] = pack(inst.module.types().get(a).fieldCode(b), s[src + 1]);
                if (o.highs != null) {
                    o.highs[b] = self.hi[src + 1];
                }
            }
            case 6, 7 -> {
                int elem = inst.module.types().get(a).fieldCode(0);
                int length = (int) s[src + (sub == 6 ? 1 : 0)];
                GcObject o = new GcObject(inst, a, newArray(length));
                java.util.Arrays.fill(o.values, sub == 6 ? pack(elem, s[src]) : defaultValue(elem));
                if (o.highs != null && sub == 6) {
                    java.util.Arrays.fill(o.highs, self.hi[src]);
                }
                s[dst] = alloc(self, fp, top, o);
            }
            case 8 -> {
                int elem = inst.module.types().get(a).fieldCode(0);
                GcObject o = new GcObject(inst, a, newArray(b));
                for (int i = 0; i < b; i++) {
                    o.values[i] = pack(elem, s[src + i]);
                    if (o.highs != null) {
                        o.highs[i] = self.hi[src + i];
                    }
                }
                s[dst] = alloc(self, fp, top, o);
            }
            case 9, 10 -> {
                // The segment's bounds are checked before anything is allocated.
                fromSegment(inst, sub == 9, a, b, null, 0, (int) s[src], (int) s[src + 1]);
                GcObject o = new GcObject(inst, a, newArray((int) s[src + 1]));
                fromSegment(inst, sub == 9, a, b, o, 0, (int) s[src], o.values.length);
                s[dst] = alloc(self, fp, top, o);
            }
            case 11, 12, 13 -> {
                GcObject o = array(inst, s[src]);
                int i = index(o, (int) s[src + 1], 1);
                s[dst] = unpack(o.values[i], inst.module.types().get(a).fieldCode(0), sub == 12);
                if (o.highs != null) {
                    self.hi[dst] = o.highs[i];
                }
            }
            case 14 -> {
                GcObject o = array(inst, s[src]);
                int i = index(o, (int) s[src + 1], 1);
                o.values[i] = pack(inst.module.types().get(a).fieldCode(0), s[src + 2]);
                if (o.highs != null) {
                    o.highs[i] = self.hi[src + 2];
                }
            }
            case 15 -> s[dst] = array(inst, s[src]).values.length;
            case 16 -> {
                GcObject o = array(inst, s[src]);
                int n = (int) s[src + 3];
                int from = index(o, (int) s[src + 1], n);
                java.util.Arrays.fill(o.values, from, from + n, pack(o.fieldCode(0), s[src + 2]));
                if (o.highs != null) {
                    java.util.Arrays.fill(o.highs, from, from + n, self.hi[src + 2]);
                }
            }
            case 17 -> {
                GcObject to = array(inst, s[src]);
                GcObject from = array(inst, s[src + 2]);
                int n = (int) s[src + 4];
                int d = index(to, (int) s[src + 1], n);
                int f = index(from, (int) s[src + 3], n);
                System.arraycopy(from.values, f, to.values, d, n);
                if (to.highs != null && from.highs != null) {
                    System.arraycopy(from.highs, f, to.highs, d, n);
                }
            }
            case 18, 19 -> {
                GcObject o = array(inst, s[src]);
                int n = (int) s[src + 3];
                int d = index(o, (int) s[src + 1], n);
                fromSegment(inst, sub == 18, a, b, o, d, (int) s[src + 2], n);
            }
            case 20, 21 -> s[dst] = GcCasts.test(inst, s[src], a) ? 1 : 0;
            case 22, 23 -> {
                if (!GcCasts.test(inst, s[src], a)) {
                    throw GcCasts.failure(inst, s[src], a);
                }
                s[dst] = s[src];
            }
            case 26 -> s[dst] = s[src];
            case 27 -> {
                // As an externref the object may go where no collection looks (compiled code, the host).
                self.store.gcHeap().externalize(s[src]);
                s[dst] = s[src];
            }
            case 28 -> s[dst] = GcRefs.i31((int) s[src]);
            case 29, 30 -> {
                long ref = s[src];
                if (ref == Values.NULL_REF) {
                    throw new TrapSignal(TrapKind.NULL_I31_REFERENCE, new TrapDetail.None());
                }
                s[dst] = sub == 29 ? GcRefs.i31Signed(ref) : GcRefs.i31Unsigned(ref);
            }
            case REF_EQ -> s[dst] = s[src] == s[src + 1] ? 1 : 0;
            default -> throw new IllegalStateException("unknown GC operation " + sub);
        }
    }

    private static long alloc(Interpreter self, int fp, int top, GcObject o) {
        return self.store.gcHeap().add(o, self, fp, top);
    }

    private static long[] newArray(int length) {
        if (length < 0 || length > GcHeap.MAX_OBJECTS) {
            throw outOfMemory();
        }
        return new long[length];
    }

    static TrapSignal outOfMemory() {
        return outOfMemory("the JVM heap cannot hold the object");
    }

    static TrapSignal outOfMemory(String detail) {
        return new TrapSignal(TrapKind.OUT_OF_MEMORY, new TrapDetail.Text(detail));
    }

    /**
     * A segment's values from {@code offset}: data bytes read little-endian at the element's width, or elements;
     * with {@code to} null, only the bounds check.
     */
    private static void fromSegment(Instance inst, boolean data, int typeIndex, int segment, GcObject to, int at,
                                    int offset, int n) {
        int elem = inst.module.types().get(typeIndex).fieldCode(0);
        if (!data) {
            long[] seg = inst.elements[segment];
            if (outside(offset, Integer.toUnsignedLong(n), seg.length)) {
                throw new TrapSignal(TrapKind.TABLE_OUT_OF_BOUNDS, new TrapDetail.Text(String.format(
                        "%d elements from element segment %d (length %d) at %d", Integer.toUnsignedLong(n),
                        segment, seg.length, Integer.toUnsignedLong(offset))));
            }
            if (to != null) {
                System.arraycopy(seg, offset, to.values, at, n);
            }
            return;
        }
        DataSegment seg = inst.module.data().get(segment);
        int length = inst.droppedData[segment] ? 0 : seg.length();
        int width = width(elem);
        if (outside(offset, Integer.toUnsignedLong(n) * width, length)) {
            throw new TrapSignal(TrapKind.MEMORY_OUT_OF_BOUNDS, new TrapDetail.Text(String.format(
                    "%d elements of %d bytes from data segment %d (length %d) at offset %d", Integer.toUnsignedLong(n),
                    width, segment, length, Integer.toUnsignedLong(offset))));
        }
        if (to == null) {
            return;
        }
        byte[] bytes = inst.module.bytes();
        int base = seg.dataOffset() + offset;
        for (int i = 0; i < n; i++) {
            int at8 = base + i * width;
            to.values[at + i] = pack(elem, littleEndian(bytes, at8, Math.min(width, 8)));
            if (width == 16) {
                to.highs[at + i] = littleEndian(bytes, at8 + 8, 8);
            }
        }
    }

    private static long littleEndian(byte[] bytes, int at, int width) {
        long v = 0;
        for (int k = width - 1; k >= 0; k--) {
            v = v << 8 | (bytes[at + k] & 0xFF);
        }
        return v;
    }

    private static boolean outside(int offset, long count, int length) {
        return Integer.toUnsignedLong(offset) + count > length;
    }

    private static int width(int code) {
        return switch (code) {
            case TypeCode.I8 -> 1;
            case TypeCode.I16 -> 2;
            case TypeCode.I32, TypeCode.F32 -> 4;
            case TypeCode.V128 -> 16;
            default -> 8;
        };
    }

    /** Checks {@code [i, i + n)} lies in the array; returns {@code i}. */
    private static int index(GcObject o, int i, int n) {
        return index(o.values, i, n);
    }

    /** Checks {@code [i, i + n)} lies in an array of elements {@code values}; returns {@code i}. */
    static int index(long[] values, int i, int n) {
        if (Integer.toUnsignedLong(i) + Integer.toUnsignedLong(n) > values.length
                || n == 1 && Integer.toUnsignedLong(i) >= values.length) {
            throw new TrapSignal(TrapKind.ARRAY_OUT_OF_BOUNDS, new TrapDetail.Text(String.format(
                    "index %d%s, array length %d", Integer.toUnsignedLong(i),
                    n == 1 ? "" : " count " + Integer.toUnsignedLong(n), values.length)));
        }
        return i;
    }

    static GcObject struct(Instance inst, long ref) {
        if (ref == Values.NULL_REF) {
            throw new TrapSignal(TrapKind.NULL_STRUCTURE_REFERENCE, new TrapDetail.None());
        }
        return inst.store.gcHeap().get(ref);
    }

    static GcObject array(Instance inst, long ref) {
        if (ref == Values.NULL_REF) {
            throw new TrapSignal(TrapKind.NULL_ARRAY_REFERENCE, new TrapDetail.None());
        }
        return inst.store.gcHeap().get(ref);
    }

    /** A slot value as field storage: packed ones masked, i32 and f32 canonical. */
    static long pack(int code, long slot) {
        return switch (code) {
            case TypeCode.I8 -> slot & 0xFF;
            case TypeCode.I16 -> slot & 0xFFFF;
            case TypeCode.I32 -> (int) slot;
            case TypeCode.F32 -> slot & 0xFFFF_FFFFL;
            default -> slot;
        };
    }

    static long unpack(long stored, int code, boolean signed) {
        return switch (code) {
            case TypeCode.I8 -> signed ? (byte) stored : stored;
            case TypeCode.I16 -> signed ? (short) stored : stored;
            default -> stored;
        };
    }

    static long defaultValue(int code) {
        return TypeCode.isRef(code) ? Values.NULL_REF : 0;
    }
}
