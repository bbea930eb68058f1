package dev.trapdoor.engine.validate;

/** {@code br_table}: its targets, which must agree in arity, and the values each carries. */
final class BrTable {
    private BrTable() {
    }

    static void step(FunctionValidator v) {
        int n = v.r.u32();
        if (n < 0 || n > v.r.remaining()) {
            throw v.r.malformed("unexpected end");
        }
        if (v.brTargets.length < n + 1) {
            v.brTargets = new int[n + 1];
        }
        for (int i = 0; i <= n; i++) {
            v.brTargets[i] = v.r.u32();
        }
        v.brCount = n;
        FunctionValidator.Frame dflt = v.label(v.brTargets[n]);
        int arity = dflt.branchArity();
        for (int i = 0; i < n; i++) {
            v.label(v.brTargets[i]);
        }
        v.emit(0x0E);
        v.pop(Types.I32);
        for (int i = 0; i < n; i++) {
            FunctionValidator.Frame target = v.label(v.brTargets[i]);
            if (target.branchArity() != arity) {
                throw v.invalid("type mismatch: br_table targets have different arities");
            }
            int[] types = target.labelTypes();
            int[] popped = new int[types.length];
            for (int k = types.length - 1; k >= 0; k--) {
                popped[k] = v.pop(types[k]);
            }
            for (int k = 0; k < types.length; k++) {
                v.push(popped[k]);
            }
        }
        v.popAll(dflt.labelTypes());
        v.setUnreachable();
    }
}
