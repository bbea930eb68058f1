package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.binary.RefTypes;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;

import static dev.trapdoor.engine.validate.Types.UNKNOWN;

/**
 * The instructions of typed function references: {@code call_ref}, {@code return_call_ref}, {@code ref.as_non_null}, {@code br_on_null} and
 * {@code br_on_non_null}, and reference block types.
 */
final class TypedRefInstructions {
    private TypedRefInstructions() {
    }

    static void step(FunctionValidator v, int op) {
        switch (op) {
            case 0x14 -> {
                v.immA = v.r.u32();
                FuncType ft = GcInstructions.funcType(v, v.immA);
                v.emit(op);
                v.pop(TypeCode.ref(true, v.immA));
                v.popAll(ft.paramCodes());
                v.pushAll(ft.resultCodes());
            }
            case 0x15 -> {
                v.immA = v.r.u32();
                FuncType ft = v.type(v.immA);
                // The callee returns for this function: its results must fit where this function's go.
                int[] results = ft.resultCodes();
                boolean fits = results.length == v.resultTypes.length;
                for (int i = 0; fits && i < results.length; i++) {
                    fits = v.ctx().subtyping.matches(results[i], v.resultTypes[i]);
                }
                if (!fits) {
                    throw v.invalid("type mismatch: the tail call's results " + ft + " are not the function's");
                }
                v.emit(op);
                v.pop(TypeCode.ref(true, v.immA));
                v.popAll(ft.paramCodes());
                v.setUnreachable();
            }
            case 0xD4 -> {
                v.emit(op);
                v.push(nonNull(v, popRef(v)));
            }
            case 0xD5 -> {
                v.immA = v.r.u32();
                int[] types = v.label(v.immA).labelTypes();
                v.emit(op);
                int t = popRef(v);
                v.popAll(types);
                v.pushAll(types);
                v.push(nonNull(v, t));
            }
            case 0xD6 -> {
                v.immA = v.r.u32();
                int[] types = v.label(v.immA).labelTypes();
                v.emit(op);
                if (types.length == 0) {
                    throw v.invalid("type mismatch: br_on_non_null needs a label with a reference type");
                }
                int t = popRef(v);
                int last = types[types.length - 1];
                if (t != UNKNOWN && !v.ctx().subtyping.matches(TypeCode.withNullable(t, false), last)) {
                    throw v.invalid("type mismatch: expected " + Types.name(last) + ", got "
                            + Types.name(TypeCode.withNullable(t, false)));
                }
                int[] rest = java.util.Arrays.copyOf(types, types.length - 1);
                v.popAll(rest);
                v.pushAll(rest);
            }
            default -> throw new AssertionError(op);
        }
    }

    private static int popRef(FunctionValidator v) {
        int t = v.pop();
        if (t != UNKNOWN && !Types.isRef(t)) {
            throw v.invalid("type mismatch: expected a reference, got " + Types.name(t));
        }
        return t;
    }

    private static int nonNull(FunctionValidator v, int t) {
        return t == UNKNOWN ? UNKNOWN : TypeCode.withNullable(t, false);
    }

    /** A block type {@code (ref null? ht)} whose prefix byte {@code code} was read, or -1 when it is none. */
    static int refBlockType(int code, FunctionValidator v) {
        int ref = RefTypes.ref(code, v.r);
        return ref < 0 ? -1 : v.ctx().checkType(ref, v);
    }
}
