package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.instr.SimdOpcodes;
import dev.trapdoor.engine.instr.V128Presence;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.validate.FunctionValidator;

/**
 * The translator's SIMD part: emits each {@code 0xFD} instruction as one fixed-length {@link Op#SIMD} instruction
 * (see {@link SimdOps}), and decides which functions are <em>wide</em>: those that may hold a v128 anywhere in their
 * frame. Only a wide function's moves copy both halves of a slot ({@link Op#COPY_V}), so scalar code pays nothing.
 */
final class SimdTranslation {
    /** The validator reports SIMD instructions as {@code BASE + sub}. */
    static final int BASE = 0xFD00;

    private SimdTranslation() {
    }

    /** Whether the function may hold a v128 (see {@link V128Presence#mayHoldV128}). */
    static boolean wide(WasmModule module, int funcIndex) {
        return V128Presence.mayHoldV128(module, funcIndex);
    }

    private static boolean hasV128(ValType[] types) {
        for (ValType t : types) {
            if (t == ValType.V128) {
                return true;
            }
        }
        return false;
    }

    static boolean isV128Global(WasmModule module, int globalIndex) {
        return module.globalTypes().get(globalIndex).type() == ValType.V128;
    }

    /** Makes the translator's moves wide and zeroes the high halves of declared v128 locals on entry. */
    static void prologue(Translator t, int paramCount, ValType[] declared) {
        t.aliases.copyOp = Op.COPY_V;
        t.forwards.copyOp = Op.COPY_V;
        if (hasV128(declared)) {
            t.emit(Op.ZERO_HI, paramCount, paramCount + declared.length);
        }
    }

    static void emit(Translator t, int sub, FunctionValidator v, int h) {
        int op = Op.SIMD + sub;
        switch (SimdOpcodes.shape(sub)) {
            case LOAD -> {
                int[] addr = address(t, h - 1);
                t.emit(op, t.slot(h - 1), addr[0], 0, 0, (int) v.immL, addr[1], 0, 0);
                t.produced(h - 1, t.code.size() - 8);
            }
            case STORE -> {
                int value = t.operand(h - 1);
                int[] addr = address(t, h - 2);
                t.emit(op, 0, addr[0], value, 0, (int) v.immL, addr[1], 0, 0);
            }
            case LOAD_LANE, STORE_LANE -> {
                int vector = t.operand(h - 1);
                int[] addr = address(t, h - 2);
                t.emit(op, t.slot(h - 2), addr[0], vector, 0, (int) v.immL, addr[1], v.immA, 0);
                if (SimdOpcodes.shape(sub) == SimdOpcodes.Shape.LOAD_LANE) {
                    t.produced(h - 2, t.code.size() - 8);
                }
            }
            case CONST -> {
                t.emit(op, t.slot(h), 0, 0, 0, (int) v.immL, (int) (v.immL >>> 32), (int) v.immH,
                        (int) (v.immH >>> 32));
                t.produced(h, t.code.size() - 8);
            }
            case SHUFFLE -> {
                t.emit(op, t.slot(h - 2), t.operand(h - 2), t.operand(h - 1), 0, (int) v.immL,
                        (int) (v.immL >>> 32), (int) v.immH, (int) (v.immH >>> 32));
                t.produced(h - 2, t.code.size() - 8);
            }
            case SPLAT, UNARY, TEST -> {
                t.emit(op, t.slot(h - 1), t.operand(h - 1), 0, 0, 0, 0, 0, 0);
                t.produced(h - 1, t.code.size() - 8);
            }
            case EXTRACT -> {
                t.emit(op, t.slot(h - 1), t.operand(h - 1), 0, 0, 0, 0, v.immA, 0);
                t.produced(h - 1, t.code.size() - 8);
            }
            case REPLACE, SHIFT, BINARY -> {
                t.emit(op, t.slot(h - 2), t.operand(h - 2), t.operand(h - 1), 0, 0, 0, v.immA, 0);
                t.produced(h - 2, t.code.size() - 8);
            }
            case TERNARY -> {
                t.emit(op, t.slot(h - 3), t.operand(h - 3), t.operand(h - 2), t.operand(h - 1), 0, 0, 0, 0);
                t.produced(h - 3, t.code.size() - 8);
            }
            default -> throw new IllegalStateException("SIMD shape of " + sub);
        }
    }

    /** The base slot and constant K of an address operand: a constant address reads the zero slot plus K. */
    private static int[] address(Translator t, int i) {
        if (t.isConst(i)) {
            int k = (int) t.aliases.constant(i);
            t.aliases.clear(i);
            return new int[] {t.zeroSlot(), k};
        }
        return new int[] {t.operand(i), 0};
    }
}
