package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.error.MalformedModuleException;

import static dev.trapdoor.engine.validate.Types.I32;

/**
 * The {@code 0xFC}-prefixed instructions: saturating truncations, bulk memory and table operations. Their operands
 * are mostly three i32s (destination, source or value, length), checked after the segment and table indices.
 */
final class PrefixedInstructions {
    private PrefixedInstructions() {
    }

    static void step(FunctionValidator v, int sub) {
        int op = 0xFC00 | sub;
        switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> {
                v.emit(op);
                v.pop(NumericSignatures.satOperand(sub));
                v.push(NumericSignatures.satResult(sub));
            }
            case 8 -> {
                v.immA = v.r.u32();
                v.zeroByte();
                v.memory(0);
                v.dataSegment(v.immA);
                v.emit(op);
                popThreeI32(v);
            }
            case 9 -> {
                v.immA = v.r.u32();
                v.dataSegment(v.immA);
                v.emit(op);
            }
            case 10 -> {
                v.zeroByte();
                v.zeroByte();
                v.memory(0);
                v.emit(op);
                popThreeI32(v);
            }
            case 11 -> {
                v.zeroByte();
                v.memory(0);
                v.emit(op);
                popThreeI32(v);
            }
            case 12 -> {
                v.immA = v.r.u32();
                v.immB = v.r.u32();
                int et = v.elemSegment(v.immA);
                int tt = v.table(v.immB).elemCode();
                if (!v.ctx().subtyping.matches(et, tt)) {
                    throw v.invalid("type mismatch: element segment and table types differ");
                }
                v.emit(op);
                popThreeI32(v);
            }
            case 13 -> {
                v.immA = v.r.u32();
                v.elemSegment(v.immA);
                v.emit(op);
            }
            case 14 -> {
                v.immA = v.r.u32();
                v.immB = v.r.u32();
                int dst = v.table(v.immA).elemCode();
                int src = v.table(v.immB).elemCode();
                if (!v.ctx().subtyping.matches(src, dst)) {
                    throw v.invalid("type mismatch: table.copy between tables of different types");
                }
                v.emit(op);
                popThreeI32(v);
            }
            case 15 -> {
                v.immA = v.r.u32();
                int t = v.table(v.immA).elemCode();
                v.emit(op);
                v.pop(I32);
                v.pop(t);
                v.push(I32);
            }
            case 16 -> {
                v.immA = v.r.u32();
                v.table(v.immA);
                v.emit(op);
                v.push(I32);
            }
            case 17 -> {
                v.immA = v.r.u32();
                int t = v.table(v.immA).elemCode();
                v.emit(op);
                v.pop(I32);
                v.pop(t);
                v.pop(I32);
            }
            default -> throw new MalformedModuleException(v.instrOffset, "illegal opcode 0xfc " + sub);
        }
    }

    private static void popThreeI32(FunctionValidator v) {
        v.pop(I32);
        v.pop(I32);
        v.pop(I32);
    }
}
