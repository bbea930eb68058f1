package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.DwarfVariablesProvider;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A DAP client (LSP4J) on its own socket to an in-process server: one session. */
final class DapTestClient implements IDebugProtocolClient, AutoCloseable {
    final CompletableFuture<StoppedEventArguments> stopped = new CompletableFuture<>();
    final java.util.concurrent.BlockingQueue<StoppedEventArguments> stops = new java.util.concurrent.LinkedBlockingQueue<>();
    final CompletableFuture<ExitedEventArguments> exited = new CompletableFuture<>();
    final CompletableFuture<TerminatedEventArguments> terminated = new CompletableFuture<>();
    final CompletableFuture<Void> initialized = new CompletableFuture<>();
    final CompletableFuture<org.eclipse.lsp4j.debug.Capabilities> capabilitiesEvent = new CompletableFuture<>();
    private final StringBuffer output = new StringBuffer();
    final IDebugProtocolServer server;
    private final Socket socket;

    DapTestClient(TcpServer tcp) throws IOException {
        socket = new Socket("127.0.0.1", tcp.address().getPort());
        var launcher = DSPLauncher.createClientLauncher(this, socket.getInputStream(), socket.getOutputStream());
        server = launcher.getRemoteProxy();
        launcher.startListening();
    }

    void launch(Map<String, Object> args) throws Exception {
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("trapdoor");
        init.setLinesStartAt1(true);
        init.setPathFormat("path");
        server.initialize(init).get(30, TimeUnit.SECONDS);
        initialized.get(30, TimeUnit.SECONDS);
        server.launch(new HashMap<>(args)).get(30, TimeUnit.SECONDS);
        server.configurationDone(new ConfigurationDoneArguments()).get(30, TimeUnit.SECONDS);
    }

    StackFrame[] frames() throws Exception {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        return server.stackTrace(a).get(30, TimeUnit.SECONDS).getStackFrames();
    }

    int scopeRef(int frameId, String name) throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(frameId);
        for (Scope s : server.scopes(a).get(30, TimeUnit.SECONDS).getScopes()) {
            if (s.getName().equals(name)) {
                return s.getVariablesReference();
            }
        }
        throw new AssertionError("no scope " + name);
    }

    Variable[] scope(int frameId, String name) throws Exception {
        VariablesArguments v = new VariablesArguments();
        v.setVariablesReference(scopeRef(frameId, name));
        return server.variables(v).get(30, TimeUnit.SECONDS).getVariables();
    }

    org.eclipse.lsp4j.debug.EvaluateResponse evaluate(String expression, int frameId) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expression);
        a.setFrameId(frameId);
        a.setContext("watch");
        return server.evaluate(a).get(30, TimeUnit.SECONDS);
    }

    /** The next stopped event (each is taken once). */
    StoppedEventArguments nextStop() throws InterruptedException {
        StoppedEventArguments s = stops.poll(60, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no stopped event; output so far:\n" + output());
        }
        return s;
    }

    void cont() throws Exception {
        org.eclipse.lsp4j.debug.ContinueArguments a = new org.eclipse.lsp4j.debug.ContinueArguments();
        a.setThreadId(1);
        server.continue_(a).get(30, TimeUnit.SECONDS);
    }

    org.eclipse.lsp4j.debug.Breakpoint[] setLines(Path source, int... lines) throws Exception {
        org.eclipse.lsp4j.debug.SetBreakpointsArguments a = new org.eclipse.lsp4j.debug.SetBreakpointsArguments();
        org.eclipse.lsp4j.debug.Source s = new org.eclipse.lsp4j.debug.Source();
        s.setPath(source.toString());
        a.setSource(s);
        org.eclipse.lsp4j.debug.SourceBreakpoint[] bps = new org.eclipse.lsp4j.debug.SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new org.eclipse.lsp4j.debug.SourceBreakpoint();
            bps[i].setLine(lines[i]);
        }
        a.setBreakpoints(bps);
        return server.setBreakpoints(a).get(30, TimeUnit.SECONDS).getBreakpoints();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void initialized() {
        initialized.complete(null);
    }

    @Override
    public void capabilities(org.eclipse.lsp4j.debug.CapabilitiesEventArguments args) {
        capabilitiesEvent.complete(args.getCapabilities());
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        stopped.complete(args);
        stops.add(args);
    }

    @Override
    public void exited(ExitedEventArguments args) {
        exited.complete(args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        terminated.complete(args);
    }

    @Override
    public void output(OutputEventArguments args) {
        output.append(args.getOutput());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
