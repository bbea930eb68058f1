package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.error.MalformedModuleException;

import static dev.trapdoor.engine.validate.Types.I32;

/**
 * The {@code 0xFC}-prefixed instructions: saturating truncations, bulk memory and table operations. Their operands
 * are mostly three (destination, source or value, length), checked after the segment, table and memory indices;
 * addresses and lengths have the address type of their memory or table ({@link AddressTypes}).
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
                v.immB = v.r.u32();
                int at = AddressTypes.of(v.memory(v.immB));
                v.dataSegment(v.immA);
                v.emit(op);
                v.pop(I32);
                v.pop(I32);
                v.pop(at);
            }
            case 9 -> {
                v.immA = v.r.u32();
                v.dataSegment(v.immA);
                v.emit(op);
            }
            case 10 -> {
                v.immA = v.r.u32();
                v.immB = v.r.u32();
                int dst = AddressTypes.of(v.memory(v.immA));
                int src = AddressTypes.of(v.memory(v.immB));
                v.emit(op);
                v.pop(AddressTypes.min(dst, src));
                v.pop(src);
                v.pop(dst);
            }
            case 11 -> {
                v.immA = v.r.u32();
                int at = AddressTypes.of(v.memory(v.immA));
                v.emit(op);
                v.pop(at);
                v.pop(I32);
                v.pop(at);
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
                v.pop(I32);
                v.pop(I32);
                v.pop(AddressTypes.of(v.table(v.immB)));
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
                int dstAt = AddressTypes.of(v.table(v.immA));
                int srcAt = AddressTypes.of(v.table(v.immB));
                v.emit(op);
                v.pop(AddressTypes.min(dstAt, srcAt));
                v.pop(srcAt);
                v.pop(dstAt);
            }
            case 15 -> {
                v.immA = v.r.u32();
                int t = v.table(v.immA).elemCode();
                int at = AddressTypes.of(v.table(v.immA));
                v.emit(op);
                v.pop(at);
                v.pop(t);
                v.push(at);
            }
            case 16 -> {
                v.immA = v.r.u32();
                int at = AddressTypes.of(v.table(v.immA));
                v.emit(op);
                v.push(at);
            }
            case 17 -> {
                v.immA = v.r.u32();
                int t = v.table(v.immA).elemCode();
                int at = AddressTypes.of(v.table(v.immA));
                v.emit(op);
                v.pop(at);
                v.pop(t);
                v.pop(at);
            }
            default -> throw new MalformedModuleException(v.instrOffset, "illegal opcode 0xfc " + sub);
        }
    }

}
