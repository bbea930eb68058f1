package dev.trapdoor.dap.transport;

import com.google.gson.Gson;
import dev.trapdoor.dap.transport.json.HotTypes;
import dev.trapdoor.dap.transport.json.ResponseText;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MethodProvider;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One LSP4J JSON handler, and so one Gson, for every connection. LSP4J's handler builds its own Gson, whose type
 * adapters are made by reflection for each message type the first time it is read or written: per connection, that
 * was every session's first stack trace, scopes and variables paying the reflection again, and 50 sessions keeping
 * ~9,500 adapters alive (benchmarks/RESULTS.md, sessions 12 and 13). Gson and LSP4J's adapters keep no state
 * between calls, so one serves all threads.
 *
 * <p>The one thing a handler knows of its connection is the method provider, which a response from the client needs
 * (the method of the request it answers gives its body's type): it is the connection whose thread is parsing.
 */
final class SharedJson {
    /**
     * The protocol's methods, found by reflection over LSP4J's two service interfaces: once per process, not once per
     * connection (with 50 clients connecting at once, that reflection was a visible share of the server's CPU).
     */
    private static final Map<String, JsonRpcMethod> METHODS = supportedMethods();
    private static final ThreadLocal<MethodProvider> PARSING_FOR = new ThreadLocal<>();
    private static final ThreadLocal<TextBuffer> BUFFER = ThreadLocal.withInitial(TextBuffer::new);
    private static final DebugMessageJsonHandler HANDLER = new DebugMessageJsonHandler(METHODS, HotTypes::register) {
        @Override
        public MethodProvider getMethodProvider() {
            return PARSING_FOR.get();
        }

        @Override
        public void setMethodProvider(MethodProvider methodProvider) {
            throw new UnsupportedOperationException("shared by all connections: parse(text, provider)");
        }
    };

    private static final ResponseText RESPONSES = new ResponseText(HANDLER.getGson());

    private SharedJson() {
    }

    private static Map<String, JsonRpcMethod> supportedMethods() {
        Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
        methods.putAll(ServiceEndpoints.getSupportedMethods(IDebugProtocolClient.class));
        methods.putAll(ServiceEndpoints.getSupportedMethods(IDebugProtocolServer.class));
        return Collections.unmodifiableMap(methods);
    }

    /**
     * Parses one message for the connection whose requests {@code provider} knows; throws what LSP4J throws. Called
     * on the connection's own session thread, which ends with it, so the provider stays set for its next message.
     */
    static Message parse(String text, MethodProvider provider) {
        if (PARSING_FOR.get() != provider) {
            PARSING_FOR.set(provider);
        }
        return HANDLER.parseMessage(text);
    }

    /**
     * As {@link #parse}, on a thread that serves many connections (a Netty event loop): the provider is not kept, so
     * the thread does not hold on to a closed connection's session.
     */
    static Message parseOnce(String text, MethodProvider provider) {
        PARSING_FOR.set(provider);
        try {
            return HANDLER.parseMessage(text);
        } finally {
            PARSING_FOR.remove();
        }
    }

    /** The Gson every connection's messages are read and written with. */
    static Gson gson() {
        return HANDLER.getGson();
    }

    /**
     * A successful response's JSON, by {@link ResponseText} (which {@code body} must be one it {@code writes}), in
     * this thread's buffer: good until the thread's next message.
     */
    static CharSequence response(int seq, int requestSeq, String command, Object body) {
        TextBuffer buffer = BUFFER.get();
        buffer.clear();
        RESPONSES.response(buffer.builder(), seq, requestSeq, command, body);
        return buffer.builder();
    }

    /**
     * The message's JSON, written into this thread's buffer: LSP4J's own {@code serialize} starts a 16-character
     * {@code StringWriter} per message and copies it as it doubles (a stack trace is 1-3 KB). Good until the
     * thread's next message.
     */
    static CharSequence serialize(Message message) {
        TextBuffer buffer = BUFFER.get();
        buffer.clear();
        HANDLER.serialize(message, buffer);
        return buffer.builder();
    }
}
