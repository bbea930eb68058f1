package dev.trapdoor.dap.transport;

import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A DAP client on its own socket that starts sessions the way VS Code does (its {@code initialize} arguments, then
 * breakpoints and filters before {@code configurationDone}) and records the events the editor shows.
 */
final class EditorClient implements IDebugProtocolClient, AutoCloseable {
    static final long TIMEOUT_S = 30;

    final CompletableFuture<ExitedEventArguments> exited = new CompletableFuture<>();
    final LinkedBlockingQueue<StoppedEventArguments> stops = new LinkedBlockingQueue<>();
    final IDebugProtocolServer server;
    /** The {@code initialize} answer of the last launch. */
    Capabilities capabilities;
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final StringBuilder console = new StringBuilder();
    private final StringBuilder stdout = new StringBuilder();
    private final Socket socket;

    EditorClient(TcpServer tcp) throws IOException {
        socket = new Socket("127.0.0.1", tcp.address().getPort());
        Launcher<IDebugProtocolServer> launcher =
                DSPLauncher.createClientLauncher(this, socket.getInputStream(), socket.getOutputStream());
        server = launcher.getRemoteProxy();
        launcher.startListening();
    }

    /** What VS Code 1.100 sends in {@code initialize} (the server shows some data only to clients that support it). */
    static InitializeRequestArguments vsCode() {
        InitializeRequestArguments a = new InitializeRequestArguments();
        a.setClientID("vscode");
        a.setClientName("Visual Studio Code");
        a.setAdapterID("trapdoor");
        a.setPathFormat("path");
        a.setLinesStartAt1(true);
        a.setColumnsStartAt1(true);
        a.setSupportsVariableType(true);
        a.setSupportsVariablePaging(true);
        a.setSupportsRunInTerminalRequest(true);
        a.setLocale("en");
        a.setSupportsProgressReporting(true);
        a.setSupportsInvalidatedEvent(true);
        a.setSupportsMemoryReferences(true);
        a.setSupportsArgsCanBeInterpretedByShell(true);
        a.setSupportsMemoryEvent(true);
        a.setSupportsStartDebuggingRequest(true);
        return a;
    }

    /** Launches {@code program}; {@code configure} sets breakpoints before {@code configurationDone}. */
    void launch(Path program, Consumer<EditorClient> configure) throws Exception {
        capabilities = server.initialize(vsCode()).get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Object> args = new HashMap<>();
        args.put("program", program.toString());
        server.launch(args).get(TIMEOUT_S, TimeUnit.SECONDS);
        initialized.get(TIMEOUT_S, TimeUnit.SECONDS);
        configure.accept(this);
        SetExceptionBreakpointsArguments filters = new SetExceptionBreakpointsArguments();
        filters.setFilters(new String[] {"trap.all"});
        server.setExceptionBreakpoints(filters).get(TIMEOUT_S, TimeUnit.SECONDS);
        server.configurationDone(new ConfigurationDoneArguments()).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Sets one source breakpoint on {@code line} of {@code file}, a logpoint when {@code logMessage} is not null. */
    SetBreakpointsResponse breakpoint(Path file, int line, String logMessage) {
        return breakpoints(file, new int[] {line}, new String[] {logMessage});
    }

    /** Sets the source breakpoints of {@code file}: one on each line, a logpoint where its message is not null. */
    SetBreakpointsResponse breakpoints(Path file, int[] lines, String[] logMessages) {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source source = new Source();
        source.setPath(file.toString());
        a.setSource(source);
        SourceBreakpoint[] bs = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bs[i] = new SourceBreakpoint();
            bs[i].setLine(lines[i]);
            bs[i].setLogMessage(logMessages[i]);
        }
        a.setBreakpoints(bs);
        try {
            return server.setBreakpoints(a).get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("setBreakpoints failed", e);
        }
    }

    StoppedEventArguments nextStop() throws InterruptedException, TimeoutException {
        StoppedEventArguments stop = stops.poll(TIMEOUT_S, TimeUnit.SECONDS);
        if (stop == null) {
            throw new TimeoutException("no stopped event in " + TIMEOUT_S + " s");
        }
        return stop;
    }

    /** The Debug Console's text so far (logpoints and server messages). */
    synchronized String console() {
        return console.toString();
    }

    synchronized String stdout() {
        return stdout.toString();
    }

    /** The line of {@code file} holding {@code text} (1-based), so tests never hard-code line numbers. */
    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("'" + text + "' is not in " + file);
    }

    @Override
    public void initialized() {
        initialized.complete(null);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        stops.add(args);
    }

    @Override
    public synchronized void output(OutputEventArguments args) {
        if ("console".equals(args.getCategory())) {
            console.append(args.getOutput());
        } else if ("stdout".equals(args.getCategory())) {
            stdout.append(args.getOutput());
        }
    }

    @Override
    public void exited(ExitedEventArguments args) {
        exited.complete(args);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
