package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.FunctionValidator;
import dev.trapdoor.engine.validate.WideAccesses;

/**
 * The translator's part for wide accesses ({@link dev.trapdoor.engine.validate.WideAccesses}): memories other than
 * 0 and 64-bit memories and tables. Each becomes one fixed-length {@link Op#WIDE} instruction run by
 * {@link WideMemoryOps}; its operands are read from their stack slots (everything is materialized first), so the
 * optimizations of memory 0's fast path never see them (SIMD accesses: {@link SimdWideAccess}). A {@code call_indirect} through a 64-bit table narrows its
 * index into its own slot first and is then an ordinary {@code call_indirect}.
 */
final class WideMemoryTranslation {
    private WideMemoryTranslation() {
    }

    /** Whether the module may hold wide accesses at all (the translator asks {@link #translated} only then). */
    static boolean possible(WasmModule m) {
        return WideAccesses.possible(m);
    }

    /** Emits the instruction if it is a wide one; returns whether it was. */
    static boolean translated(Translator t, WasmModule m, int op, FunctionValidator v, int h) {
        if (!WideAccesses.isWide(op, v, m)) {
            return false;
        }
        t.materializeAll(h);
        emit(t, m, op, v, h);
        return true;
    }

    private static void emit(Translator t, WasmModule m, int op, FunctionValidator v, int h) {
        if (op >= SimdTranslation.BASE) {
            SimdWideAccess.emit(t, m, op - SimdTranslation.BASE, v, h);
            return;
        }
        if (op >= 0x28 && op <= 0x35) {
            t.emit(Op.WIDE + op, v.memoryIndex, t.slot(h - 1), t.slot(h - 1), (int) v.immL, (int) (v.immL >>> 32),
                    memory64(m, v.memoryIndex));
            return;
        }
        if (op >= 0x36 && op <= 0x3E) {
            t.emit(Op.WIDE + op, v.memoryIndex, t.slot(h - 1), t.slot(h - 2), (int) v.immL, (int) (v.immL >>> 32),
                    memory64(m, v.memoryIndex));
            return;
        }
        int top = t.slot(h - 1);
        int second = t.slot(h - 2);
        int third = t.slot(h - 3);
        switch (op) {
            case 0x3F -> t.emit(Op.WIDE + op, v.immA, t.slot(h), 0, 0, 0, memory64(m, v.immA));
            case 0x40 -> t.emit(Op.WIDE + op, v.immA, top, top, 0, 0, memory64(m, v.immA));
            case 0xFC08 -> t.emit(Op.WIDE + 0x48, v.immB, v.immA, third, second, top, memory64(m, v.immB));
            case 0xFC0A -> t.emit(Op.WIDE + 0x4A, v.immA, v.immB, third, second, top,
                    memory64(m, v.immA) | memory64(m, v.immB) << 1);
            case 0xFC0B -> t.emit(Op.WIDE + 0x4B, v.immA, 0, third, second, top, memory64(m, v.immA));
            case 0x25 -> t.emit(Op.WIDE + op, v.immA, top, top, 0, 0, 1);
            case 0x26 -> t.emit(Op.WIDE + op, v.immA, 0, second, top, 0, 1);
            case 0xFC0C -> t.emit(Op.WIDE + 0x4C, v.immB, v.immA, third, second, top, 1);
            case 0xFC0E -> t.emit(Op.WIDE + 0x4E, v.immA, v.immB, third, second, top,
                    table64(m, v.immA) | table64(m, v.immB) << 1);
            case 0xFC0F -> t.emit(Op.WIDE + 0x4F, v.immA, second, top, 0, 0, 1);
            case 0xFC10 -> t.emit(Op.WIDE + 0x50, v.immA, t.slot(h), 0, 0, 0, 1);
            case 0xFC11 -> t.emit(Op.WIDE + 0x51, v.immA, 0, third, second, top, 1);
            case 0x11 -> {
                t.emit(Op.WIDE + op, 0, top, top, 0, 0, 1);
                var ft = m.types().get(v.immA);
                t.maxHeight = Math.max(t.maxHeight, h - 1 - ft.paramCount() + ft.resultCount());
                t.emit(Op.CALL_INDIRECT, v.immA, v.immB, t.slot(h - 1 - ft.paramCount()), top);
            }
            case 0x13 -> {
                t.emit(Op.WIDE + 0x11, 0, top, top, 0, 0, 1);
                TailCalls.translate(t, v, h, op);
            }
            default -> throw new IllegalStateException("no wide translation for opcode 0x" + Integer.toHexString(op));
        }
    }

    private static int memory64(WasmModule m, int memoryIndex) {
        return m.memories().get(memoryIndex).is64() ? 1 : 0;
    }

    private static int table64(WasmModule m, int tableIndex) {
        return m.tables().get(tableIndex).is64() ? 1 : 0;
    }
}
