package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A DAP client built on LSP4J's client launcher, replaying VS Code's message order: {@code initialize}, then
 * {@code launch} sent at once (before {@code initialized} arrives), then breakpoints and {@code configurationDone}
 * after {@code initialized}. Records every event in arrival order.
 */
final class DapClient implements IDebugProtocolClient, AutoCloseable {
    static final long TIMEOUT_S = 30;
    static final Path DEBUGME_C = Trapdoor.example("debugme.c");
    static final Path DEBUGME = Trapdoor.example("debugme.wasm");
    static final Path CVARS_C = Trapdoor.example("cvars.c");
    static final Path CVARS = Trapdoor.example("cvars.wasm");

    record Event(String name, Object body) {
    }

    private final List<Event> events = new ArrayList<>();
    private final Closeable transport;
    IDebugProtocolServer server;
    private Future<Void> listening;

    interface Closeable {
        void close() throws IOException;
    }

    private DapClient(InputStream in, OutputStream out, Closeable transport) {
        this.transport = transport;
        Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(this, in, out);
        this.server = launcher.getRemoteProxy();
        this.listening = launcher.startListening();
    }

    static DapClient over(Process p) {
        return new DapClient(p.getInputStream(), p.getOutputStream(), p::destroy);
    }

    static DapClient connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        return new DapClient(s.getInputStream(), s.getOutputStream(), s::close);
    }

    /** The line of {@code debugme.c} holding {@code // @marker}. */
    static int line(String marker) {
        return line(DEBUGME_C, marker);
    }

    /** The line of a source holding {@code // @marker}. */
    static int line(Path source, String marker) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// @" + marker) && (lines.get(i).endsWith("@" + marker)
                    || lines.get(i).contains("@" + marker + " "))) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker @" + marker + " in " + source);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception c) {
                throw c;
            }
            throw e;
        }
    }

    // ---- VS Code's start-up sequence

    /** initialize, launch (without waiting for initialized), then configure after initialized; returns the caps. */
    Capabilities start(Map<String, Object> launch, Runnable configure) throws Exception {
        Capabilities caps = get(server.initialize(initializeArgs()));
        CompletableFuture<Void> launched = server.launch(launch);
        awaitEvent("initialized", b -> true);
        configure.run();
        get(server.configurationDone(new ConfigurationDoneArguments()));
        get(launched);
        return caps;
    }

    static InitializeRequestArguments initializeArgs() {
        InitializeRequestArguments a = new InitializeRequestArguments();
        a.setClientID("vscode");
        a.setAdapterID("trapdoor");
        a.setLinesStartAt1(true);
        a.setColumnsStartAt1(true);
        a.setPathFormat("path");
        a.setSupportsVariableType(true);
        a.setSupportsProgressReporting(true);
        a.setSupportsMemoryReferences(true);
        a.setSupportsInvalidatedEvent(true);
        a.setSupportsMemoryEvent(true);
        return a;
    }

    static Map<String, Object> launchArgs(String... args) {
        return launchArgs(DEBUGME, args);
    }

    static Map<String, Object> launchArgs(Path program, String... args) {
        return new java.util.HashMap<>(Map.of("type", "trapdoor", "request", "launch", "name", "debugme",
                "program", program.toString(), "args", List.of(args), "__sessionId", "abc"));
    }

    SetBreakpointsResponse setLines(int... lines) throws Exception {
        SourceBreakpoint[] bps = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(lines[i]);
        }
        return setBreakpoints(bps);
    }

    SetBreakpointsResponse setBreakpoints(SourceBreakpoint... bps) throws Exception {
        return setBreakpoints(DEBUGME_C, bps);
    }

    SetBreakpointsResponse setBreakpoints(Path source, SourceBreakpoint... bps) throws Exception {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source s = new Source();
        s.setPath(source.toString());
        a.setSource(s);
        a.setBreakpoints(bps);
        return get(server.setBreakpoints(a));
    }

    void exceptionFilters(String... filters) throws Exception {
        SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
        a.setFilters(filters);
        get(server.setExceptionBreakpoints(a));
    }

    // ---- running

    StoppedEventArguments awaitStopped() throws Exception {
        return (StoppedEventArguments) awaitEvent("stopped", b -> true);
    }

    StackFrame top() throws Exception {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        return get(server.stackTrace(a)).getStackFrames()[0];
    }

    StackFrame[] frames() throws Exception {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        return get(server.stackTrace(a)).getStackFrames();
    }

    void cont() throws Exception {
        ContinueArguments a = new ContinueArguments();
        a.setThreadId(1);
        get(server.continue_(a));
    }

    StoppedEventArguments next(SteppingGranularity g) throws Exception {
        NextArguments a = new NextArguments();
        a.setThreadId(1);
        a.setGranularity(g);
        get(server.next(a));
        return awaitStopped();
    }

    StoppedEventArguments stepIn(SteppingGranularity g) throws Exception {
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        a.setGranularity(g);
        get(server.stepIn(a));
        return awaitStopped();
    }

    StoppedEventArguments stepOut(SteppingGranularity g) throws Exception {
        StepOutArguments a = new StepOutArguments();
        a.setThreadId(1);
        a.setGranularity(g);
        get(server.stepOut(a));
        return awaitStopped();
    }

    /** The variables of the named scope of frame {@code frameId}. */
    Variable[] scope(int frameId, String name) throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(frameId);
        for (Scope s : get(server.scopes(a)).getScopes()) {
            if (s.getName().equals(name)) {
                VariablesArguments v = new VariablesArguments();
                v.setVariablesReference(s.getVariablesReference());
                return get(server.variables(v)).getVariables();
            }
        }
        throw new AssertionError("no scope " + name);
    }

    int scopeRef(int frameId, String name) throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(frameId);
        for (Scope s : get(server.scopes(a)).getScopes()) {
            if (s.getName().equals(name)) {
                return s.getVariablesReference();
            }
        }
        throw new AssertionError("no scope " + name);
    }

    /** The children of a variables reference, all or a page ({@code start}, {@code count}; null for all). */
    Variable[] children(int reference, Integer start, Integer count) throws Exception {
        VariablesArguments v = new VariablesArguments();
        v.setVariablesReference(reference);
        v.setStart(start);
        v.setCount(count);
        return get(server.variables(v)).getVariables();
    }

    static Variable variable(Variable[] vars, String name) {
        for (Variable v : vars) {
            if (v.getName().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no variable " + name + " among " + java.util.Arrays.stream(vars)
                .map(Variable::getName).toList());
    }

    static String value(Variable[] vars, String name) {
        for (Variable v : vars) {
            if (v.getName().equals(name)) {
                return v.getValue();
            }
        }
        throw new AssertionError("no variable " + name);
    }

    EvaluateResponse evaluate(String expression, Integer frameId, String context) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setFrameId(frameId);
        a.setContext(context);
        return get(server.evaluate(a));
    }

    int exitCode() throws Exception {
        return ((ExitedEventArguments) awaitEvent("exited", b -> true)).getExitCode();
    }

    /** All stdout output events so far, concatenated, after waiting for {@code exited}. */
    String stdoutUntilExit() throws Exception {
        awaitEvent("exited", b -> true);
        return output("stdout");
    }

    synchronized String output(String category) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            if (e.name.equals("output") && category.equals(((OutputEventArguments) e.body).getCategory())) {
                sb.append(((OutputEventArguments) e.body).getOutput());
            }
        }
        return sb.toString();
    }

    // ---- events

    private int consumed;

    /**
     * Waits for the next event of that name after those already taken by earlier waits (for "stopped", "exited"
     * and "terminated"; other names search from the start).
     */
    synchronized Object awaitEvent(String name, Predicate<Object> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        boolean ordered = name.equals("stopped");
        for (;;) {
            for (int i = ordered ? consumed : 0; i < events.size(); i++) {
                Event e = events.get(i);
                if (e.name.equals(name) && test.test(e.body)) {
                    if (ordered) {
                        consumed = i + 1;
                    }
                    return e.body;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + name + "' event within " + TIMEOUT_S + " s; events: " + names());
            }
            wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }

    synchronized List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    synchronized boolean has(String name) {
        return events.stream().anyMatch(e -> e.name.equals(name));
    }

    private synchronized void record(String name, Object body) {
        events.add(new Event(name, body));
        notifyAll();
    }

    @Override
    public void initialized() {
        record("initialized", null);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        record("stopped", args);
    }

    @Override
    public void continued(ContinuedEventArguments args) {
        record("continued", args);
    }

    @Override
    public void exited(ExitedEventArguments args) {
        record("exited", args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        record("terminated", args);
    }

    @Override
    public void output(OutputEventArguments args) {
        record("output", args);
    }

    @Override
    public void breakpoint(BreakpointEventArguments args) {
        record("breakpoint", args);
    }

    @Override
    public void module(ModuleEventArguments args) {
        record("module", args);
    }

    @Override
    public void loadedSource(LoadedSourceEventArguments args) {
        record("loadedSource", args);
    }

    @Override
    public void progressStart(ProgressStartEventArguments args) {
        record("progressStart", args);
    }

    @Override
    public void progressEnd(ProgressEndEventArguments args) {
        record("progressEnd", args);
    }

    @Override
    public void invalidated(InvalidatedEventArguments args) {
        record("invalidated", args);
    }

    @Override
    public void memory(MemoryEventArguments args) {
        record("memory", args);
    }

    @Override
    public void close() throws IOException {
        listening.cancel(true);
        transport.close();
    }
}
