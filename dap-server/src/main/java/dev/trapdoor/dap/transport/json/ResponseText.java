package dev.trapdoor.dap.transport.json;

import com.google.gson.Gson;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablePresentationHint;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole JSON of a successful response to the requests every step of every session sends (next, stepIn, stepOut,
 * continue, stackTrace, scopes, variables; and any response without a body), written straight into a builder: the
 * characters LSP4J's handler writes for the same message (the envelope's member order, the bodies' members in
 * {@link HotTypes}' writers' order, nulls left out, {@link JsonText}'s escaping), without the message adapter, a
 * {@code JsonWriter} and the type adapters it goes through (benchmarks/RESULTS.md, session 26). Members the server
 * rarely or never sets and whose text Gson decides (enums, a source's adapter data and checksums) are written by the
 * same Gson.
 */
public final class ResponseText {
    private final Gson gson;
    private final Map<Object, String> enums = new ConcurrentHashMap<>();

    /** @param gson the Gson LSP4J's handler writes with (for the rare members) */
    public ResponseText(Gson gson) {
        this.gson = gson;
    }

    /** Whether {@link #response} writes a response with this body (null: none). */
    public static boolean writes(Object body) {
        if (body == null) {
            return true;
        }
        Class<?> c = body.getClass();
        return c == StackTraceResponse.class || c == ScopesResponse.class || c == VariablesResponse.class
                || c == ContinueResponse.class;
    }

    /** Appends the successful response {@code seq} to request {@code requestSeq}; {@code body} as {@link #writes}. */
    public void response(StringBuilder out, int seq, int requestSeq, String command, Object body) {
        out.append("{\"type\":\"response\",\"seq\":").append(seq).append(",\"request_seq\":").append(requestSeq)
                .append(",\"command\":");
        JsonText.string(out, command);
        out.append(",\"success\":true");
        if (body != null) {
            out.append(",\"body\":");
            if (body instanceof StackTraceResponse r) {
                stackTrace(out, r);
            } else if (body instanceof ScopesResponse r) {
                out.append('{');
                if (r.getScopes() != null) {
                    name(out, "scopes").append('[');
                    for (Scope s : r.getScopes()) {
                        comma(out);
                        scope(out, s);
                    }
                    out.append(']');
                }
                out.append('}');
            } else if (body instanceof VariablesResponse r) {
                out.append('{');
                if (r.getVariables() != null) {
                    name(out, "variables").append('[');
                    for (Variable v : r.getVariables()) {
                        comma(out);
                        variable(out, v);
                    }
                    out.append(']');
                }
                out.append('}');
            } else {
                out.append('{');
                bool(out, "allThreadsContinued", ((ContinueResponse) body).getAllThreadsContinued());
                out.append('}');
            }
        }
        out.append('}');
    }

    private void stackTrace(StringBuilder out, StackTraceResponse r) {
        out.append('{');
        if (r.getStackFrames() != null) {
            name(out, "stackFrames").append('[');
            for (StackFrame f : r.getStackFrames()) {
                comma(out);
                frame(out, f);
            }
            out.append(']');
        }
        integer(out, "totalFrames", r.getTotalFrames());
        out.append('}');
    }

    private void frame(StringBuilder out, StackFrame f) {
        if (f == null) {
            out.append("null");
            return;
        }
        out.append('{');
        name(out, "id").append(f.getId());
        string(out, "name", f.getName());
        if (f.getSource() != null) {
            source(name(out, "source"), f.getSource());
        }
        name(out, "line").append(f.getLine());
        name(out, "column").append(f.getColumn());
        integer(out, "endLine", f.getEndLine());
        integer(out, "endColumn", f.getEndColumn());
        bool(out, "canRestart", f.getCanRestart());
        string(out, "instructionPointerReference", f.getInstructionPointerReference());
        Either<Integer, String> module = f.getModuleId();
        if (module != null) {
            name(out, "moduleId");
            if (module.isLeft()) {
                out.append(module.getLeft());
            } else if (module.getRight() == null) {
                out.append("null");
            } else {
                JsonText.string(out, module.getRight());
            }
        }
        other(out, "presentationHint", f.getPresentationHint());
        out.append('}');
    }

    private void source(StringBuilder out, Source s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('{');
        string(out, "name", s.getName());
        string(out, "path", s.getPath());
        integer(out, "sourceReference", s.getSourceReference());
        other(out, "presentationHint", s.getPresentationHint());
        string(out, "origin", s.getOrigin());
        if (s.getSources() != null) {
            name(out, "sources").append('[');
            for (Source inner : s.getSources()) {
                comma(out);
                source(out, inner);
            }
            out.append(']');
        }
        other(out, "adapterData", s.getAdapterData());
        other(out, "checksums", s.getChecksums());
        out.append('}');
    }

    private void scope(StringBuilder out, Scope s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('{');
        string(out, "name", s.getName());
        string(out, "presentationHint", s.getPresentationHint());
        name(out, "variablesReference").append(s.getVariablesReference());
        integer(out, "namedVariables", s.getNamedVariables());
        integer(out, "indexedVariables", s.getIndexedVariables());
        name(out, "expensive").append(s.isExpensive());
        if (s.getSource() != null) {
            source(name(out, "source"), s.getSource());
        }
        integer(out, "line", s.getLine());
        integer(out, "column", s.getColumn());
        integer(out, "endLine", s.getEndLine());
        integer(out, "endColumn", s.getEndColumn());
        out.append('}');
    }

    private void variable(StringBuilder out, Variable v) {
        if (v == null) {
            out.append("null");
            return;
        }
        out.append('{');
        string(out, "name", v.getName());
        string(out, "value", v.getValue());
        string(out, "type", v.getType());
        VariablePresentationHint hint = v.getPresentationHint();
        if (hint != null) {
            name(out, "presentationHint").append('{');
            string(out, "kind", hint.getKind());
            if (hint.getAttributes() != null) {
                name(out, "attributes").append('[');
                for (String a : hint.getAttributes()) {
                    comma(out);
                    if (a == null) {
                        out.append("null");
                    } else {
                        JsonText.string(out, a);
                    }
                }
                out.append(']');
            }
            string(out, "visibility", hint.getVisibility());
            bool(out, "lazy", hint.getLazy());
            out.append('}');
        }
        string(out, "evaluateName", v.getEvaluateName());
        name(out, "variablesReference").append(v.getVariablesReference());
        integer(out, "namedVariables", v.getNamedVariables());
        integer(out, "indexedVariables", v.getIndexedVariables());
        string(out, "memoryReference", v.getMemoryReference());
        integer(out, "declarationLocationReference", v.getDeclarationLocationReference());
        integer(out, "valueLocationReference", v.getValueLocationReference());
        out.append('}');
    }

    /** A member whose text Gson decides: an enum's serialized name (kept once per constant), or anything else. */
    private void other(StringBuilder out, String name, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof Enum<?> ? enums.computeIfAbsent(value, gson::toJson) : gson.toJson(value);
        name(out, name).append(text);
    }

    private static void string(StringBuilder out, String name, String value) {
        if (value != null) {
            JsonText.string(name(out, name), value);
        }
    }

    private static void integer(StringBuilder out, String name, Integer value) {
        if (value != null) {
            name(out, name).append(value.intValue());
        }
    }

    private static void bool(StringBuilder out, String name, Boolean value) {
        if (value != null) {
            name(out, name).append(value.booleanValue());
        }
    }

    /** Appends a member's name, after a comma unless it is its object's first. */
    private static StringBuilder name(StringBuilder out, String name) {
        comma(out);
        return out.append('"').append(name).append("\":");
    }

    /** A comma unless the builder is right after an opening bracket or brace (the first element or member). */
    private static void comma(StringBuilder out) {
        char last = out.charAt(out.length() - 1);
        if (last != '{' && last != '[') {
            out.append(',');
        }
    }
}
