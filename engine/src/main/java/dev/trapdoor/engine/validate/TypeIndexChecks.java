package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.ElementSegment;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.Import;
import dev.trapdoor.engine.model.ImportDesc;
import dev.trapdoor.engine.model.TableType;
import dev.trapdoor.engine.model.TypeCode;
import dev.trapdoor.engine.model.WasmModule;

/**
 * Every type index a module's declarations refer to through {@code (ref null? $t)} exists: in the type section, a
 * function type may refer to the members of its recursive group and to the types before it; elsewhere to any.
 * Function bodies check their own ({@link ModuleContext#checkType}).
 */
final class TypeIndexChecks {
    private TypeIndexChecks() {
    }

    static void check(WasmModule module) {
        int count = module.types().size();
        for (int i = 0; i < count; i++) {
            FuncType t = module.types().get(i);
            int bound = t.recStart() >= 0 ? t.recStart() + t.recSize() : i + 1;
            for (int c : t.paramCodes()) {
                check(c, bound);
            }
            for (int c : t.resultCodes()) {
                check(c, bound);
            }
            for (int c : t.fieldCodes()) {
                check(c, bound);
            }
        }
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof ImportDesc.Global g) {
                check(g.type().code(), count);
            } else if (imp.desc() instanceof ImportDesc.Table t) {
                check(t.type().elemCode(), count);
            }
        }
        for (GlobalType g : module.globalTypes()) {
            check(g.code(), count);
        }
        for (TableType t : module.tables()) {
            check(t.elemCode(), count);
        }
        for (ElementSegment e : module.elements()) {
            check(e.typeCode(), count);
        }
        SubTypeChecks.check(module);
    }

    private static void check(int code, int bound) {
        if (TypeCode.isRef(code) && TypeCode.isIndex(TypeCode.heap(code)) && TypeCode.heap(code) >= bound) {
            throw new InvalidModuleException(-1, -1, "unknown type " + TypeCode.heap(code));
        }
    }
}
