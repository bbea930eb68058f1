package dev.trapdoor.dap.handler;

import dev.trapdoor.dap.adapt.EvalContext;
import dev.trapdoor.dap.adapt.EvalException;
import dev.trapdoor.dap.adapt.Location;
import dev.trapdoor.dap.adapt.LocationVariables;
import dev.trapdoor.dap.adapt.VariableContainer;
import dev.trapdoor.dap.adapt.WasmExpression;
import dev.trapdoor.dap.adapt.WasmValue;
import dev.trapdoor.dap.adapt.WasmValues;
import dev.trapdoor.dap.session.Expressions;
import dev.trapdoor.dap.session.Failures;
import dev.trapdoor.dap.session.Program;
import dev.trapdoor.dap.session.RunState;
import dev.trapdoor.dap.session.Session;
import dev.trapdoor.dap.session.Stop;
import dev.trapdoor.dap.source.FrameAt;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.model.Export;
import dev.trapdoor.engine.model.ExternKind;
import org.eclipse.lsp4j.debug.CompletionItem;
import org.eclipse.lsp4j.debug.CompletionItemType;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.CompletionsResponse;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.SetExpressionArguments;
import org.eclipse.lsp4j.debug.SetExpressionResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * variables, setVariable, setExpression, evaluate (watch, hover, repl, clipboard) and completions. Source-level (C)
 * expressions go to the {@link SourceVariablesProvider} first; those it declines are Wasm-level ({@link
 * WasmExpression}, see {@link Expressions}). Frame ids select a source frame, so an inlined function's virtual frame
 * sees its own variables. Without a stop, expressions see Wasm globals and memory only.
 */
public final class VariablesHandler {
    /**
     * At most this many variables per response: a client asking for 10^9 elements of a huge array gets a page it
     * can ask past (VS Code pages by 100), answered in well under a second.
     */
    static final int MAX_PAGE = 10_000;

    private final Session session;

    public VariablesHandler(Session session) {
        this.session = session;
    }

    public VariablesResponse variables(VariablesArguments args) {
        Stop stop = session.stop();
        boolean hex = hex(args.getFormat());
        int start = args.getStart() == null ? 0 : Math.max(0, args.getStart());
        int count = args.getCount() == null ? 0 : Math.min(args.getCount(), MAX_PAGE);
        List<Variable> children;
        try {
            VariableContainer c = stop.refs().get(args.getVariablesReference());
            children = c.children(stop.refs(), hex, args.getFilter() == null ? null
                    : args.getFilter().toString().toLowerCase(java.util.Locale.ROOT), start, count);
        } catch (EvalException e) {
            throw Failures.failure(e.getMessage());
        }
        VariablesResponse r = new VariablesResponse();
        r.setVariables(children.toArray(Variable[]::new));
        return r;
    }

    public SetVariableResponse setVariable(SetVariableArguments args) {
        Stop stop = session.stop();
        Variable v;
        try {
            v = stop.refs().get(args.getVariablesReference()).set(args.getName(), args.getValue(), stop.refs(),
                    hex(args.getFormat()));
        } catch (EvalException | IllegalStateException e) {
            throw Failures.failure("setVariable: " + e.getMessage());
        }
        SetVariableResponse r = new SetVariableResponse();
        r.setValue(v.getValue());
        r.setType(v.getType());
        r.setVariablesReference(v.getVariablesReference());
        r.setIndexedVariables(v.getIndexedVariables());
        r.setMemoryReference(v.getMemoryReference());
        return r;
    }

    public SetExpressionResponse setExpression(SetExpressionArguments args) {
        Program program = session.program();
        FrameAt at = frameAt(args.getFrameId());
        SetExpressionResponse r = new SetExpressionResponse();
        try {
            Optional<SourceVariablesProvider.SourceValue> source = at == null ? Optional.empty()
                    : session.sourceVariables().assign(args.getExpression(), args.getValue(), at);
            if (source.isPresent()) {
                SourceVariablesProvider.SourceValue v = source.get();
                r.setValue(v.display());
                r.setType(v.type());
                r.setVariablesReference(reference(v));
                r.setIndexedVariables(v.indexedVariables() > 0 ? v.indexedVariables() : null);
                r.setMemoryReference(v.memoryReference());
                return r;
            }
            EvalContext ctx = new EvalContext(at == null ? null : at.frame(), program.instance());
            Location loc = WasmExpression.location(args.getExpression(), ctx);
            WasmValue value = WasmExpression.evaluate(args.getValue(), ctx);
            loc.write(value.convertTo(loc.type()));
            WasmValue stored = loc.read();
            r.setValue(stored.display(hex(args.getFormat())));
            r.setType(WasmValues.typeName(stored.type()));
            r.setVariablesReference(0);
            return r;
        } catch (EvalException | IllegalStateException e) {
            throw Failures.failure("setExpression: " + e.getMessage());
        }
    }

    public EvaluateResponse evaluate(EvaluateArguments args) {
        Program program = session.program();
        FrameAt at = frameAt(args.getFrameId());
        String expression = args.getExpression() == null ? "" : args.getExpression().trim();
        EvaluateResponse r = new EvaluateResponse();
        try {
            Optional<SourceVariablesProvider.SourceValue> assigned = "repl".equals(args.getContext())
                    ? Expressions.assign(expression, at, session.sourceVariables()) : Optional.empty();
            Expressions.Outcome o = assigned.map(v -> new Expressions.Outcome(v, null))
                    .orElseGet(() -> Expressions.evaluate(expression, at, program, session.sourceVariables()));
            if (o.source() != null) {
                SourceVariablesProvider.SourceValue v = o.source();
                r.setResult(v.display());
                r.setType(v.type());
                r.setMemoryReference(v.memoryReference());
                r.setVariablesReference(reference(v));
                r.setIndexedVariables(v.indexedVariables() > 0 ? v.indexedVariables() : null);
                return r;
            }
            WasmValue v = o.wasm();
            r.setResult(v.display(hex(args.getFormat())));
            r.setType(WasmValues.typeName(v.type()));
            r.setMemoryReference(LocationVariables.memoryReference(v, program.instance().memory()));
            r.setVariablesReference(0);
            return r;
        } catch (EvalException | IllegalStateException e) {
            throw Failures.failure(e.getMessage());
        }
    }

    /** A reference to the value's children for this stop, or 0 when it has none. */
    private int reference(SourceVariablesProvider.SourceValue v) {
        return v.children() == null ? 0 : session.stop().refs().add(v.children());
    }

    public CompletionsResponse completions(CompletionsArguments args) {
        String text = args.getText() == null ? "" : args.getText();
        boolean oneBased = session.client().getColumnsStartAt1() == null || session.client().getColumnsStartAt1();
        int cursor = Math.min(text.length(), Math.max(0, args.getColumn() - (oneBased ? 1 : 0)));
        int from = cursor;
        while (from > 0 && (Character.isLetterOrDigit(text.charAt(from - 1)) || text.charAt(from - 1) == '_')) {
            from--;
        }
        // After "." or "->" the candidates are the members of what stands before; after "$", Wasm local names.
        String access = text.startsWith("->", Math.max(0, from - 2)) && from >= 2 ? "->"
                : from >= 1 && text.charAt(from - 1) == '.' ? "." : null;
        Set<String> candidates = access == null ? null
                : Completions.members(text.substring(0, from - access.length()), access, frameAt(args.getFrameId()),
                session.sourceVariables());
        if (candidates == null) {
            while (from > 0 && (Character.isLetterOrDigit(text.charAt(from - 1)) || text.charAt(from - 1) == '_'
                    || text.charAt(from - 1) == '$' || text.charAt(from - 1) == '.')) {
                from--;
            }
            candidates = candidates(args.getFrameId());
        }
        String prefix = text.substring(from, cursor);
        List<CompletionItem> items = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.startsWith(prefix)) {
                CompletionItem item = new CompletionItem();
                item.setLabel(candidate);
                item.setText(candidate);
                // Accessors such as "mem32[" are syntax; everything else names a value.
                item.setType(candidate.endsWith("[") ? CompletionItemType.KEYWORD : CompletionItemType.VARIABLE);
                item.setStart(from + (oneBased ? 1 : 0));
                item.setLength(prefix.length());
                items.add(item);
            }
        }
        CompletionsResponse r = new CompletionsResponse();
        r.setTargets(items.toArray(CompletionItem[]::new));
        return r;
    }

    private Set<String> candidates(Integer frameId) {
        Set<String> out = new LinkedHashSet<>();
        FrameAt at = frameAt(frameId);
        DebugFrame frame = at == null ? null : at.frame();
        if (at != null) {
            out.addAll(session.sourceVariables().names(at));
        }
        if (frame != null) {
            for (int i = 0; i < frame.localCount(); i++) {
                out.add(Location.local(frame, i).expression());
                out.add("$" + i);
            }
        }
        out.addAll(List.of("local[", "stack[", "global[", "mem8[", "mem16[", "mem32[", "mem64[", "memf32[",
                "memf64["));
        for (Export e : session.program().instance().module().exports()) {
            if (e.kind() == ExternKind.GLOBAL && WasmExpression.isIdentifier(e.name())) {
                out.add(e.name());
            }
        }
        return out;
    }

    /** The source frame of a DAP frame id; the innermost when none is given; {@code null} when not stopped. */
    private FrameAt frameAt(Integer frameId) {
        if (session.state() != RunState.STOPPED) {
            if (frameId != null) {
                session.stop(); // "the program is running"
            }
            return null;
        }
        Stop stop = session.stop();
        Stop.FrameRef ref = frameId == null ? new Stop.FrameRef(0, 0) : stop.frame(frameId);
        Program program = session.program();
        return new FrameAt(stop.frames().get(ref.wasmIndex()), ref.inlineDepth(), program.instance(),
                program.sourceMap());
    }

    private static boolean hex(ValueFormat format) {
        return format != null && Boolean.TRUE.equals(format.getHex());
    }
}
