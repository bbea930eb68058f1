package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * Evaluates C expressions for watches, hovers and breakpoint conditions, inside the engine: variable names (innermost
 * scope first, then the unit's globals, then other units' globals), {@code .}, {@code ->}, {@code []}, unary
 * {@code *}, {@code &}, {@code -}, {@code !}, {@code ~}, casts to base types ({@code (char) v}) and to pointers to
 * any type the unit defines ({@code (geo::Rect*) p}, {@code static_cast<Rect*>(p)}, {@code reinterpret_cast}), integer
 * and float arithmetic with C's conversions (wasm32 sizes), comparisons, bitwise and logical operators. No
 * assignments and no calls: evaluating never changes the program.
 */
public final class Evaluator {
    /** No watch or condition is this long; a longer text is refused before it is lexed. */
    static final int MAX_LENGTH = 10_000;

    private final SourceVariables variables;

    Evaluator(SourceVariables variables) {
        this.variables = variables;
    }

    /**
     * The value of {@code expression} in the frame stopped at {@code moduleOffset}.
     *
     * @throws EvaluationException with a message for a person: a syntax error, "no variable named 'foo'", "cannot
     *                             dereference int", "'x' is optimized out", "division by zero"
     */
    public Value evaluate(String expression, int moduleOffset, MachineState state) throws EvaluationException {
        CompileUnit unit = variables.unitAt(moduleOffset);
        ExpressionParser parser;
        Operations ops = new Operations(unit, state, name -> lookup(name, moduleOffset, state));
        if (expression.length() > MAX_LENGTH) {
            throw new EvaluationException("expression of " + expression.length() + " characters is over the limit of "
                    + MAX_LENGTH);
        }
        try {
            parser = new ExpressionParser(ExpressionLexer.tokens(expression), ops);
            return parser.parse().eval().named(expression.trim());
        } catch (DwarfFormatException damaged) {
            variables.warn("expression evaluation met damaged debug info: " + damaged.getMessage());
            throw new EvaluationException("damaged debug info: " + damaged.getMessage());
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException failed) {
            throw new EvaluationException(failed.getMessage());
        } catch (RuntimeException | StackOverflowError bug) {
            // Debug info is an aid: even a bug here must not take the debugger down with it.
            variables.warn("expression evaluation failed: " + bug);
            throw new EvaluationException("cannot evaluate '" + expression.trim() + "' (an internal error; the "
                    + "warning log has the details)");
        }
    }

    /** In a C++ method, {@code *this}: names that are no variable are looked up among its members, as C++ does. */
    private Value implicitThis(int moduleOffset, MachineState state) {
        for (VariableScope scope : variables.scopesAt(moduleOffset)) {
            for (Variable v : scope.variables()) {
                if (v.name().equals("this")) {
                    Value pointer = variables.read(v, state);
                    if (pointer.unavailable().isPresent() || !pointer.type.isPointer() || pointer.asLong() == 0) {
                        return null;
                    }
                    Value object = pointer.deref();
                    return object.unavailable().isPresent() ? null : object;
                }
            }
        }
        return null;
    }

    private static Value memberOfBase(Value object, String name, int depth) {
        if (depth > 16) {
            return null;
        }
        for (CType.Member m : object.type.strip().members) {
            if (m.base()) {
                Value base = object.member(m);
                CType.Member inBase = base.type.strip().member(name);
                Value found = inBase != null ? base.member(inBase) : memberOfBase(base, name, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private Value lookup(String name, int moduleOffset, MachineState state) throws EvaluationException {
        for (VariableScope scope : variables.scopesAt(moduleOffset)) {
            for (Variable v : scope.variables()) {
                if (v.name().equals(name)) {
                    return variables.read(v, state);
                }
            }
        }
        Value self = implicitThis(moduleOffset, state);
        if (self != null) {
            CType.Member member = self.type.strip().member(name);
            Value found = member != null ? self.member(member) : memberOfBase(self, name, 0);
            if (found != null) {
                return found.named(name);
            }
        }
        Variable visible = variables.visibleGlobal(name, moduleOffset);
        if (visible != null) {
            return variables.read(visible, state).named(name);
        }
        for (List<Variable> globals : List.of(variables.globals(moduleOffset), variables.allGlobals())) {
            for (Variable v : globals) {
                if (v.name().equals(name)) {
                    return variables.read(v, state);
                }
            }
        }
        throw new EvaluationException("no variable named '" + name + "'");
    }
}
