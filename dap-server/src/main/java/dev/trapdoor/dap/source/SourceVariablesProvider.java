package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.dwarf.SourceMap;
import dev.trapdoor.engine.exec.Instance;

import java.util.List;
import java.util.Optional;

/**
 * Typed source-level variables and expressions (C locals from DWARF), plugged in by issue 6's {@code dwarf}
 * variables and evaluator. Until then {@link #NONE} answers nothing and the server shows Wasm-level views only.
 */
public interface SourceVariablesProvider {
    /** A scope to show, e.g. "Locals" holding the C variables in scope. */
    record NamedScope(String name, String presentationHint, VariableContainer container) {
    }

    /** A value of a source expression: its text, its C type, and children for structs/arrays/pointers. */
    record SourceValue(String display, String type, VariableContainer children, String memoryReference) {
    }

    /**
     * The source scopes of a Wasm frame, innermost inlined function {@code inlineDepth} levels in (0 = the code at the
     * pc).
     */
    List<NamedScope> scopes(DebugFrame frame, int inlineDepth, Instance instance, SourceMap sourceMap);

    /** Evaluates a source expression, or empty when it is not one this provider understands. */
    Optional<SourceValue> evaluate(String expression, DebugFrame frame, Instance instance, SourceMap sourceMap);

    SourceVariablesProvider NONE = new SourceVariablesProvider() {
        @Override
        public List<NamedScope> scopes(DebugFrame frame, int inlineDepth, Instance instance, SourceMap sourceMap) {
            return List.of();
        }

        @Override
        public Optional<SourceValue> evaluate(String expression, DebugFrame frame, Instance instance,
                                              SourceMap sourceMap) {
            return Optional.empty();
        }
    };
}
