package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;

import java.util.Arrays;

import static dev.trapdoor.engine.validate.Types.EXNREF;

/**
 * The control instructions of WebAssembly 3.0 that leave the current frame in a new way: the tail calls
 * {@code return_call} and {@code return_call_indirect}, and exception handling ({@code throw}, {@code throw_ref},
 * {@code try_table}, and the legacy {@code try}/{@code catch}/{@code catch_all}/{@code delegate}/{@code rethrow}).
 * A tail call's callee returns for the caller, so its results must be the caller's results.
 *
 * <p>Frame kinds: {@link #TRY_TABLE}; a legacy {@code try} is {@link #TRY} in its body, then {@link #CATCH} or
 * {@link #CATCH_ALL} in its handlers. Each is reported to the sink after its frame changed, as {@code block} is;
 * {@code catch}, {@code catch_all} and {@code delegate} before, as {@code else} and {@code end} are.
 */
public final class ControlInstructions {
    public static final int TRY = 0x06;
    public static final int CATCH = 0x07;
    public static final int CATCH_ALL = 0x19;
    public static final int TRY_TABLE = 0x1F;

    private ControlInstructions() {
    }

    static void step(FunctionValidator v, int op) {
        switch (op) {
            case 0x12 -> {
                v.immA = v.r.u32();
                v.function(v.immA);
                FuncType ft = v.module.functionType(v.immA);
                sameResults(v, ft);
                v.emit(op);
                v.popAll(FunctionValidator.typesOf(ft.params()));
                v.setUnreachable();
            }
            case 0x13 -> {
                v.immA = v.r.u32();
                v.immB = v.r.u32();
                TableType tt = v.table(v.immB);
                FuncType ft = GcInstructions.funcType(v, v.immA);
                // As call_indirect: any table of function references, indexed by the table's address type.
                if (!v.ctx().subtyping.matches(tt.elemCode(), TypeCode.FUNCREF)) {
                    throw v.invalid("type mismatch: return_call_indirect needs a funcref table");
                }
                sameResults(v, ft);
                v.emit(op);
                v.pop(AddressTypes.of(tt));
                v.popAll(FunctionValidator.typesOf(ft.params()));
                v.setUnreachable();
            }
            case 0x08 -> {
                v.immA = v.r.u32();
                int[] payload = tag(v, v.immA);
                v.emit(op);
                v.popAll(payload);
                v.setUnreachable();
            }
            case 0x0A -> {
                v.emit(op);
                v.pop(EXNREF);
                v.setUnreachable();
            }
            case 0x09 -> {
                v.immA = v.r.u32();
                FunctionValidator.Frame f = v.label(v.immA);
                if (f.kind != CATCH && f.kind != CATCH_ALL) {
                    throw v.invalid("invalid rethrow label");
                }
                v.emit(op);
                v.setUnreachable();
            }
            case 0x06 -> {
                int[][] bt = v.blockType();
                v.popAll(bt[0]);
                v.pushFrame(TRY, bt[0], bt[1]);
                v.emit(op);
            }
            case 0x07, 0x19 -> handler(v, op);
            case 0x18 -> {
                v.immA = v.r.u32();
                FunctionValidator.Frame f = v.frame(0);
                if (f.kind != TRY) {
                    throw v.invalid("delegate without a matching try");
                }
                v.label(v.immA + 1);
                v.emit(op);
                v.popFrame();
                v.pushAll(f.results);
            }
            case 0x1F -> tryTable(v);
            default -> throw new IllegalStateException("not a control instruction: 0x" + Integer.toHexString(op));
        }
    }

    /** Legacy {@code catch x} or {@code catch_all}: ends the try body or the previous handler, like {@code else}. */
    private static void handler(FunctionValidator v, int op) {
        int[] payload = new int[0];
        if (op == CATCH) {
            v.immA = v.r.u32();
            payload = tag(v, v.immA);
        }
        FunctionValidator.Frame f = v.frame(0);
        if (f.kind != TRY && f.kind != CATCH) {
            throw v.invalid((op == CATCH ? "catch" : "catch_all") + " without a matching try");
        }
        v.emit(op);
        v.popAll(f.results);
        if (v.height() != f.height) {
            throw v.invalid("type mismatch: values remain on the stack at the end of a block");
        }
        f.kind = op;
        f.unreachable = false;
        v.pushAll(payload);
    }

    private static void tryTable(FunctionValidator v) {
        int[][] bt = v.blockType();
        int n = v.r.u32();
        if (n < 0 || n > v.r.remaining()) {
            throw v.r.malformed("unexpected end");
        }
        int[] clauses = new int[3 * n];
        for (int i = 0; i < n; i++) {
            int at = v.r.pos();
            int kind = v.r.u8();
            if (kind > 3) {
                throw new dev.trapdoor.engine.error.MalformedModuleException(at, "malformed catch clause");
            }
            int tag = kind < 2 ? v.r.u32() : -1;
            int label = v.r.u32();
            int[] values = kind < 2 ? tag(v, tag) : new int[0];
            if (kind == 1 || kind == 3) {
                values = Arrays.copyOf(values, values.length + 1);
                // The caught exception is never null: (ref exn), which also fits a (ref null exn) label.
                values[values.length - 1] = dev.trapdoor.engine.model.TypeCode.ref(false,
                        dev.trapdoor.engine.model.TypeCode.HT_EXN);
            }
            int[] expected = v.label(label).labelTypes();
            boolean fits = expected.length == values.length;
            for (int k = 0; fits && k < values.length; k++) {
                fits = v.ctx().subtyping.matches(values[k], expected[k]);
            }
            if (!fits) {
                throw v.invalid("type mismatch: catch handler's values do not match label " + label);
            }
            clauses[3 * i] = kind;
            clauses[3 * i + 1] = tag;
            clauses[3 * i + 2] = label;
        }
        v.popAll(bt[0]);
        v.pushFrame(TRY_TABLE, bt[0], bt[1]);
        v.catches = clauses;
        v.catchCount = n;
        v.emit(0x1F);
    }

    /** The payload types of tag {@code index}. */
    private static int[] tag(FunctionValidator v, int index) {
        if (index < 0 || index >= v.module.tagCount()) {
            throw v.invalid("unknown tag " + Integer.toUnsignedString(index));
        }
        return v.module.types().get(v.module.tagTypeIndex(index)).paramCodes();
    }

    private static void sameResults(FunctionValidator v, FuncType callee) {
        int[] results = callee.resultCodes();
        boolean fits = results.length == v.resultTypes.length;
        for (int i = 0; fits && i < results.length; i++) {
            fits = v.ctx().subtyping.matches(results[i], v.resultTypes[i]);
        }
        if (!fits) {
            throw v.invalid("type mismatch: the tail call's results " + Arrays.toString(callee.results())
                    + " are not the function's");
        }
    }
}
