package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.exec.GcObject;
import dev.trapdoor.engine.exec.GcRefs;
import dev.trapdoor.engine.exec.GcView;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.exec.Values;

/**
 * A debugger's writes of GC references (a local, a global, a field or element, an operand): refused unless the value
 * has the slot's declared type. Every instruction that reads the slot trusts that type (a struct of another type has
 * other fields), so a write that broke it would turn into an engine error instead of the program's behaviour. Values
 * of other types are left to {@link WasmValues#parse} as before.
 */
final class RefWrites {
    private RefWrites() {
    }

    /** Local {@code local} of {@code frame}, a function of {@code instance}'s module. */
    static void local(Instance instance, DebugFrame frame, int local, long value, String expression) {
        if (instance == null || !frame.localType(local).isRef()) {
            return;
        }
        int code = GcView.localCode(instance.module(), frame.funcIndex(), local);
        if (!GcView.fits(instance.store(), instance.module(), code, value)) {
            throw refused(instance.store(), expression, GcView.typeText(instance.module(), code), value);
        }
    }

    /** Global {@code index} of {@code instance}, as its module declares it. */
    static void global(Instance instance, int index, long value, String expression) {
        if (instance == null) {
            return;
        }
        int code = instance.module().globalTypes().get(index).code();
        if (!GcView.fits(instance.store(), instance.module(), code, value)) {
            throw refused(instance.store(), expression, GcView.typeText(instance.module(), code), value);
        }
    }

    /** Field or element {@code i} of {@code object}. */
    static void field(Store store, GcObject object, int i, long value, String expression) {
        if (!GcView.fitsField(store, object, i, value)) {
            throw refused(store, expression, GcView.fieldTypeText(object, i), value);
        }
    }

    /**
     * An operand: its slot's precise type is not recorded (only its kind), so no GC value can be checked against it;
     * only null and values of the other kinds go in.
     */
    static void operand(DebugFrame frame, int i, long value, String expression) {
        if (frame.stackType(i).isRef() && value != Values.NULL_REF && (GcRefs.isI31(value) || GcRefs.isObject(value))
                && value != frame.stack(i)) {
            throw new EvalException(expression + ": an operand's precise type is not known, so only null can be "
                    + "stored in a reference operand");
        }
    }

    private static EvalException refused(Store store, String expression, String type, long value) {
        String gc = GcView.describe(store, value);
        String what = value == Values.NULL_REF ? "null" : gc != null ? gc : "reference " + value;
        return new EvalException(expression + " is " + type + ": " + what + " does not fit");
    }
}
