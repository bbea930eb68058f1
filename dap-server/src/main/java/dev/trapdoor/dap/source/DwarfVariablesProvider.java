package dev.trapdoor.dap.source;

import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.engine.debug.vars.FrameMachineState;
import dev.trapdoor.engine.dwarf.EvaluationException;
import dev.trapdoor.engine.dwarf.SourceVariables;
import dev.trapdoor.engine.dwarf.Value;
import dev.trapdoor.engine.dwarf.Variable;
import dev.trapdoor.engine.dwarf.VariableScope;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * C variables and expressions from DWARF ({@link SourceVariables}): a "Locals" scope (the selected source frame's
 * variables, innermost block first, parameters marked) and a "Globals" scope (the unit's globals and statics), and
 * C expressions through the engine's evaluator.
 *
 * <p>A plain name is looked up in the selected source frame's scopes, then the unit's globals, so that each inlined
 * frame sees its own variables. The engine's evaluator resolves names innermost-first over every scope at the pc,
 * inlined functions and their callers alike, so an expression naming a variable of another source frame there is
 * refused rather than answered with that frame's variable.
 */
public final class DwarfVariablesProvider implements SourceVariablesProvider {
    @Override
    public List<NamedScope> scopes(FrameAt at) {
        SourceVariables vars = at.sourceMap().variables();
        List<VariableScope> all = ScopesAtPc.scopes(vars, at.pc());
        if (all.isEmpty()) {
            return List.of();
        }
        FrameMachineState state = at.machineState();
        CWriter writer = new CWriter(vars, state, at.pc());
        List<NamedScope> out = new ArrayList<>();
        out.add(new NamedScope("Locals", "locals", new CScopeVariables(
                () -> locals(vars, InlineScopes.of(all, at.inlineDepth()), state), writer)));
        if (!ScopesAtPc.globals(vars, at.pc()).isEmpty()) {
            out.add(new NamedScope("Globals", null, new CScopeVariables(
                    () -> globals(vars, InlineScopes.of(all, at.inlineDepth()), at.pc(), state), writer)));
        }
        return out;
    }

    /** Innermost block first; an outer variable hidden by an inner one of the same name is shown, marked. */
    private static List<CValueEntry> locals(SourceVariables vars, List<VariableScope> scopes,
                                            FrameMachineState state) {
        List<CValueEntry> out = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        Set<String> shownNames = new HashSet<>();
        for (VariableScope scope : scopes) {
            for (Variable v : scope.variables()) {
                boolean visible = declared.add(v.name());
                String shown = visible ? v.name() : v.name() + " (shadowed)";
                while (!shownNames.add(shown)) { // shadowed twice
                    shown += "'";
                }
                out.add(new CValueEntry(shown, visible ? v.name() : null, vars.read(v, state), v.parameter()));
            }
        }
        return out;
    }

    private static List<CValueEntry> globals(SourceVariables vars, List<VariableScope> scopes, int pc,
                                             FrameMachineState state) {
        List<CValueEntry> out = new ArrayList<>();
        for (Variable v : ScopesAtPc.globals(vars, pc)) {
            // A local of the same name hides the global from C expressions.
            String evaluateName = InlineScopes.find(scopes, v.name()) == null ? v.name() : null;
            out.add(new CValueEntry(v.name(), evaluateName, vars.read(v, state), false));
        }
        return out;
    }

    @Override
    public Optional<long[]> location(String expression, FrameAt at) {
        SourceVariables vars = at.sourceMap().variables();
        List<VariableScope> all = ScopesAtPc.scopes(vars, at.pc());
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String text = expression.trim();
        FrameMachineState state = at.machineState();
        Value value = null;
        if (EvaluateNames.isIdentifier(text)) {
            Variable v = InlineScopes.find(InlineScopes.of(all, at.inlineDepth()), text);
            if (v == null) {
                v = find(ScopesAtPc.globals(vars, at.pc()), text);
            }
            value = v == null ? null : vars.read(v, state);
        }
        if (value == null) {
            try {
                value = vars.evaluator().evaluate(text, at.pc(), state);
            } catch (EvaluationException e) {
                return Optional.empty();
            }
        }
        long size = value.byteSize();
        Optional<Long> address = value.address();
        return address.isPresent() && size > 0 ? Optional.of(new long[] {address.get(), size}) : Optional.empty();
    }

    @Override
    public Evaluation evaluate(String expression, FrameAt at) {
        SourceVariables vars = at.sourceMap().variables();
        List<VariableScope> all = ScopesAtPc.scopes(vars, at.pc());
        if (all.isEmpty()) {
            return Evaluation.decline(null);
        }
        String text = expression.trim();
        FrameMachineState state = at.machineState();
        CWriter writer = new CWriter(vars, state, at.pc());
        List<VariableScope> mine = InlineScopes.of(all, at.inlineDepth());
        List<VariableScope> others = InlineScopes.others(all, at.inlineDepth());
        if (EvaluateNames.isIdentifier(text)) {
            Variable v = InlineScopes.find(mine, text);
            if (v == null && InlineScopes.find(others, text) == null) {
                v = find(ScopesAtPc.globals(vars, at.pc()), text);
            }
            if (v != null) {
                return Evaluation.of(CVariables.toSource(vars.read(v, state), text, writer));
            }
            if (InlineScopes.find(others, text) != null) {
                return Evaluation.decline("no variable named '" + text + "' in " + InlineScopes.functionOf(mine)
                        + " (another source frame at this pc has one; select that frame)");
            }
        } else {
            refuseOtherFramesNames(text, all, mine);
        }
        try {
            Value value = vars.evaluator().evaluate(text, at.pc(), state);
            return Evaluation.of(CVariables.toSource(value, text, writer));
        } catch (EvaluationException e) {
            if (CEvaluationErrors.declines(e.getMessage())) {
                return Evaluation.decline(e.getMessage());
            }
            throw new EvalException(e.getMessage());
        }
    }

    /** See the class comment: the engine would read the variable of another source frame at this pc. */
    private static void refuseOtherFramesNames(String text, List<VariableScope> all, List<VariableScope> mine) {
        for (String name : CEvaluationErrors.identifiers(text)) {
            Variable engineWouldRead = InlineScopes.find(all, name);
            if (engineWouldRead != null && engineWouldRead != InlineScopes.find(mine, name)) {
                throw new EvalException("cannot evaluate '" + text + "' in " + InlineScopes.functionOf(mine) + ": '"
                        + name + "' is a variable of another source frame at this pc (an inlined function or its"
                        + " caller); select that frame");
            }
        }
    }

    private static Variable find(List<Variable> variables, String name) {
        for (Variable v : variables) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public Optional<Boolean> holds(String condition, FrameAt at) {
        Evaluation e = evaluate(condition, at);
        if (!e.found()) {
            return Optional.empty();
        }
        // C's truth of the value (numbers, chars, enums, pointers; not structs): the engine's && applies it.
        Evaluation truth = evaluate("(" + condition.trim() + ") && 1", at);
        if (!truth.found()) {
            throw new EvalException("'" + condition.trim() + "' is not a condition");
        }
        return Optional.of(!truth.value().display().trim().equals("0"));
    }

    @Override
    public Optional<SourceValue> assign(String expression, String value, FrameAt at) {
        SourceVariables vars = at.sourceMap().variables();
        List<VariableScope> all = ScopesAtPc.scopes(vars, at.pc());
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String text = expression.trim();
        Evaluation target = evaluate(text, at);
        if (!target.found()) {
            return Optional.empty();
        }
        FrameMachineState state = at.machineState();
        CWriter writer = new CWriter(vars, state, at.pc());
        Value lvalue = lvalue(vars, text, at, all, state);
        writer.write(lvalue, value);
        return Optional.of(CVariables.toSource(lvalue, text, writer));
    }

    /** The value of an expression as somewhere to write: a variable of this frame, or what the evaluator found. */
    private static Value lvalue(SourceVariables vars, String text, FrameAt at, List<VariableScope> all,
                                FrameMachineState state) {
        if (EvaluateNames.isIdentifier(text)) {
            Variable v = InlineScopes.find(InlineScopes.of(all, at.inlineDepth()), text);
            if (v == null) {
                v = find(ScopesAtPc.globals(vars, at.pc()), text);
            }
            if (v != null) {
                return vars.read(v, state);
            }
        }
        try {
            return vars.evaluator().evaluate(text, at.pc(), state);
        } catch (EvaluationException e) {
            throw new EvalException(e.getMessage());
        }
    }

    @Override
    public List<String> names(FrameAt at) {
        SourceVariables vars = at.sourceMap().variables();
        List<VariableScope> all = ScopesAtPc.scopes(vars, at.pc());
        Set<String> out = new LinkedHashSet<>();
        for (VariableScope s : InlineScopes.of(all, at.inlineDepth())) {
            s.variables().forEach(v -> out.add(v.name()));
        }
        if (!all.isEmpty()) {
            ScopesAtPc.globals(vars, at.pc()).forEach(v -> out.add(v.name()));
        }
        return List.copyOf(out);
    }
}
