package dev.trapdoor.dap.watch;

import dev.trapdoor.engine.model.ValType;

import java.util.function.IntPredicate;

/**
 * One data breakpoint as the client set it: what it watches, how to show it ({@code description}, and the global's
 * type for a global), its condition (a source or Wasm expression, or {@code null}) and hit condition.
 */
public final class Watch {
    private final int id;
    private final WatchTarget target;
    private final String description;
    private final ValType globalType;
    private final String condition;
    private final IntPredicate hitCondition;
    private final boolean reads;
    private int hits;

    public Watch(int id, WatchTarget target, String description, ValType globalType, String condition,
                 IntPredicate hitCondition) {
        this(id, target, description, globalType, condition, hitCondition, false);
    }

    /** @param reads whether loads of the target stop too (DAP access type {@code readWrite}), not only writes */
    public Watch(int id, WatchTarget target, String description, ValType globalType, String condition,
                 IntPredicate hitCondition, boolean reads) {
        this.reads = reads;
        this.id = id;
        this.target = target;
        this.description = description;
        this.globalType = globalType;
        this.condition = condition;
        this.hitCondition = hitCondition;
    }

    public int id() {
        return id;
    }

    public WatchTarget target() {
        return target;
    }

    public String description() {
        return description;
    }

    public boolean reads() {
        return reads;
    }

    public String condition() {
        return condition;
    }

    /** Counts a change whose condition held; whether the hit condition lets it stop. */
    synchronized boolean countHit() {
        hits++;
        return hitCondition == null || hitCondition.test(hits);
    }

    /** The watched bytes as a person reads them: a number for 1, 2, 4 or 8 bytes (and a global), else hex bytes. */
    String show(byte[] bytes) {
        if (bytes == null) {
            return "<out of bounds>";
        }
        if (globalType != null || bytes.length == 1 || bytes.length == 2 || bytes.length == 4 || bytes.length == 8) {
            long v = 0;
            for (int i = Math.min(8, bytes.length) - 1; i >= 0; i--) {
                v = v << 8 | (bytes[i] & 0xFF);
            }
            int bits = Math.min(8, bytes.length) * 8;
            if (globalType == ValType.F32) {
                return Float.toString(Float.intBitsToFloat((int) v));
            }
            if (globalType == ValType.F64) {
                return Double.toString(Double.longBitsToDouble(v));
            }
            if (globalType == ValType.I32) {
                bits = 32;
            }
            long signed = bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
            return signed + " (0x" + Long.toHexString(bits == 64 ? v : v & ((1L << bits) - 1)) + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length && i < 32; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb.append(bytes.length > 32 ? " ..." : "").toString();
    }
}
