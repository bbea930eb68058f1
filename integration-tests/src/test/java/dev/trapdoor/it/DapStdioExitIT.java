package dev.trapdoor.it;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@code trapdoor dap} over stdio ends, as VS Code sees it: after the {@code disconnect} response its stdout
 * ends at once, and the SIGTERM VS Code sends right after the response is a clean exit (status 0), not 143.
 */
class DapStdioExitIT {
    private static void send(OutputStream out, int seq, String command, String arguments) throws IOException {
        byte[] body = ("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":"
                + arguments + "}").getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The next message's JSON, or null at the end of the output. */
    private static String next(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            header.write(b);
            String h = header.toString(StandardCharsets.US_ASCII);
            if (h.endsWith("\r\n\r\n")) {
                int length = Integer.parseInt(h.replaceAll("(?s).*Content-Length: *(\\d+).*", "$1"));
                return new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String until(InputStream in, String marker) throws IOException {
        for (String m; (m = next(in)) != null; ) {
            if (m.contains(marker)) {
                return m;
            }
        }
        throw new AssertionError("the adapter's output ended before " + marker);
    }

    private Process stoppedSession() throws IOException {
        Process p = new ProcessBuilder(Trapdoor.LAUNCHER.toString(), "dap").directory(Trapdoor.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"),
                        "trapdoor-dap-exit-it.log"))).start();
        OutputStream out = p.getOutputStream();
        InputStream in = p.getInputStream();
        send(out, 1, "initialize", "{\"adapterID\":\"trapdoor\"}");
        until(in, "\"command\":\"initialize\"");
        send(out, 2, "launch", "{\"program\":\"" + DapClient.DEBUGME + "\"}");
        send(out, 3, "setBreakpoints", "{\"source\":{\"path\":\"" + DapClient.DEBUGME_C
                + "\"},\"breakpoints\":[{\"line\":" + DapClient.line("call-scale") + "}]}");
        send(out, 4, "configurationDone", "{}");
        until(in, "\"event\":\"stopped\"");
        return p;
    }

    @Test
    void afterDisconnectTheOutputEndsAtOnceAndTheProcessExitsCleanly() throws Exception {
        Process p = stoppedSession();
        try {
            send(p.getOutputStream(), 5, "disconnect", "{\"terminateDebuggee\":true}");
            until(p.getInputStream(), "\"command\":\"disconnect\"");
            long start = System.nanoTime();
            while (next(p.getInputStream()) != null) {
                // the terminated event may still come
            }
            long eofMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(eofMillis < 2_000, "stdout ended " + eofMillis + " ms after the disconnect response");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exited after disconnect");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aSigtermRightAfterTheDisconnectResponseIsACleanExit() throws Exception {
        Process p = stoppedSession();
        try {
            send(p.getOutputStream(), 5, "disconnect", "{\"terminateDebuggee\":true}");
            until(p.getInputStream(), "\"command\":\"disconnect\"");
            p.destroy(); // SIGTERM, as VS Code's stopSession sends it
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exited on SIGTERM");
            assertEquals(0, p.exitValue(), "SIGTERM after disconnect is the requested end, not a failure (143)");
        } finally {
            p.destroyForcibly();
        }
    }
}
