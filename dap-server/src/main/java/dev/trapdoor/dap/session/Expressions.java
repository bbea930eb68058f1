package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.EvalContext;
import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.WasmExpression;
import dev.trapdoor.dap.adapt.WasmValue;
import dev.trapdoor.dap.source.FrameAt;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.source.SourceVariablesProvider.Evaluation;
import dev.trapdoor.engine.debug.DebugFrame;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Two-level evaluation as evaluate, conditions and logpoints use it: a source (C) expression when the source-variables
 * provider takes it, else a Wasm-level one ({@link WasmExpression}). When both fail, the person gets the source
 * level's reason for a C-looking expression ("no variable named 'totl'") and the Wasm level's for a Wasm-looking one.
 */
public final class Expressions {
    /** Syntax only the Wasm-level language has: {@code $local}, and its accessors. */
    private static final Pattern WASM_LEVEL = Pattern.compile(
            ".*(\\$|\\b(local|stack|global|mem8|mem16|mem32|mem64|memf32|memf64)\\s*\\[).*", Pattern.DOTALL);
    /** {@code lvalue = value} with a single {@code =} (not {@code ==}, {@code <=}, {@code >=}, {@code !=}). */
    private static final Pattern ASSIGNMENT = Pattern.compile("^([^=]*[^=!<>])=([^=].*)$", Pattern.DOTALL);

    /** What an expression evaluated to: exactly one of a source value and a Wasm value. */
    public record Outcome(SourceVariablesProvider.SourceValue source, WasmValue wasm) {
    }

    private Expressions() {
    }

    /**
     * Evaluates at a source frame ({@code at}; null when not stopped, leaving only Wasm globals and memory).
     *
     * @throws EvalException when neither level can evaluate it
     */
    public static Outcome evaluate(String expression, FrameAt at, Program program,
                                   SourceVariablesProvider sourceVariables) {
        Evaluation source = at == null ? Evaluation.decline(null) : sourceVariables.evaluate(expression, at);
        if (source.found()) {
            return new Outcome(source.value(), null);
        }
        try {
            return new Outcome(null, WasmExpression.evaluate(expression, new EvalContext(at == null ? null
                    : at.frame(), program.instance())));
        } catch (EvalException | IllegalStateException wasmFailed) {
            throw preferred(expression, source.declined(), wasmFailed);
        }
    }

    /**
     * A REPL assignment {@code x = 5} to a source lvalue, done; empty when it is not one (the Wasm-level language
     * has its own, {@code $x = 5}).
     */
    public static Optional<SourceVariablesProvider.SourceValue> assign(String expression, FrameAt at,
                                                                      SourceVariablesProvider sourceVariables) {
        var m = ASSIGNMENT.matcher(expression);
        if (at == null || !m.matches() || WASM_LEVEL.matcher(expression).matches()) {
            return Optional.empty();
        }
        return sourceVariables.assign(m.group(1).trim(), m.group(2).trim(), at);
    }

    /** The value's text. @throws EvalException when neither level can evaluate it */
    public static String text(String expression, DebugFrame frame, Program program,
                              SourceVariablesProvider sourceVariables) {
        Outcome o = evaluate(expression, top(frame, program), program, sourceVariables);
        return o.source() != null ? o.source().display() : o.wasm().display(false);
    }

    /** Whether a condition holds (non-zero). @throws EvalException when it cannot be evaluated */
    public static boolean holds(String condition, DebugFrame frame, Program program,
                                SourceVariablesProvider sourceVariables) {
        FrameAt at = top(frame, program);
        Optional<Boolean> source = sourceVariables.holds(condition, at);
        if (source.isPresent()) {
            return source.get();
        }
        try {
            return WasmExpression.evaluate(condition, new EvalContext(frame, program.instance())).truthy();
        } catch (EvalException | IllegalStateException wasmFailed) {
            // Failing conditions are rare and reported: worth a second look for the better message.
            throw preferred(condition, sourceVariables.evaluate(condition, at).declined(), wasmFailed);
        }
    }

    private static FrameAt top(DebugFrame frame, Program program) {
        return new FrameAt(frame, 0, program.instance(), program.sourceMap());
    }

    private static EvalException preferred(String expression, String sourceReason, RuntimeException wasmFailed) {
        if (sourceReason != null && !WASM_LEVEL.matcher(expression).matches()) {
            return new EvalException(sourceReason);
        }
        return wasmFailed instanceof EvalException e ? e : new EvalException(wasmFailed.getMessage());
    }

    /** A logpoint message with each {@code {expression}} replaced by its value (or the error, in angle brackets). */
    public static String interpolate(String template, DebugFrame frame, Program program,
                                     SourceVariablesProvider sourceVariables) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String expr = template.substring(i + 1, close);
            try {
                out.append(text(expr, frame, program, sourceVariables));
            } catch (EvalException | IllegalStateException e) {
                out.append('<').append(e.getMessage()).append('>');
            }
            i = close + 1;
        }
        return out.toString();
    }
}
