package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;

/**
 * The host's arguments to a Wasm function, checked where a wrong one would break the engine rather than the program:
 * a GC reference must have the parameter's declared type ({@link GcView#fits}). A stale handle (released, then
 * collected, its slot given to an object of another type) or a number made up as a reference is so refused before
 * any instruction trusts the type.
 */
final class InvokeArguments {
    private InvokeArguments() {
    }

    static void check(FunctionInstance f, long[] args) {
        FuncType t = f.type;
        int j = 0;
        for (int i = 0; i < t.paramCount(); i++) {
            long v = args[j++];
            if (t.param(i) == ValType.V128) {
                j++;
            } else if (t.param(i).isRef() && !GcView.fits(f.store, f.instance.module, t.paramCode(i), v)) {
                String gc = GcView.describe(f.store, v);
                throw new IllegalArgumentException("argument " + i + " of " + f.name() + " is "
                        + (gc != null ? gc : v == Values.NULL_REF ? "null" : "reference " + v) + ", which is not a "
                        + GcView.typeText(f.instance.module, t.paramCode(i)));
            }
        }
    }
}
