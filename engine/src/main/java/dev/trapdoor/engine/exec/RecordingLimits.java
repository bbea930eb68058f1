package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.FunctionBody;
import dev.trapdoor.engine.model.Global;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.Arrays;

/**
 * What a {@link Recording} cannot go back through, found in the module before it runs: a {@link Snapshot} holds
 * memories, globals, tables and frames, but not the heap of GC objects (a {@code struct.set} or {@code array.set}
 * after a snapshot would survive going back) nor exception references (an {@code exnref} in a slot names an
 * exception object whose payload is not saved). Such a program is refused at the start rather than replayed
 * inexactly.
 *
 * <p>Exception references are found where the module declares them: function and block types, locals, globals and
 * tables. A block type written inline as {@code (result exnref)} is not looked for.
 */
final class RecordingLimits {
    private RecordingLimits() {
    }

    /** The first feature of the module that recordings do not support, or null. */
    static String unsupported(WasmModule module) {
        for (FuncType t : module.types()) {
            if (t.isStruct() || t.isArray()) {
                return "GC objects (the module declares struct or array types)";
            }
            if (hasExnref(t.params()) || hasExnref(t.results())) {
                return "exception references (exnref)";
            }
        }
        for (FunctionBody b : module.bodies()) {
            if (hasExnref(b.locals())) {
                return "exception references (exnref)";
            }
        }
        for (Global g : module.globals()) {
            if (g.type().type() == ValType.EXNREF) {
                return "exception references (exnref)";
            }
        }
        for (TableType t : module.tables()) {
            if (t.elemType() == ValType.EXNREF) {
                return "exception references (exnref)";
            }
        }
        return null;
    }

    private static boolean hasExnref(ValType[] types) {
        return types != null && Arrays.asList(types).contains(ValType.EXNREF);
    }
}
