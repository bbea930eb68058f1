package dev.trapdoor.engine.validate;

import dev.trapdoor.engine.error.InvalidModuleException;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.WasmModule;

import java.util.List;

/**
 * Declared subtyping ({@code sub}): at most one supertype, defined before the type, not final, and a function type
 * the subtype matches: a struct or array type whose fields match ({@link #fieldsMatch}), or as many parameters, each a supertype of the super's (contravariant), and as many results,
 * each a subtype of the super's.
 */
final class SubTypeChecks {
    private SubTypeChecks() {
    }

    static void check(WasmModule module) {
        List<FuncType> types = module.types();
        Subtyping subtyping = null;
        for (int i = 0; i < types.size(); i++) {
            FuncType t = types.get(i);
            int s = t.superIndex();
            if (s == -1) {
                continue;
            }
            if (s < -1) {
                throw invalid("sub type: more than one supertype");
            }
            if (s >= i) {
                throw invalid(s >= types.size() ? "unknown type " + s : "sub type: supertype " + s
                        + " is not defined before type " + i);
            }
            FuncType sup = types.get(s);
            if (sup.isFinal()) {
                throw invalid("sub type: supertype " + s + " of type " + i + " is final");
            }
            subtyping = subtyping != null ? subtyping : new Subtyping(module);
            if (!matches(subtyping, t, sup)) {
                throw invalid("sub type: type " + i + " does not match its supertype " + s);
            }
        }
    }

    private static boolean matches(Subtyping subtyping, FuncType sub, FuncType sup) {
        if (sub.form() != sup.form()) {
            return false;
        }
        if (!sub.isFunc()) {
            return fieldsMatch(subtyping, sub, sup);
        }
        if (sub.paramCount() != sup.paramCount() || sub.resultCount() != sup.resultCount()) {
            return false;
        }
        for (int k = 0; k < sub.paramCount(); k++) {
            if (!subtyping.matches(sup.paramCode(k), sub.paramCode(k))) {
                return false;
            }
        }
        for (int k = 0; k < sub.resultCount(); k++) {
            if (!subtyping.matches(sub.resultCode(k), sup.resultCode(k))) {
                return false;
            }
        }
        return true;
    }

    /** Width and depth: a prefix of fields of the same mutability, immutable ones covariant, mutable ones equal. */
    private static boolean fieldsMatch(Subtyping subtyping, FuncType sub, FuncType sup) {
        if (sub.fieldCount() < sup.fieldCount()) {
            return false;
        }
        for (int k = 0; k < sup.fieldCount(); k++) {
            int a = sub.fieldCode(k);
            int b = sup.fieldCode(k);
            if (sub.fieldMutable(k) != sup.fieldMutable(k) || !subtyping.matches(a, b)
                    || sub.fieldMutable(k) && !subtyping.matches(b, a)) {
                return false;
            }
        }
        return true;
    }

    private static InvalidModuleException invalid(String reason) {
        return new InvalidModuleException(-1, -1, reason);
    }
}
