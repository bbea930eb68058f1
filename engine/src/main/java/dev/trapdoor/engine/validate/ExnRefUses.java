package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Whether a function may hold an {@code exnref} value. The runtime's table of caught exceptions drops those no slot
 * names any more, scanning the interpreter's value stack; a compiled frame keeps its slots in JVM locals that scan
 * cannot see, so the compiled tier declines a function that may hold one. A function gets an {@code exnref} only
 * through a parameter, a local, a call's result, a global or a table, each of which names the type.
 */
public final class ExnRefUses {
    private ExnRefUses() {
    }

    public static boolean mayHold(WasmModule module, int funcIndex) {
        for (FuncType t : module.types()) {
            for (int i = 0; i < t.paramCount(); i++) {
                if (t.param(i) == ValType.EXNREF) {
                    return true;
                }
            }
            for (int i = 0; i < t.resultCount(); i++) {
                if (t.result(i) == ValType.EXNREF) {
                    return true;
                }
            }
        }
        for (GlobalType g : module.globalTypes()) {
            if (g.type() == ValType.EXNREF) {
                return true;
            }
        }
        for (TableType t : module.tables()) {
            if (t.elemType() == ValType.EXNREF) {
                return true;
            }
        }
        for (ValType local : module.body(funcIndex).locals()) {
            if (local == ValType.EXNREF) {
                return true;
            }
        }
        return false;
    }
}
