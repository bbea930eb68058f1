package dev.trapdoor.engine.model;

import java.util.Arrays;

/** A function signature. Equality is structural, as Wasm 2.0 type equivalence requires. */
public final class FuncType {
    private final ValType[] params;
    private final ValType[] results;
    private final int hash;
    private final boolean v128;

    public FuncType(ValType[] params, ValType[] results) {
        this.params = params.clone();
        this.results = results.clone();
        this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
        this.v128 = Arrays.asList(this.params).contains(ValType.V128)
                || Arrays.asList(this.results).contains(ValType.V128);
    }

    public static FuncType of(ValType[] params, ValType[] results) {
        return new FuncType(params, results);
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    /** Whether a parameter or result is a v128 (which the engine's flat value arrays hold as two longs). */
    public boolean hasV128() {
        return v128;
    }

    public ValType param(int i) {
        return params[i];
    }

    public ValType result(int i) {
        return results[i];
    }

    public ValType[] params() {
        return params.clone();
    }

    public ValType[] results() {
        return results.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType t && hash == t.hash
                && Arrays.equals(params, t.params) && Arrays.equals(results, t.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Renders as {@code (i32, i64) -> (f32)}, the form trap details and messages use. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(params[i]);
        }
        sb.append(") -> (");
        for (int i = 0; i < results.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(results[i]);
        }
        return sb.append(')').toString();
    }
}
