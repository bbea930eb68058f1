package dev.trapdoor.dap.transport;

import com.google.gson.JsonParseException;
import dev.trapdoor.dap.handler.TrapdoorDebugServer;
import dev.trapdoor.dap.session.AttachTarget;
import dev.trapdoor.dap.session.ClientEvents;
import dev.trapdoor.dap.session.DebugSession;
import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.dap.transport.json.EventText;
import dev.trapdoor.dap.transport.json.ResponseText;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.debug.DebugRemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client connection: LSP4J's DAP endpoint, the session behind it, and the connection's {@link SerialExecutor},
 * which parses and handles incoming messages and sends events one at a time, in order. The transport calls {@link
 * #receive} or {@link #receiveQuick} with each message's JSON and {@link #close} when the client is gone.
 *
 * <p>Where a message is handled: on the connection's session thread, except that {@link #receiveQuick} handles a
 * request that only reads the stopped program or signals the engine ({@link #QUICK}) on the caller's thread (a Netty
 * event loop) when the connection has nothing else running or queued; and an event goes out on the thread that posts
 * it (the engine's, for {@code stopped}) under the same condition. Anything that may block (launch, evaluate, reading
 * files, waiting for the engine) stays on the session thread, so an event loop never waits on one client.
 */
public final class DapConnection {
    private static final Logger LOG = Logger.getLogger(DapConnection.class.getName());
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");
    private static final Pattern COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * Requests that neither block nor take long: they read the stopped program or put a command on the engine's
     * queue. A 50-session load steps with these, four requests per step; handled where they are read, each saves
     * two thread wake-ups (benchmarks/RESULTS.md, session 20).
     */
    static final Set<String> QUICK = Set.of("threads", "stackTrace", "scopes", "variables",
            "next", "stepIn", "stepOut", "continue", "pause");

    /**
     * Whether output and stopped events skip LSP4J's message path ({@link Direct}); {@code
     * -Dtrapdoor.dap.directEvents=false} sends them as every other event.
     */
    static final boolean DIRECT_EVENTS = !"false".equals(System.getProperty("trapdoor.dap.directEvents"));

    /**
     * Whether a successful response to the stepping requests (and any response without a body) is written by {@link
     * ResponseText} rather than by LSP4J's Gson; {@code -Dtrapdoor.dap.directResponses=false} writes every message
     * through Gson.
     */
    static final boolean DIRECT_RESPONSES = !"false".equals(System.getProperty("trapdoor.dap.directResponses"));

    private final SerialExecutor serial;
    private final SeqEndpoint endpoint;
    private final FrameSink sink;

    private final DebugSession session;
    private final TrapdoorDebugServer server;
    private final boolean directResponses;
    private final boolean directRequests;
    private final Runnable onDisconnect;
    private volatile boolean closed;
    /** An {@code initialize} request arrived: until then every other request is refused. */
    private volatile boolean initialized;

    /**
     * @param onDisconnect run (on the session thread) after the response to a {@code disconnect} request is written:
     *                     the transport ends the connection
     */
    public DapConnection(FrameSink sink, Path defaultCwd, SourceVariablesProvider sourceVariables,
                         AttachTarget attachTarget, Runnable onDisconnect) {
        this(sink, defaultCwd, sourceVariables, attachTarget, onDisconnect, DIRECT_RESPONSES, DirectRequests.ENABLED);
    }

    /** As above, with the stepping requests' direct paths chosen here rather than by the system properties. */
    DapConnection(FrameSink sink, Path defaultCwd, SourceVariablesProvider sourceVariables, AttachTarget attachTarget,
                  Runnable onDisconnect, boolean directResponses, boolean directRequests) {
        this.directResponses = directResponses;
        this.directRequests = directRequests;
        int n = COUNT.incrementAndGet();
        this.serial = new SerialExecutor("trapdoor-session-" + n);
        this.onDisconnect = onDisconnect;
        this.sink = sink;
        MessageConsumer out = message -> {
            if (message instanceof DebugResponseMessage r && r.getError() != null) {
                withoutJavaInternals(r);
            }
            sink.writeJson(json(message));
            if (message instanceof DebugResponseMessage r && "disconnect".equals(r.getMethod())) {
                try {
                    serial.execute(this::disconnected);
                } catch (RejectedExecutionException closedMeanwhile) {
                    // The client read the response and closed first: nothing is left to end.
                }
            }
        };
        // The endpoint needs the server and the server needs the session, which needs the endpoint's client
        // proxy: a forwarding endpoint breaks the cycle.
        Endpoint[] local = new Endpoint[1];
        Endpoint forwarding = new Endpoint() {
            @Override
            public CompletableFuture<?> request(String method, Object parameter) {
                return local[0].request(method, parameter);
            }

            @Override
            public void notify(String method, Object parameter) {
                local[0].notify(method, parameter);
            }
        };
        this.endpoint = new SeqEndpoint(out, forwarding);
        IDebugProtocolClient client = ServiceEndpoints.toServiceObject(endpoint, IDebugProtocolClient.class);
        this.session = new DebugSession(new ClientEvents(client, serial::runOrQueue,
                DIRECT_EVENTS ? new Direct() : null), serial, sourceVariables, attachTarget);
        this.server = new TrapdoorDebugServer(session, defaultCwd);
        local[0] = ServiceEndpoints.toEndpoint(server);
    }

    /**
     * The message's JSON, in this thread's buffer: a successful response {@link ResponseText} writes by that,
     * anything else by Gson.
     */
    private CharSequence json(Message message) {
        if (directResponses && message instanceof DebugResponseMessage r && r.getError() == null
                && r.getMethod() != null && ResponseText.writes(r.getResult())
                && r.getRawResponseId() != null && r.getRawResponseId().getRight() instanceof Integer seq
                && r.getRawId() != null && r.getRawId().getRight() instanceof Integer requestSeq) {
            return SharedJson.response(seq, requestSeq, r.getMethod(), r.getResult());
        }
        return SharedJson.serialize(message);
    }

    /**
     * Handles {@code text} here if it is one of the {@link DirectRequests} (once {@code initialize} has come): the
     * handler is called directly and its response goes out as LSP4J's endpoint would send it (the endpoint's next
     * {@code seq} when the result is there, an error as its exception handler makes it). False when LSP4J should
     * take the message.
     */
    private boolean handledDirectly(String text) {
        if (!directRequests || !initialized) {
            return false;
        }
        DirectRequests.Request r = DirectRequests.parse(text, SharedJson.gson());
        if (r == null) {
            return false;
        }
        DebugRequestMessage request = new DebugRequestMessage();
        request.setId(r.seq());
        request.setMethod(r.command());
        CompletableFuture<?> result;
        try {
            result = DirectRequests.call(server, r);
        } catch (Throwable t) {
            result = CompletableFuture.failedFuture(t);
        }
        result.whenComplete((value, error) -> {
            try {
                if (error == null) {
                    endpoint.respond(request, value);
                } else {
                    endpoint.refuse(request, error);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handling a message failed", e);
            }
        });
        return true;
    }

    /**
     * Output and stopped events, written as LSP4J would write them (its next {@code seq}, the same JSON) but without
     * its client proxy and Gson: called where LSP4J's {@code notify} would be, in the serial executor's order.
     */
    private final class Direct implements ClientEvents.DirectEvents {
        @Override
        public void output(String category, String text) {
            StringBuilder json = new StringBuilder(text.length() + category.length() + 96);
            EventText.output(json, endpoint.nextSeq(), category, text);
            write(json);
        }

        @Override
        public void stopped(StoppedEventArguments stopped) {
            StringBuilder json = new StringBuilder(160);
            EventText.stopped(json, endpoint.nextSeq(), stopped);
            write(json);
        }

        private void write(StringBuilder json) {
            try {
                sink.writeJson(json);
            } catch (RuntimeException e) {
                // As LSP4J's notify: an event that cannot be sent is logged, not thrown at the program's thread.
                LOG.log(Level.WARNING, "failed to send an event", e);
            }
        }
    }

    /** LSP4J's DAP endpoint, with its sequence numbers also for messages written without it. */
    private static final class SeqEndpoint extends DebugRemoteEndpoint {
        private final MessageConsumer out;

        SeqEndpoint(MessageConsumer out, Endpoint local) {
            super(out, local);
            this.out = out;
        }

        /** The next {@code seq}, taken from the counter every request, response and event of the endpoint uses. */
        int nextSeq() {
            return createNotificationMessage(null, null).getRawId().getRight().intValue();
        }

        /** Sends the successful response to {@code request}, as the endpoint sends a handler's result. */
        void respond(DebugRequestMessage request, Object result) {
            send(createResultResponseMessage(request, result));
        }

        /** Sends the error response to {@code request}, as the endpoint sends a handler's failure. */
        void refuse(DebugRequestMessage request, Throwable error) {
            ResponseError e = DEFAULT_EXCEPTION_HANDLER.apply(error);
            send(createErrorResponseMessage(request, e));
        }

        private void send(Message message) {
            out.consume(message);
        }
    }

    public DebugSession session() {
        return session;
    }

    /** Whether the client has sent {@code initialize}. */
    public boolean initialized() {
        return initialized;
    }

    /**
     * No response shows a Java stack trace or exception class: LSP4J answers a request whose handler threw with
     * "Internal error." and the stack trace as the body. The trace goes to the log instead.
     */
    private static void withoutJavaInternals(DebugResponseMessage r) {
        ResponseError error = r.getError();
        Object data = error.getData();
        String message = error.getMessage() == null ? "" : error.getMessage();
        boolean javaData = data != null && JAVA_INTERNALS.matcher(String.valueOf(data)).find();
        if (javaData || JAVA_INTERNALS.matcher(message).find()) {
            LOG.severe("request '" + r.getMethod() + "' failed: " + message + (data == null ? "" : "\n" + data));
            error.setData(null);
            error.setMessage(r.getMethod() + ": internal error; the server's log has the details");
        }
    }

    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            // Bounded repetitions: a 100,000-letter word must not make this quadratic.
            "\\bjava\\.[a-z]{1,20}\\.|\\tat [a-zA-Z_$]|\\b[A-Z][A-Za-z]{0,60}(Exception|Error)\\b(:|$)|\\$\\$Lambda");

    /** Handles one message's JSON on the session thread, after those received before it. */
    public void receive(String text) {
        if (closed) {
            return;
        }
        serial.execute(() -> handle(text));
    }

    /**
     * As {@link #receive}, but when the connection is idle the message is parsed on the calling thread, and handled
     * there too if it is a {@link #QUICK} request. For a transport whose reader serves other connections as well (a
     * Netty event loop): it never waits for a handler that may block.
     */
    public void receiveQuick(String text) {
        if (closed) {
            return;
        }
        if (!serial.runHere(() -> handleHere(text))) {
            serial.execute(() -> handle(text));
        }
    }

    private void handleHere(String text) {
        if (handledDirectly(text)) {
            return;
        }
        Message message = parse(text, false);
        if (message == null) {
            return;
        }
        if (message instanceof RequestMessage request && QUICK.contains(request.getMethod())) {
            dispatch(message);
        } else {
            // Queued behind this task, so on the session thread, and before anything received after it.
            serial.execute(() -> dispatch(message));
        }
    }

    /** Runs {@code action} on the session thread once the messages received so far are handled (and answered). */
    public void afterPending(Runnable action) {
        if (closed) {
            action.run();
            return;
        }
        serial.execute(action);
    }

    /**
     * Answers a message that will not be handled (over the size limit, a session over the limit, cut off) with an
     * error, on the session thread after what came before it; only logged when no {@code seq} can be found in it.
     */
    public void refuse(String text, String reason) {
        if (closed) {
            return;
        }
        serial.execute(() -> {
            LOG.warning("refusing a message: " + reason);
            answerError(text, reason, ResponseErrorCode.InvalidRequest);
        });
    }

    private void handle(String text) {
        if (handledDirectly(text)) {
            return;
        }
        Message message = parse(text, true);
        if (message != null) {
            dispatch(message);
        }
    }

    /**
     * The message, or null when it was answered (or only logged) as malformed.
     *
     * @param sessionThread whether this is the connection's own thread (else one that serves other connections too)
     */
    private Message parse(String text, boolean sessionThread) {
        try {
            return sessionThread ? SharedJson.parse(text, endpoint) : SharedJson.parseOnce(text, endpoint);
        } catch (MessageIssueException e) {
            // Wrongly typed arguments: LSP4J parsed enough to answer the request with the issue.
            endpoint.handle(e.getRpcMessage(), e.getIssues());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                 | ClassCastException | NumberFormatException e) {
            malformed(text, e);
        }
        return null;
    }

    private void dispatch(Message message) {
        if (message instanceof RequestMessage request) {
            if ("initialize".equals(request.getMethod())) {
                initialized = true;
            } else if (!initialized && !"disconnect".equals(request.getMethod())) {
                endpoint.handle(request, List.of(new MessageIssue("'" + request.getMethod() + "' before "
                        + "'initialize': a session starts with an initialize request",
                        ResponseErrorCode.InvalidRequest.getValue())));
                return;
            }
        }
        try {
            endpoint.consume(message);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "handling a message failed", e);
        }
    }

    /** A message that is not JSON or not DAP: answer it if its seq and command can be found, log it either way. */
    private void malformed(String text, Exception problem) {
        LOG.warning("malformed message: " + problem.getMessage());
        answerError(text, "malformed message: " + plain(problem.getMessage()), ResponseErrorCode.ParseError);
    }

    /** A parser's message without the exception class names it may start with. */
    static String plain(String message) {
        return message == null ? "not a DAP message"
                : message.replaceAll("\\b(?:[a-z][\\w$]{0,40}\\.){0,8}[A-Z][\\w$]{0,60}(?:Exception|Error): ", "");
    }

    private void answerError(String text, String message, ResponseErrorCode code) {
        Matcher seq = SEQ.matcher(text);
        if (!seq.find() || seq.group(1).length() > 9) {
            return;
        }
        Matcher command = COMMAND.matcher(text);
        DebugRequestMessage request = new DebugRequestMessage();
        request.setId(Integer.parseInt(seq.group(1)));
        request.setMethod(command.find() ? command.group(1) : "unknown");
        endpoint.handle(request, List.of(new MessageIssue(message, code.getValue())));
    }

    private void disconnected() {
        onDisconnect.run();
    }

    /** The client is gone: end this session (its engine only) and stop the session thread. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serial.execute(session::dispose);
        } catch (RuntimeException alreadyStopped) {
            session.dispose();
        }
        serial.shutdown();
    }

    /** Waits for the session thread and the engine to finish (used when the process is about to exit). */
    public void awaitTermination(long millis) throws InterruptedException {
        serial.awaitTermination(millis);
        session.awaitEngine(millis);
    }
}
