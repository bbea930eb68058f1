package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.GcObject;
import dev.trapdoor.engine.exec.GcView;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Values;

/**
 * The expression language's steps into GC objects: {@code .field} (a name-section field name, or the field's index)
 * on a struct reference, {@code [i]} on an array reference.
 */
final class GcPaths {
    private GcPaths() {
    }

    /** Whether {@code base} holds a reference to a GC array. */
    static boolean isArray(Location base, Store store) {
        WasmValue v = base.read();
        GcObject o = v.type().isRef() ? GcView.object(store, v.slot()) : null;
        return o != null && o.isArray();
    }

    static Location field(Location base, String name, Store store) {
        GcObject o = object(base, store);
        if (o.isArray()) {
            throw new EvalException(base.expression() + " is an array: index it with [i]");
        }
        int i = GcView.fieldIndex(o, name);
        if (i < 0) {
            throw new EvalException(base.expression() + " (" + GcView.typeName(o) + ") has no field '" + name + "'");
        }
        return GcLocation.of(store, o, i, base.expression() + "." + name);
    }

    static Location element(Location base, long index, Store store) {
        GcObject o = object(base, store);
        if (index < 0 || index >= o.length()) {
            throw new EvalException("index " + index + " is outside " + base.expression() + " (length " + o.length()
                    + ")");
        }
        return GcLocation.of(store, o, (int) index, base.expression() + "[" + index + "]");
    }

    private static GcObject object(Location base, Store store) {
        WasmValue v = base.read();
        if (!v.type().isRef()) {
            throw new EvalException(base.expression() + " is a " + v.type() + ", not a struct or array reference");
        }
        GcObject o = GcView.object(store, v.slot());
        if (o == null) {
            throw new EvalException(base.expression() + " is " + (v.slot() == Values.NULL_REF ? "null"
                    : "not a struct or array reference"));
        }
        return o;
    }
}
