package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Whether a function may hold a reference to a GC object (a struct or an array). The runtime's GC heap frees the
 * objects no root names, scanning the interpreter's value stack; a compiled frame keeps its slots in JVM locals that
 * scan cannot see, so the compiled tier declines such a function. A function gets one only through a value of an
 * internal reference type (any, eq, struct, array, none, or a struct or array type index), each of which the module
 * must name: a module declaring no struct or array type and naming no internal heap type holds none. (An object
 * converted to an {@code externref} is pinned by the runtime, so {@code externref} does not count.)
 */
public final class GcRefUses {
    private GcRefUses() {
    }

    public static boolean mayHold(WasmModule module, int funcIndex) {
        for (FuncType t : module.types()) {
            if (!t.isFunc() || internal(t.paramCodes()) || internal(t.resultCodes())) {
                return true;
            }
        }
        for (GlobalType g : module.globalTypes()) {
            if (internal(g.code())) {
                return true;
            }
        }
        for (TableType t : module.tables()) {
            if (internal(t.elemCode())) {
                return true;
            }
        }
        int[] locals = module.body(funcIndex).localCodes();
        return locals != null && internal(locals);
    }

    private static boolean internal(int[] codes) {
        for (int c : codes) {
            if (internal(c)) {
                return true;
            }
        }
        return false;
    }

    /** i31 counts too: its slots are not objects, but it is cheaper to say yes than to tell it from eq below. */
    private static boolean internal(int code) {
        return TypeCode.isRef(code) && TypeCode.isInternal(TypeCode.heap(code));
    }
}
