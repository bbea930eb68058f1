package dev.trapdoor.it;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.trapdoor.intellij.CommandLines;
import dev.trapdoor.intellij.LaunchVariables;
import dev.trapdoor.intellij.ReadyPattern;
import dev.trapdoor.intellij.ServerCommand;
import dev.trapdoor.intellij.template.Lsp4ijTemplate;
import dev.trapdoor.intellij.template.TemplateKeys;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArgumentsPathFormat;
import org.eclipse.lsp4j.debug.InstructionBreakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What LSP4IJ does with the Trapdoor template, step by step, on top of {@link DapClient}: start the template's server
 * command with {@code ${port}} replaced by a free port, wait for the template's ready pattern on the server's output,
 * connect, and configure in LSP4IJ's order (its {@code DAPClient}): {@code initialize}; on its response
 * {@code launch}/{@code attach}, not awaited; after {@code initialized}: {@code setBreakpoints} per file,
 * {@code setExceptionBreakpoints} with the ticked filters, {@code setInstructionBreakpoints} (the adapter can
 * disassemble), {@code configurationDone}. Every request is recorded, so tests can hold the order and the absence of
 * requests LSP4IJ never sends ({@code pause}, {@code readMemory}, {@code exceptionInfo}, ...).
 */
final class Lsp4ijSession implements AutoCloseable {
    static final Lsp4ijTemplate TEMPLATE = Lsp4ijTemplate.forCheckout(Trapdoor.ROOT);
    private static final JsonObject TEMPLATE_JSON = JsonParser.parseString(TEMPLATE.templateJson()).getAsJsonObject();

    final DapClient client;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Process process;

    private Lsp4ijSession(DapClient client, Process process) {
        this.client = client;
        this.process = process;
        IDebugProtocolServer real = client.server;
        client.server = (IDebugProtocolServer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IDebugProtocolServer.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class) {
                        requests.add(method.getName().replaceAll("_$", "")); // continue_ is "continue"
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The template's server command, started as LSP4IJ starts it, and connected to once it printed its ready line. */
    static Lsp4ijSession startServer() throws Exception {
        String command = TEMPLATE_JSON.getAsJsonObject(TemplateKeys.LAUNCH)
                .get(ServerCommand.Platform.current() == ServerCommand.Platform.WINDOWS ? TemplateKeys.WINDOWS_OS
                        : TemplateKeys.DEFAULT_OS).getAsString();
        int port = freePort();
        List<String> argv = CommandLines.split(command.replace(ServerCommand.PORT_VARIABLE, Integer.toString(port)));
        Process p = new ProcessBuilder(argv).directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log())).start();
        ReadyPattern.Address a = awaitReady(p, p.getInputStream());
        if (a.port() != port) {
            p.destroyForcibly();
            throw new AssertionError("the server listens on " + a + ", not on the port it was given: " + port);
        }
        return new Lsp4ijSession(DapClient.connect(a.port()), p);
    }

    /** LSP4IJ attaching to a program that listens itself ({@code run --listen}): no server process of its own. */
    static Lsp4ijSession connect(ReadyPattern.Address a) throws Exception {
        return new Lsp4ijSession(DapClient.connect(a.port()), null);
    }

    /** Reads {@code out} until the template's ready pattern matches a line; the rest is drained in the background. */
    static ReadyPattern.Address awaitReady(Process p, InputStream out) throws Exception {
        ReadyPattern pattern = new ReadyPattern(TEMPLATE_JSON.get(TemplateKeys.DEBUG_SERVER_READY_PATTERN).getAsString());
        BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        CompletableFuture<ReadyPattern.Address> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    pattern.match(line).ifPresent(ready::complete);
                }
                ready.completeExceptionally(new AssertionError("the process ended without its ready line"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "lsp4ij-it-ready");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** launch.json as LSP4IJ sends it: variables replaced in the text, then parsed; {@code edits} as typed by a user. */
    static Map<String, Object> launchJson(Path file, Map<String, Object> edits) {
        String text = LaunchVariables.resolve(TEMPLATE.files().get(TemplateKeys.LAUNCH_FILE), file.toString(),
                Trapdoor.ROOT.toString());
        Map<String, Object> params = new Gson().fromJson(text, new TypeToken<Map<String, Object>>() { }.getType());
        params.putAll(edits);
        return params;
    }

    /** attach.json with the port edited, and the address and port LSP4IJ reads from it through the template. */
    static Map<String, Object> attachJson(int port) {
        Map<String, Object> params = new Gson().fromJson(TEMPLATE.files().get(TemplateKeys.ATTACH_FILE),
                new TypeToken<Map<String, Object>>() { }.getType());
        params.put(placeholder(TemplateKeys.ATTACH_PORT), port);
        return params;
    }

    /** The attach key the template's {@code attach.<field>} names with {@code $key}. */
    static String placeholder(String field) {
        String v = TEMPLATE_JSON.getAsJsonObject(TemplateKeys.ATTACH).get(field).getAsString();
        if (!v.startsWith("$")) {
            throw new AssertionError("attach." + field + " is not a $key: " + v);
        }
        return v.substring(1);
    }

    /** LSP4IJ's initialize arguments ({@code DebugAdapterDescriptor.createInitializeRequestArguments}). */
    static InitializeRequestArguments initializeArgs(Map<String, Object> params) {
        InitializeRequestArguments a = new InitializeRequestArguments();
        a.setClientID("lsp4ij.debug");
        a.setClientName("IntelliJ IDEA");
        a.setAdapterID((String) params.get("type"));
        a.setPathFormat(InitializeRequestArgumentsPathFormat.PATH);
        a.setSupportsVariableType(true);
        a.setSupportsVariablePaging(false);
        a.setLinesStartAt1(true);
        a.setColumnsStartAt1(true);
        a.setSupportsStartDebuggingRequest(true);
        return a;
    }

    /** The exception filters ticked in LSP4IJ's panel, from the adapter's capabilities. */
    interface Ticked extends Function<Capabilities, String[]> {
    }

    /** A first run: LSP4IJ ticks the filters the adapter marks {@code default}. */
    static final Ticked FIRST_RUN = caps -> Arrays.stream(caps.getExceptionBreakpointFilters())
            .filter(f -> Boolean.TRUE.equals(f.getDefault_())).map(ExceptionBreakpointsFilter::getFilter)
            .toArray(String[]::new);

    /** The user ticked exactly these. */
    static Ticked ticked(String... filters) {
        return caps -> filters;
    }

    /** The start-up sequence, with breakpoints on {@code lines} of {@code debugme.c}. */
    Capabilities start(boolean attach, Map<String, Object> params, int[] lines, Ticked ticked) throws Exception {
        IDebugProtocolServer s = client.server;
        Capabilities caps = DapClient.get(s.initialize(initializeArgs(params)));
        CompletableFuture<Void> started = attach ? s.attach(params) : s.launch(params);
        client.awaitEvent("initialized", b -> true);
        if (lines.length > 0) {
            DapClient.get(s.setBreakpoints(breakpoints(lines)));
        }
        if (caps.getExceptionBreakpointFilters() != null) {
            SetExceptionBreakpointsArguments e = new SetExceptionBreakpointsArguments();
            e.setFilters(ticked.apply(caps));
            DapClient.get(s.setExceptionBreakpoints(e));
        }
        if (Boolean.TRUE.equals(caps.getSupportsDisassembleRequest())) {
            SetInstructionBreakpointsArguments i = new SetInstructionBreakpointsArguments();
            i.setBreakpoints(new InstructionBreakpoint[0]);
            DapClient.get(s.setInstructionBreakpoints(i));
        }
        if (Boolean.TRUE.equals(caps.getSupportsConfigurationDoneRequest())) {
            DapClient.get(s.configurationDone(new ConfigurationDoneArguments()));
        }
        DapClient.get(started);
        return caps;
    }

    /** LSP4IJ's setBreakpoints: the file's path and name, {@code lines} and {@code breakpoints}, not modified. */
    static SetBreakpointsArguments breakpoints(int... lines) {
        Source source = new Source();
        source.setPath(DapClient.DEBUGME_C.toString());
        source.setName(DapClient.DEBUGME_C.getFileName().toString());
        SourceBreakpoint[] bps = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(lines[i]);
        }
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        a.setSource(source);
        a.setLines(lines);
        a.setBreakpoints(bps);
        a.setSourceModified(false);
        return a;
    }

    private static int freePort() throws IOException {
        // What LSP4IJ does for ${port} (NetUtils.findAvailableSocketPort): bind port 0, note it, release it.
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static File log() {
        return new File(System.getProperty("java.io.tmpdir"), "trapdoor-lsp4ij-it.log");
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
