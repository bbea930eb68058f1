package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.MemoryReference;
import dev.trapdoor.dap.adapt.VariableRefs;
import dev.trapdoor.engine.dwarf.Value;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;

import java.util.List;

/**
 * How a C value appears in DAP: its display as the value, its C type, a reference to expand structs, arrays and
 * pointers (children listed only when asked), the element count of arrays so clients page them, a memory reference
 * (a pointer's target, else where the value lives), and read-only when it has no value here.
 */
final class CVariables {
    /** Not a DAP kind, but the spec allows others; it lets a client tell parameters from locals. */
    static final String PARAMETER_KIND = "parameter";

    private CVariables() {
    }

    static Variable toDap(CValueEntry entry, CWriter writer, VariableRefs refs) {
        Value value = entry.value();
        Variable v = new Variable();
        v.setName(entry.name());
        v.setValue(value.display());
        v.setType(value.typeName());
        v.setEvaluateName(entry.evaluateName());
        CValueChildren children = children(value, entry.evaluateName(), writer);
        v.setVariablesReference(children == null ? 0 : refs.add(children));
        if (children != null && children.indexed()) {
            v.setIndexedVariables(children.count());
        }
        v.setMemoryReference(memoryReference(value));
        boolean missing = value.unavailable().isPresent();
        if (entry.parameter() || missing) {
            VariablePresentationHint hint = new VariablePresentationHint();
            if (entry.parameter()) {
                hint.setKind(PARAMETER_KIND);
            }
            if (missing) {
                hint.setAttributes(new String[] {"readOnly"});
            }
            v.setPresentationHint(hint);
        }
        return v;
    }

    static SourceVariablesProvider.SourceValue toSource(Value value, String evaluateName, CWriter writer) {
        CValueChildren children = children(value, evaluateName, writer);
        return new SourceVariablesProvider.SourceValue(value.display(), value.typeName(), children,
                memoryReference(value), children != null && children.indexed() ? children.count() : 0);
    }

    /** The container of the value's children, or null when it has none (a scalar, null, or no value here). */
    static CValueChildren children(Value value, String evaluateName, CWriter writer) {
        int count = value.childCount();
        if (count <= 0) {
            return null;
        }
        List<Value> first = value.children(0, 1);
        boolean indexed = !first.isEmpty() && first.get(0).name().startsWith("[");
        return new CValueChildren(value, evaluateName, count, indexed, writer);
    }

    /** {@code mem:0@0x...} of a pointer's target or the value's home; null for null pointers and values in locals. */
    static String memoryReference(Value value) {
        return value.memoryReference().filter(address -> address != 0)
                .map(address -> MemoryReference.of(address).toString()).orElse(null);
    }
}
