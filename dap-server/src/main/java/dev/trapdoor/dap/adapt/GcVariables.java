package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.GcObject;
import dev.trapdoor.engine.exec.GcView;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.ValType;
import org.eclipse.lsp4j.debug.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * The children of a GC reference: a struct's fields, named from the name section ({@code field N} without one), or
 * an array's elements {@code [i]}, read a page at a time as the client asks ({@code indexedVariables}). Each child
 * is a {@link Location}, so it shows its type, expands when it is itself an object (a v128 to its lane views), and can
 * be set when mutable.
 */
public final class GcVariables implements VariableContainer {
    private final Store store;
    private final GcObject object;
    private final String expression;

    public GcVariables(Store store, GcObject object, String expression) {
        this.store = store;
        this.object = object;
        this.expression = expression;
    }

    /**
     * Sets a variable's value, type and reference when its value is a GC reference (an i31 shows its value, an
     * object its type and expands); returns whether it was one.
     */
    public static boolean decorate(Variable var, WasmValue v, Store store, String expression, VariableRefs refs) {
        if (store == null || !v.type().isRef()) {
            return false;
        }
        String text = GcView.describe(store, v.slot());
        if (text == null) {
            return false;
        }
        var.setValue(text);
        GcObject o = GcView.object(store, v.slot());
        if (o != null) {
            var.setVariablesReference(refs.add(new GcVariables(store, o, expression)));
            if (o.isArray()) {
                var.setIndexedVariables(o.length());
            } else {
                var.setNamedVariables(o.length());
            }
        }
        return true;
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex) {
        return children(refs, hex, null, 0, 0);
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex, String filter, int start, int count) {
        List<Variable> out = new ArrayList<>();
        if (object.isArray() ? "named".equals(filter) : "indexed".equals(filter)) {
            return out;
        }
        int from = Math.max(0, start);
        int end = count <= 0 ? object.length() : (int) Math.min(object.length(), (long) from + count);
        for (int i = from; i < end; i++) {
            out.add(variable(i, hex, refs));
        }
        return out;
    }

    @Override
    public Variable set(String name, String value, VariableRefs refs, boolean hex) {
        int i = indexOf(name);
        if (!object.fieldMutable(i)) {
            throw new EvalException("'" + name + "' is immutable");
        }
        Location loc = location(i);
        try {
            if (loc.type() == ValType.V128) {
                long[] v = V128Values.parse(value);
                loc.writeV128(v[0], v[1]);
            } else {
                loc.write(WasmValues.parse(loc.type(), value));
            }
        } catch (IllegalArgumentException e) {
            throw new EvalException(e.getMessage());
        }
        return variable(i, hex, refs);
    }

    private int indexOf(String name) {
        for (int i = 0; i < object.length(); i++) {
            if (childName(i).equals(name)) {
                return i;
            }
        }
        throw new EvalException("no field named '" + name + "' here");
    }

    private String childName(int i) {
        return object.isArray() ? "[" + i + "]" : GcView.fieldName(object, i);
    }

    private Location location(int i) {
        String child = object.isArray() ? expression + "[" + i + "]" : expression + "." + fieldPath(i);
        return GcLocation.of(store, object, i, child);
    }

    /** The field as the expression language follows it: its name when it is an identifier, else its index. */
    private String fieldPath(int i) {
        String name = GcView.fieldName(object, i);
        return name.startsWith("$") && WasmExpression.isIdentifier(name.substring(1)) ? name.substring(1)
                : Integer.toString(i);
    }

    private Variable variable(int i, boolean hex, VariableRefs refs) {
        Location loc = location(i);
        WasmValue v = loc.read();
        Variable var = new Variable();
        var.setName(childName(i));
        var.setType(GcView.fieldTypeText(object, i));
        var.setEvaluateName(loc.expression());
        if (!decorate(var, v, store, loc.expression(), refs)) {
            var.setValue(v.display(hex));
            if (v.type() == ValType.V128) {
                var.setVariablesReference(refs.add(new V128Variables(loc)));
            }
        }
        return var;
    }
}
