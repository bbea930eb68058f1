package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.WasmModule;

/**
 * A Wasm struct or array: a JVM object the store's {@link GcHeap} holds. Every field or element is a {@code long}
 * in the slot representation (packed i8/i16 values kept masked to their width), so reads and writes are the
 * interpreter's slot moves; a v128 field or element keeps its high half at the same index of {@code highs} (null when
 * the type has no v128), as the interpreter's {@code hi} array does for slots. {@code type} is the declaring module's definition, type {@code typeIndex} of
 * {@code module} (for field types, packing and names); {@code typeId} the canonical id casts compare.
 */
public final class GcObject {
    final int typeId;
    final FuncType type;
    final long[] values;
    final long[] highs;
    final WasmModule module;
    final int typeIndex;

    GcObject(Instance inst, int typeIndex, long[] values) {
        this.typeId = inst.typeIds[typeIndex];
        this.module = inst.module;
        this.typeIndex = typeIndex;
        this.type = inst.module.types().get(typeIndex);
        this.values = values;
        this.highs = hasV128(type) ? new long[values.length] : null;
    }

    static boolean hasV128(FuncType t) {
        for (int i = 0; i < t.fieldCount(); i++) {
            if (t.fieldCode(i) == dev.trapdoor.engine.model.TypeCode.V128) {
                return true;
            }
        }
        return false;
    }

    /** About what the JVM holds for it: what allocation counts towards the next collection. */
    long bytes() {
        return 48 + 8L * values.length * (highs == null ? 1 : 2);
    }

    public boolean isArray() {
        return type.isArray();
    }

    /** The struct or array type. */
    public FuncType type() {
        return type;
    }

    /** Number of fields or elements. */
    public int length() {
        return values.length;
    }

    /** Field or element {@code i} as a slot value (packed ones zero-extended). */
    public long get(int i) {
        return values[i];
    }

    /** The high half (bytes 8-15) of v128 field or element {@code i}; 0 for other types. */
    public long high(int i) {
        return highs == null ? 0 : highs[i];
    }

    /** Sets v128 field or element {@code i} (the debugger's Set Value). */
    public void setV128(int i, long low, long high) {
        values[i] = low;
        highs[i] = high;
    }

    /** The storage type ({@code TypeCode}) of field or element {@code i}. */
    public int fieldCode(int i) {
        return type.fieldCode(type.isArray() ? 0 : i);
    }

    public boolean fieldMutable(int i) {
        return type.fieldMutable(type.isArray() ? 0 : i);
    }

    /** Sets field or element {@code i} from a slot value (the debugger's Set Value). */
    public void set(int i, long slot) {
        values[i] = GcOps.pack(fieldCode(i), slot);
    }
}
