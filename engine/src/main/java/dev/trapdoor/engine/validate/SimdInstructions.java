package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.ByteReader;
import dev.trapdoor.engine.error.MalformedModuleException;
import dev.trapdoor.engine.instr.SimdImmediates;
import dev.trapdoor.engine.instr.SimdOpcodes;
import dev.trapdoor.engine.model.ValType;

import static dev.trapdoor.engine.validate.Types.I32;
import static dev.trapdoor.engine.validate.Types.V128;

/**
 * The {@code 0xFD}-prefixed instructions, reported to the sink as {@code 0xFD00 + sub} (relaxed SIMD's sub-opcodes
 * run past 0xFF, so they read {@code 0xFE00..0xFE13}). Immediates for the sink: the lane in {@code immA}, the memarg
 * offset in {@code immL} and its memory in {@code memoryIndex} (any memory, of either address type), and the 16
 * bytes of a constant or shuffle mask in {@code immL} (low) and {@code immH}.
 */
final class SimdInstructions {
    /** Opcode base the sink sees: {@code 0xFD00 + sub}. */
    static final int BASE = 0xFD00;

    private SimdInstructions() {
    }

    static void step(FunctionValidator v, long subLong) {
        String name = SimdOpcodes.name(subLong);
        if (name == null) {
            throw new MalformedModuleException(v.instrOffset, String.format("illegal opcode 0xfd %d", subLong));
        }
        int sub = (int) subLong;
        int op = BASE + sub;
        switch (SimdOpcodes.shape(sub)) {
            case LOAD -> {
                int at = v.memarg(SimdOpcodes.naturalAlignment(sub));
                v.emit(op);
                v.pop(at);
                v.push(V128);
            }
            case STORE -> {
                int at = v.memarg(SimdOpcodes.naturalAlignment(sub));
                v.emit(op);
                v.pop(V128);
                v.pop(at);
            }
            case LOAD_LANE, STORE_LANE -> {
                int at = v.memarg(SimdOpcodes.naturalAlignment(sub));
                v.immA = lane(v, sub);
                v.emit(op);
                v.pop(V128);
                v.pop(at);
                if (SimdOpcodes.shape(sub) == SimdOpcodes.Shape.LOAD_LANE) {
                    v.push(V128);
                }
            }
            case CONST -> {
                bytes(v);
                v.emit(op);
                v.push(V128);
            }
            case SHUFFLE -> {
                bytes(v);
                for (int i = 0; i < 16; i++) {
                    long b = ((i < 8 ? v.immL : v.immH) >>> (8 * (i & 7))) & 0xFF;
                    if (b >= 32) {
                        throw v.invalid("invalid lane index");
                    }
                }
                v.emit(op);
                v.pop(V128);
                v.pop(V128);
                v.push(V128);
            }
            case SPLAT -> {
                v.emit(op);
                v.pop(scalar(sub));
                v.push(V128);
            }
            case EXTRACT -> {
                v.immA = lane(v, sub);
                v.emit(op);
                v.pop(V128);
                v.push(scalar(sub));
            }
            case REPLACE -> {
                v.immA = lane(v, sub);
                v.emit(op);
                v.pop(scalar(sub));
                v.pop(V128);
                v.push(V128);
            }
            case UNARY -> {
                v.emit(op);
                v.pop(V128);
                v.push(V128);
            }
            case BINARY -> {
                v.emit(op);
                v.pop(V128);
                v.pop(V128);
                v.push(V128);
            }
            case TERNARY -> {
                v.emit(op);
                v.pop(V128);
                v.pop(V128);
                v.pop(V128);
                v.push(V128);
            }
            case TEST -> {
                v.emit(op);
                v.pop(V128);
                v.push(I32);
            }
            case SHIFT -> {
                v.emit(op);
                v.pop(I32);
                v.pop(V128);
                v.push(V128);
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private static int lane(FunctionValidator v, int sub) {
        int at = v.r.pos();
        int lane = v.r.u8();
        if (lane >= SimdOpcodes.lanes(sub)) {
            v.instrOffset = at;
            throw v.invalid("invalid lane index");
        }
        return lane;
    }

    private static void bytes(FunctionValidator v) {
        ByteReader r = v.r;
        v.immL = SimdImmediates.bytes8(r);
        v.immH = SimdImmediates.bytes8(r);
    }

    private static int scalar(int sub) {
        return Types.of(ValType.fromCode(SimdOpcodes.scalarType(sub)));
    }
}
