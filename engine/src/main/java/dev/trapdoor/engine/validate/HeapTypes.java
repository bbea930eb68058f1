package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TypeCode;

import java.util.function.IntUnaryOperator;

/**
 * Subtyping of heap types where at most one side is a type index, whose composite form ({@link FuncType#FUNC},
 * {@link FuncType#STRUCT}, {@link FuncType#ARRAY}) {@code formOf} tells: the three hierarchies of 3.0. Internal
 * references: {@code none} ≤ {@code i31}, {@code struct}, {@code array} (and the struct and array types below the
 * last two) ≤ {@code eq} ≤ {@code any}. Functions: {@code nofunc} ≤ function types ≤ {@code func}. External:
 * {@code noextern} ≤ {@code extern}; exceptions: {@code noexn} ≤ {@code exn}.
 */
public final class HeapTypes {
    private HeapTypes() {
    }

    public static boolean abstractMatches(int sub, int sup, IntUnaryOperator formOf) {
        if (sub == sup) {
            return true;
        }
        if (TypeCode.isIndex(sub)) {
            int form = formOf.applyAsInt(sub);
            return form == FuncType.FUNC ? sup == TypeCode.HT_FUNC
                    : sup == TypeCode.HT_EQ || sup == TypeCode.HT_ANY
                    || sup == (form == FuncType.STRUCT ? TypeCode.HT_STRUCT : TypeCode.HT_ARRAY);
        }
        if (TypeCode.isIndex(sup)) {
            return sub == (formOf.applyAsInt(sup) == FuncType.FUNC ? TypeCode.HT_NOFUNC : TypeCode.HT_NONE);
        }
        return switch (sub) {
            case TypeCode.HT_NONE -> TypeCode.isInternal(sup);
            case TypeCode.HT_I31, TypeCode.HT_STRUCT, TypeCode.HT_ARRAY -> sup == TypeCode.HT_EQ
                    || sup == TypeCode.HT_ANY;
            case TypeCode.HT_EQ -> sup == TypeCode.HT_ANY;
            case TypeCode.HT_NOFUNC -> sup == TypeCode.HT_FUNC;
            case TypeCode.HT_NOEXTERN -> sup == TypeCode.HT_EXTERN;
            case TypeCode.HT_NOEXN -> sup == TypeCode.HT_EXN;
            default -> false;
        };
    }

    /** The top of heap type {@code h}'s hierarchy: {@code any}, {@code func}, {@code extern} or {@code exn}. */
    public static int top(int h, IntUnaryOperator formOf) {
        if (TypeCode.isIndex(h)) {
            return formOf.applyAsInt(h) == FuncType.FUNC ? TypeCode.HT_FUNC : TypeCode.HT_ANY;
        }
        return switch (h) {
            case TypeCode.HT_FUNC, TypeCode.HT_NOFUNC -> TypeCode.HT_FUNC;
            case TypeCode.HT_EXTERN, TypeCode.HT_NOEXTERN -> TypeCode.HT_EXTERN;
            case TypeCode.HT_EXN, TypeCode.HT_NOEXN -> TypeCode.HT_EXN;
            default -> TypeCode.HT_ANY;
        };
    }

    /** The bottom of heap type {@code h}'s hierarchy. */
    public static int bottom(int h, IntUnaryOperator formOf) {
        return switch (top(h, formOf)) {
            case TypeCode.HT_FUNC -> TypeCode.HT_NOFUNC;
            case TypeCode.HT_EXTERN -> TypeCode.HT_NOEXTERN;
            case TypeCode.HT_EXN -> TypeCode.HT_NOEXN;
            default -> TypeCode.HT_NONE;
        };
    }
}
