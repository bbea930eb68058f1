package dev.trapdoor.dap.session;

import dev.trapdoor.dap.adapt.EvalContext;
import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.WasmExpression;
import dev.trapdoor.dap.adapt.WasmValue;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.debug.DebugFrame;

import java.util.Optional;

/**
 * Evaluation as conditions and logpoints use it: a source expression when the source-variables provider understands
 * it (issue 6), else a Wasm-level one ({@link WasmExpression}).
 */
public final class Expressions {
    private Expressions() {
    }

    /** The value's text. @throws EvalException when neither evaluator can evaluate it */
    public static String text(String expression, DebugFrame frame, Program program,
                              SourceVariablesProvider sourceVariables) {
        Optional<SourceVariablesProvider.SourceValue> source = sourceVariables.evaluate(expression, frame,
                program.instance(), program.sourceMap());
        if (source.isPresent()) {
            return source.get().display();
        }
        return WasmExpression.evaluate(expression, new EvalContext(frame, program.instance())).display(false);
    }

    /** Whether a condition holds (non-zero). @throws EvalException when it cannot be evaluated */
    public static boolean holds(String condition, DebugFrame frame, Program program,
                                SourceVariablesProvider sourceVariables) {
        Optional<SourceVariablesProvider.SourceValue> source = sourceVariables.evaluate(condition, frame,
                program.instance(), program.sourceMap());
        if (source.isPresent()) {
            String d = source.get().display().trim();
            return !(d.equals("0") || d.equals("false") || d.equals("0x0") || d.equals("NULL"));
        }
        WasmValue v = WasmExpression.evaluate(condition, new EvalContext(frame, program.instance()));
        return v.truthy();
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
