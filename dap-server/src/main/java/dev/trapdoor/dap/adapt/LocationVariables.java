package dev.trapdoor.dap.adapt;

import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.ValType;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A container of named {@link Location}s (Wasm locals, operand stack slots, globals): each child shows its value and
 * type, carries its {@code evaluateName}, and can be set. An i32 that is a valid address of memory 0 also carries a
 * {@code memoryReference} so VS Code can open the memory view there. A v128 shows its hex summary and expands to
 * its lane views ({@link V128Variables}); it is set as a whole from hex or from a shape and its lanes.
 */
public final class LocationVariables implements VariableContainer {
    private final Supplier<Map<String, Location>> locations;
    private final MemoryInstance memory;
    private final boolean readOnly;
    private final Store store;

    public LocationVariables(Supplier<Map<String, Location>> locations, MemoryInstance memory, boolean readOnly) {
        this(locations, memory, readOnly, null);
    }

    /** With the {@code store} whose GC objects references name: they show their type and expand. */
    public LocationVariables(Supplier<Map<String, Location>> locations, MemoryInstance memory, boolean readOnly,
                             Store store) {
        this.locations = locations;
        this.memory = memory;
        this.readOnly = readOnly;
        this.store = store;
    }

    @Override
    public List<Variable> children(VariableRefs refs, boolean hex) {
        List<Variable> out = new ArrayList<>();
        locations.get().forEach((name, loc) -> out.add(variable(name, loc, hex, refs)));
        return out;
    }

    @Override
    public Variable set(String name, String value, VariableRefs refs, boolean hex) {
        Location loc = locations.get().get(name);
        if (loc == null) {
            throw new EvalException("no variable named '" + name + "' here");
        }
        if (readOnly) {
            throw new EvalException("'" + name + "' is immutable");
        }
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
        return variable(name, loc, hex, refs);
    }

    private Variable variable(String name, Location loc, boolean hex, VariableRefs refs) {
        WasmValue v = loc.read();
        Variable var = new Variable();
        var.setName(name);
        var.setValue(v.display(hex));
        var.setType(WasmValues.typeName(v.type()));
        var.setEvaluateName(loc.expression());
        var.setVariablesReference(v.type() == ValType.V128 ? refs.add(new V128Variables(loc)) : 0);
        GcVariables.decorate(var, v, store, loc.expression(), refs);
        String mem = memoryReference(v, memory);
        if (mem != null) {
            var.setMemoryReference(mem);
        }
        if (readOnly) {
            VariablePresentationHint hint = new VariablePresentationHint();
            hint.setAttributes(new String[] {"readOnly"});
            var.setPresentationHint(hint);
        }
        return var;
    }

    /**
     * A memory reference for an address that points inside memory 0 (0 is null, not an address), or {@code null}:
     * an i32, or an i64 when memory 0 is a 64-bit one (memory64).
     */
    public static String memoryReference(WasmValue v, MemoryInstance memory) {
        if (memory == null || v.type() != (memory.is64() ? ValType.I64 : ValType.I32)) {
            return null;
        }
        long address = memory.is64() ? v.slot() : v.slot() & 0xFFFF_FFFFL;
        return address > 0 && address < memory.byteSize() ? MemoryReference.of(address).toString() : null;
    }

    /** An insertion-ordered map builder for the suppliers. */
    public static Map<String, Location> ordered() {
        return new LinkedHashMap<>();
    }
}
