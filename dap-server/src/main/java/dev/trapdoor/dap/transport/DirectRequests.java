package dev.trapdoor.dap.transport;

import com.google.gson.Gson;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.trapdoor.dap.handler.TrapdoorDebugServer;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The requests every step of every session sends (next, stepIn, stepOut, continue, stackTrace, scopes, variables),
 * read and handed to the server without LSP4J's message adapter, request object and reflective dispatch: the
 * envelope read here, the arguments by the same Gson adapters LSP4J's handler reads them with, the handler called
 * by name; the plain shape every editor sends is read by {@link PlainRequests} without Gson. Anything else, and anything not plainly such a request (a wrong type, {@code arguments} before {@code
 * command}, trailing text, a parse error), goes to LSP4J as before, which answers or refuses it as it always did:
 * this path only ever takes a request LSP4J would have parsed into the same arguments.
 * {@code -Dtrapdoor.dap.directRequests=false} sends every request through LSP4J (benchmarks/RESULTS.md, session 26).
 */
final class DirectRequests {
    static final boolean ENABLED = !"false".equals(System.getProperty("trapdoor.dap.directRequests"));

    /** The argument type of each command taken here (as LSP4J's method table has it). */
    private static final Map<String, Type> ARGUMENTS = Map.of(
            "next", NextArguments.class, "stepIn", StepInArguments.class, "stepOut", StepOutArguments.class,
            "continue", ContinueArguments.class, "stackTrace", StackTraceArguments.class,
            "scopes", ScopesArguments.class, "variables", VariablesArguments.class);

    private DirectRequests() {
    }

    /** Whether {@code command} is one of the requests taken here. */
    static boolean takes(String command) {
        return ARGUMENTS.containsKey(command);
    }

    /** A request read here: its {@code seq}, command and arguments (null when it had none). */
    record Request(int seq, String command, Object arguments) {
    }

    /** The request in {@code text}, or null when LSP4J should read it. */
    static Request parse(String text, Gson gson) {
        Request plain = PlainRequests.parse(text, gson);
        if (plain != null) {
            return plain == PlainRequests.NOT_TAKEN ? null : plain;
        }
        return withGson(text, gson);
    }

    /** As {@link #parse}, by Gson's reader: any shape Gson reads, with the same adapters as LSP4J's handler. */
    static Request withGson(String text, Gson gson) {
        try {
            JsonReader in = new JsonReader(new StringReader(text));
            // As Gson.fromJson(JsonReader, ...) reads LSP4J's messages.
            in.setStrictness(Strictness.LENIENT);
            int seq = 0;
            String type = null;
            String command = null;
            Object arguments = null;
            boolean hadArguments = false;
            in.beginObject();
            while (in.hasNext()) {
                switch (in.nextName()) {
                    case "seq" -> seq = in.nextInt();
                    case "type" -> type = in.nextString();
                    case "command" -> {
                        if (command != null || hadArguments) {
                            return null;
                        }
                        command = in.nextString();
                        if (!takes(command)) {
                            return null;
                        }
                    }
                    case "arguments" -> {
                        if (command == null || hadArguments) {
                            return null;
                        }
                        hadArguments = true;
                        JsonToken next = in.peek();
                        if (next == JsonToken.NULL) {
                            in.nextNull();
                        } else if (next == JsonToken.BEGIN_OBJECT) {
                            arguments = gson.fromJson(in, ARGUMENTS.get(command));
                        } else {
                            return null;
                        }
                    }
                    case "event", "body", "request_seq", "success", "message" -> {
                        return null;
                    }
                    default -> in.skipValue();
                }
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT || !"request".equals(type) || command == null) {
                return null;
            }
            return new Request(seq, command, arguments);
        } catch (Exception e) {
            // Malformed or mistyped: LSP4J reads it again and answers as it does.
            return null;
        }
    }

    /** Calls the request's handler, as LSP4J's endpoint would by reflection. */
    static CompletableFuture<?> call(TrapdoorDebugServer server, Request r) {
        Object a = r.arguments();
        return switch (r.command()) {
            case "next" -> server.next((NextArguments) a);
            case "stepIn" -> server.stepIn((StepInArguments) a);
            case "stepOut" -> server.stepOut((StepOutArguments) a);
            case "continue" -> server.continue_((ContinueArguments) a);
            case "stackTrace" -> server.stackTrace((StackTraceArguments) a);
            case "scopes" -> server.scopes((ScopesArguments) a);
            case "variables" -> server.variables((VariablesArguments) a);
            default -> throw new IllegalArgumentException(r.command());
        };
    }
}
