package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.GcObject;
import dev.trapdoor.engine.exec.GcView;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.ValType;

/** A struct field or array element as a {@link Location}: read and set through the engine's {@link GcObject}. */
final class GcLocation {
    private GcLocation() {
    }

    static Location of(Store store, GcObject object, int i, String expression) {
        return new Location() {
            public ValType type() {
                return GcView.fieldKind(object, i);
            }

            public WasmValue read() {
                return new WasmValue(type(), GcView.read(object, i), object.high(i));
            }

            public void writeV128(long low, long high) {
                if (type() != ValType.V128) {
                    Location.super.writeV128(low, high);
                }
                if (!object.fieldMutable(i)) {
                    throw new EvalException(expression + " is immutable");
                }
                object.setV128(i, low, high);
            }

            public void write(long slot) {
                if (!object.fieldMutable(i)) {
                    throw new EvalException(expression + " is immutable");
                }
                RefWrites.field(store, object, i, slot, expression);
                object.set(i, slot);
            }

            public String expression() {
                return expression;
            }
        };
    }
}
