package dev.trapdoor.dap.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trapdoor.dap.source.DwarfVariablesProvider;
import dev.trapdoor.engine.text.Wat;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The stepping requests read and answered without LSP4J ({@link DirectRequests}, {@link DapConnection#DIRECT_RESPONSES})
 * against LSP4J's path: the same session driven by a real client (LSP4J's client launcher) through both, every message
 * the server sent from the first stop on compared field by field and then character by character, {@code seq}s
 * included. The programs have odd names (quotes, backslashes, HTML characters, controls, non-BMP, U+2028), float
 * locals holding NaN and infinities, 64-bit extremes, pointer-like values (memory references), and the client pages
 * stack traces and variables, asks for what does not exist (error responses), and steps in, over and out.
 */
class DirectResponsesTest {
    private static final String ODD = "q\\\"uo\\\\te <&>='\\t\\u{1}é\\u{2028}🙂";
    private static final String WAT = """
            (module
              (memory 1)
              (global $"g%1$s" (mut i64) (i64.const -9223372036854775808))
              (func $"in%1$s" (param $"p%1$s" i32) (result i32)
                (local $"nan%1$s" f32) (local $inf f64) (local $big i64) (local $neg f64)
                (local.set $"nan%1$s" (f32.div (f32.const 0) (f32.const 0)))
                (local.set $inf (f64.div (f64.const 1) (f64.const 0)))
                (local.set $neg (f64.div (f64.const -1) (f64.const 0)))
                (local.set $big (i64.const 18446744073709551615))
                (global.set $"g%1$s" (local.get $big))
                (i32.add (local.get $"p%1$s") (i32.const 1)))
              (func $"_start%1$s" (export "_start")
                (local $ptr i32) (local $x f64)
                (local.set $ptr (i32.const 1024))
                (i32.store (local.get $ptr) (call $"in%1$s" (i32.const 2147483647)))
                (local.set $x (f64.const 1e308))
                (drop (call $"in%1$s" (i32.const -1)))))
            """.formatted(ODD);

    @Test
    void aSessionGetsTheSameMessagesFromBothPaths(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("odd.wasm");
        Files.write(program, Wat.compile("odd.wat", WAT).binary());
        String steps = "iiiiiiiiInnnOiiiiiiINNnOnnn";
        List<String> direct = session(program, 0, steps, true, true);
        List<String> lsp4j = session(program, 0, steps, false, false);
        compare(lsp4j, direct);
        // Each switch alone: the requests read directly and answered through Gson, and the other way round.
        compare(lsp4j, session(program, 0, steps, true, false));
        compare(lsp4j, session(program, 0, steps, false, true));
    }

    @Test
    void aCProgramWithDwarfGetsTheSameMessagesFromBothPaths() throws Exception {
        Path program = Path.of("..", "examples", "debugme.wasm").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(program), program.toString());
        int loop = EditorClient.lineOf(program.resolveSibling("debugme.c"), "// @loop");
        String steps = "NIINNNNOINNN";
        compare(session(program, loop, steps, false, false), session(program, loop, steps, true, true));
    }

    /** Every message the server sent from the first stopped event on, as JSON text. */
    /**
     * @param line  a line of the program's C source to stop at first, 0 to stop on entry
     * @param steps one letter a step: I stepIn, N next, O stepOut; lower case i and n by instruction
     */
    private static List<String> session(Path program, int line, String steps, boolean directRequests,
                                        boolean directResponses) throws Exception {
        Link link = new Link(directRequests, directResponses);
        try {
            IDebugProtocolServer server = link.server;
            InitializeRequestArguments init = new InitializeRequestArguments();
            init.setAdapterID("trapdoor");
            init.setLinesStartAt1(true);
            init.setPathFormat("path");
            server.initialize(init).get(30, TimeUnit.SECONDS);
            Map<String, Object> launch = new HashMap<>();
            launch.put("program", program.toString());
            launch.put("stopOnEntry", line == 0);
            server.launch(launch).get(30, TimeUnit.SECONDS);
            if (line > 0) {
                SetBreakpointsArguments b = new SetBreakpointsArguments();
                Source source = new Source();
                source.setPath(program.resolveSibling("debugme.c").toString());
                b.setSource(source);
                SourceBreakpoint at = new SourceBreakpoint();
                at.setLine(line);
                b.setBreakpoints(new SourceBreakpoint[] {at});
                server.setBreakpoints(b).get(30, TimeUnit.SECONDS);
            }
            server.configurationDone(new ConfigurationDoneArguments()).get(30, TimeUnit.SECONDS);
            link.client.nextStop();
            int firstStop = link.firstStop();
            boolean running = true;
            // In (into the callee), over, out, and in again; a program that ends early ends the list.
            for (int step = 0; step < steps.length() && running; step++) {
                look(server);
                char kind = steps.charAt(step);
                SteppingGranularity by = Character.isLowerCase(kind) ? SteppingGranularity.INSTRUCTION : null;
                switch (Character.toUpperCase(kind)) {
                    case 'I' -> {
                        StepInArguments a = new StepInArguments();
                        a.setThreadId(1);
                        a.setGranularity(by);
                        server.stepIn(a).get(30, TimeUnit.SECONDS);
                    }
                    case 'N' -> {
                        NextArguments a = new NextArguments();
                        a.setThreadId(1);
                        a.setGranularity(by);
                        server.next(a).get(30, TimeUnit.SECONDS);
                    }
                    default -> {
                        StepOutArguments a = new StepOutArguments();
                        a.setThreadId(1);
                        server.stepOut(a).get(30, TimeUnit.SECONDS);
                    }
                }
                running = link.client.nextStop() != null;
            }
            // Continue to the breakpoint again (the C program's loop) until the program ends.
            for (int round = 0; running; round++) {
                assertTrue(round < 20, "the program ends");
                ContinueArguments c = new ContinueArguments();
                c.setThreadId(1);
                server.continue_(c).get(30, TimeUnit.SECONDS);
                running = link.client.nextStop() != null;
                if (running) {
                    look(server);
                }
            }
            link.client.terminated.get(30, TimeUnit.SECONDS);
            return link.sentFrom(firstStop);
        } finally {
            link.close();
        }
    }

    /** What an editor asks at a stop, and paged and mistaken variants of it. */
    private static void look(IDebugProtocolServer server) throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        StackFrame[] frames = server.stackTrace(st).get(30, TimeUnit.SECONDS).getStackFrames();
        st.setStartFrame(1);
        st.setLevels(1);
        server.stackTrace(st).get(30, TimeUnit.SECONDS);
        st.setStartFrame(50);
        st.setLevels(20);
        server.stackTrace(st).get(30, TimeUnit.SECONDS);
        for (StackFrame f : frames) {
            ScopesArguments sa = new ScopesArguments();
            sa.setFrameId(f.getId());
            for (Scope s : server.scopes(sa).get(30, TimeUnit.SECONDS).getScopes()) {
                VariablesArguments va = new VariablesArguments();
                va.setVariablesReference(s.getVariablesReference());
                for (Variable v : server.variables(va).get(30, TimeUnit.SECONDS).getVariables()) {
                    if (v.getVariablesReference() > 0) {
                        VariablesArguments inner = new VariablesArguments();
                        inner.setVariablesReference(v.getVariablesReference());
                        server.variables(inner).get(30, TimeUnit.SECONDS);
                    }
                }
                va.setStart(1);
                va.setCount(2);
                server.variables(va).get(30, TimeUnit.SECONDS);
            }
        }
        VariablesArguments missing = new VariablesArguments();
        missing.setVariablesReference(987654321);
        failed(server.variables(missing));
        ScopesArguments noFrame = new ScopesArguments();
        noFrame.setFrameId(-5);
        failed(server.scopes(noFrame));
    }

    private static void failed(CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // an error response, which is compared with the rest
        }
    }

    private static void compare(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            JsonObject e = JsonParser.parseString(expected.get(i)).getAsJsonObject();
            JsonObject a = JsonParser.parseString(actual.get(i)).getAsJsonObject();
            String where = "message " + i + ": " + expected.get(i);
            fields(e, a, where + " at ");
            assertEquals(expected.get(i), actual.get(i), where);
        }
        assertEquals(expected.size(), actual.size(), "messages sent");
        assertTrue(expected.size() > 100, "a long session: " + expected.size());
        assertTrue(expected.stream().anyMatch(m -> m.contains("\"command\":\"stepOut\"")), "stepped out");
        assertTrue(expected.stream().anyMatch(m -> m.contains("\"success\":false")), "error responses");
        assertTrue(expected.stream().anyMatch(m -> m.contains("\"command\":\"continue\"")
                || m.contains("\"command\":\"next\"")), "continued or stepped over");
    }

    /** Field by field, naming the first member that differs. */
    private static void fields(JsonElement e, JsonElement a, String path) {
        if (e.isJsonObject() && a.isJsonObject()) {
            JsonObject eo = e.getAsJsonObject();
            JsonObject ao = a.getAsJsonObject();
            assertEquals(eo.keySet(), ao.keySet(), path);
            for (String k : eo.keySet()) {
                fields(eo.get(k), ao.get(k), path + "." + k);
            }
        } else if (e.isJsonArray() && a.isJsonArray()) {
            assertEquals(e.getAsJsonArray().size(), a.getAsJsonArray().size(), path);
            for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                fields(e.getAsJsonArray().get(i), a.getAsJsonArray().get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(e, a, path);
        }
    }

    /** A connection with an LSP4J client launcher on in-memory streams; every frame the server sends is kept. */
    private static final class Link {
        final List<String> sent = new ArrayList<>();
        final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
        final Client client = new Client();
        final DapConnection connection;
        final IDebugProtocolServer server;

        Link(boolean directRequests, boolean directResponses) {
            connection = new DapConnection(frame -> {
                String text = new String(frame, StandardCharsets.UTF_8);
                synchronized (sent) {
                    sent.add(text.substring(text.indexOf("\r\n\r\n") + 4));
                }
                toClient.add(frame);
            }, Path.of("."), new DwarfVariablesProvider(), null, () -> { }, directResponses, directRequests);
            Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(client, new QueueInput(toClient),
                    new FrameOutput(connection));
            server = launcher.getRemoteProxy();
            launcher.startListening();
        }

        int firstStop() {
            synchronized (sent) {
                for (int i = 0; i < sent.size(); i++) {
                    if (sent.get(i).contains("\"event\":\"stopped\"")) {
                        return i;
                    }
                }
            }
            throw new AssertionError("no stopped event");
        }

        List<String> sentFrom(int from) {
            synchronized (sent) {
                return new ArrayList<>(sent.subList(from, sent.size()));
            }
        }

        void close() {
            connection.close();
            toClient.add(new byte[0]);
        }
    }

    private static final class Client implements IDebugProtocolClient {
        final BlockingQueue<StoppedEventArguments> stops = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> terminated = new CompletableFuture<>();

        @Override
        public void stopped(StoppedEventArguments args) {
            stops.add(args);
        }

        @Override
        public void terminated(TerminatedEventArguments args) {
            terminated.complete(null);
        }

        /** The next stop, or null once the program has ended. */
        StoppedEventArguments nextStop() throws InterruptedException {
            for (int i = 0; i < 300; i++) {
                StoppedEventArguments s = stops.poll(100, TimeUnit.MILLISECONDS);
                if (s != null) {
                    return s;
                }
                if (terminated.isDone()) {
                    return null;
                }
            }
            return fail("no stopped event within 30 s");
        }
    }

    /** The server's frames as the client's input stream; an empty array ends it. */
    private static final class QueueInput extends InputStream {
        private final BlockingQueue<byte[]> frames;
        private byte[] current = new byte[0];
        private int pos;

        QueueInput(BlockingQueue<byte[]> frames) {
            this.frames = frames;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length) {
                try {
                    current = frames.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                pos = 0;
                if (current.length == 0) {
                    frames.add(current);
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** The client's output cut into messages, each handed to the connection as the TCP transport hands it. */
    private static final class FrameOutput extends OutputStream {
        private final DapConnection connection;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        FrameOutput(DapConnection connection) {
            this.connection = connection;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            while (true) {
                String text = pending.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                long length = Frames.contentLength(text.substring(0, end + 2));
                assertNotNull(length >= 0 ? length : null, "a Content-Length header");
                int total = end + 4 + (int) length;
                if (text.length() < total) {
                    return;
                }
                byte[] all = pending.toByteArray();
                connection.receive(new String(all, end + 4, (int) length, StandardCharsets.UTF_8));
                pending.reset();
                pending.write(all, total, all.length - total);
            }
        }
    }
}
