package dev.trapdoor.it;

import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DAP scenarios over TCP against one {@code bin/trapdoor dap --port 0} server (each test is a new connection, so
 * a new session and engine), plus what only TCP has: concurrent sessions, a client vanishing mid-run, raw malformed
 * input, and {@code run --listen} with {@code attach}.
 */
class DapTcpIT extends DapScenarios {
    static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static Process server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        server = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap", "--port", "0")
                .directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"),
                        "trapdoor-dap-tcp-it.log")))
                .start();
        port = awaitListening(server.getInputStream());
    }

    @AfterAll
    static void stopServer() {
        server.destroyForcibly();
    }

    /** Reads lines until {@code listening on 127.0.0.1:PORT} and returns the port. */
    static int awaitListening(InputStream in) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        CompletableFuture<Integer> found = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new AssertionError("the server ended without a 'listening on' line");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        return found.get(30, TimeUnit.SECONDS);
    }

    @Override
    DapClient open() throws Exception {
        return DapClient.connect(port);
    }

    @Nested
    class CVariables extends CVariablesScenarios {
        @Override
        DapClient open() throws Exception {
            return DapTcpIT.this.open();
        }
    }

    @Test
    void twoConcurrentSessionsStopAndRunIndependently() throws Exception {
        try (DapClient a = open(); DapClient b = open()) {
            int scale = DapClient.line("scale");
            a.start(DapClient.launchArgs(), () -> setLines(a, scale));
            b.start(DapClient.launchArgs("div"), () -> filters(b, "trap.integer-divide-by-zero"));
            assertEquals("breakpoint", a.awaitStopped().getReason());
            assertEquals("exception", b.awaitStopped().getReason());
            StackFrame fa = a.top();
            StackFrame fb = b.top();
            assertEquals("scale", fa.getName());
            assertEquals("divide", fb.getName());
            a.setLines();
            a.cont();
            assertEquals(0, a.exitCode());
            assertEquals("divide", b.top().getName(), "b is still stopped while a ran to its end");
            b.cont();
            assertEquals(134, b.exitCode());
        }
    }

    @Test
    void aClientVanishingMidRunEndsOnlyItsSession() throws Exception {
        DapClient spinner = open();
        spinner.start(DapClient.launchArgs("spin"), () -> {
        });
        spinner.awaitEvent("output", o -> ((org.eclipse.lsp4j.debug.OutputEventArguments) o).getOutput()
                .contains("spinning"));
        try (DapClient other = open()) {
            other.start(DapClient.launchArgs(), () -> setLines(other, DapClient.line("scale")));
            other.awaitStopped();
            spinner.close(); // no disconnect: the socket just goes away
            other.setLines();
            other.cont();
            assertEquals(0, other.exitCode());
        }
        try (DapClient after = open()) {
            after.start(DapClient.launchArgs(), () -> {
            });
            assertEquals(0, after.exitCode(), "the server still serves new clients");
        }
    }

    @Test
    void malformedAndUnknownMessagesGetErrorsAndTheSessionGoesOn() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            send(out, "{\"seq\": 1, \"type\": \"request\", \"command\": \"initialize\", \"arguments\": {");
            String r1 = receive(in);
            assertTrue(r1.contains("\"request_seq\":1") && r1.contains("\"success\":false"), r1);
            send(out, "{\"seq\": 2, \"type\": \"request\", \"command\": \"frobnicate\", \"arguments\": {}}");
            String r2 = receive(in);
            assertTrue(r2.contains("\"request_seq\":2") && r2.contains("\"success\":false"), r2);
            send(out, "{\"seq\": 3, \"type\": \"request\", \"command\": \"setBreakpoints\", \"arguments\": "
                    + "{\"source\": {\"path\": \"x.c\"}, \"breakpoints\": [{\"line\": \"seven\"}]}}");
            String r3 = receive(in);
            assertTrue(r3.contains("\"request_seq\":3") && r3.contains("\"success\":false"), r3);
            send(out, "{\"seq\": 4, \"type\": \"request\", \"command\": \"next\", \"arguments\": {\"threadId\": 1}}");
            String r4 = receive(in);
            assertTrue(r4.contains("\"request_seq\":4") && r4.contains("\"success\":false"), r4);
            send(out, "{\"seq\": 5, \"type\": \"request\", \"command\": \"initialize\", \"arguments\": "
                    + "{\"adapterID\": \"x\"}}");
            String r5 = receive(in);
            assertTrue(r5.contains("\"request_seq\":5") && r5.contains("\"success\":true"), r5);
        }
    }

    @Test
    void aHugeTableIsRefusedAtLaunchAndTheSessionGoesOn() throws Exception {
        // (module (table 2147483648 funcref)): instantiating it used to kill the session thread (issue 27).
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0, 4, 8, 1, 0x70, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 8};
        java.nio.file.Path program = java.nio.file.Files.createTempFile("huge-table", ".wasm");
        java.nio.file.Files.write(program, wasm);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            send(out, "{\"seq\": 1, \"type\": \"request\", \"command\": \"initialize\", \"arguments\": "
                    + "{\"adapterID\": \"x\"}}");
            assertTrue(receive(in).contains("\"success\":true"));
            send(out, "{\"seq\": 2, \"type\": \"request\", \"command\": \"launch\", \"arguments\": "
                    + "{\"program\": \"" + program.toString().replace("\\", "\\\\") + "\"}}");
            String launch = receive(in);
            assertTrue(launch.contains("\"request_seq\":2") && launch.contains("\"success\":false")
                    && launch.contains("2147483648"), launch);
            send(out, "{\"seq\": 3, \"type\": \"request\", \"command\": \"threads\"}");
            String threads = receive(in);
            assertTrue(threads.contains("\"request_seq\":3") && threads.contains("\"success\":true"), threads);
        } finally {
            java.nio.file.Files.deleteIfExists(program);
        }
    }

    @Test
    void attachesToRunListen() throws Exception {
        Process p = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "run", "--listen", "0",
                DapClient.DEBUGME.toString()).directory(Trapdoor.ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int listenPort = awaitListening(p.getErrorStream());
            try (DapClient c = DapClient.connect(listenPort)) {
                DapClient.get(c.server.initialize(DapClient.initializeArgs()));
                java.util.Map<String, Object> attach = new java.util.HashMap<>();
                attach.put("port", listenPort);
                CompletableFuture<Void> attached = c.server.attach(attach);
                c.awaitEvent("initialized", o -> true);
                setLines(c, DapClient.line("scale"));
                DapClient.get(c.server.configurationDone(new ConfigurationDoneArguments()));
                DapClient.get(attached);
                assertEquals("breakpoint", c.awaitStopped().getReason());
                assertEquals("scale", c.top().getName());
                c.setLines();
                ContinueArguments ca = new ContinueArguments();
                ca.setThreadId(1);
                DapClient.get(c.server.continue_(ca));
                assertEquals(0, c.exitCode());
                assertTrue(c.output("stdout").contains("total 16"), c.output("stdout"));
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static void send(OutputStream out, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The next message that is a response (events are skipped). */
    private static String receive(InputStream in) throws Exception {
        for (;;) {
            StringBuilder headers = new StringBuilder();
            while (!headers.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed");
                }
                headers.append((char) b);
            }
            Matcher m = Pattern.compile("Content-Length: (\\d+)").matcher(headers);
            assertTrue(m.find());
            String body = new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
            if (body.contains("\"type\":\"response\"")) {
                return body;
            }
        }
    }
}
