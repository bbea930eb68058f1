package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.SourceVariablesProvider;
import dev.trapdoor.engine.exec.MemoryBudget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * DAP over a pair of streams (the process's stdin and stdout). The calling thread is the reader: it only cuts the
 * input into messages and hands them to the connection. Returns when the input ends or the client disconnects.
 */
public final class StdioTransport {
    private static final Logger LOG = Logger.getLogger(StdioTransport.class.getName());

    private StdioTransport() {
    }

    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables)
            throws InterruptedException {
        serve(in, out, cwd, sourceVariables, ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, () -> { }, null);
    }

    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables,
                             int maxMessageBytes) throws InterruptedException {
        serve(in, out, cwd, sourceVariables, maxMessageBytes, () -> { });
    }

    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables,
                             Runnable ended) throws InterruptedException {
        serve(in, out, cwd, sourceVariables, ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, ended);
    }

    /** As above, the session's programs charged to {@code memory} too (null: no limit beyond their own). */
    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables,
                             MemoryBudget memory) throws InterruptedException {
        serve(in, out, cwd, sourceVariables, ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, () -> { }, memory);
    }

    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables,
                             int maxMessageBytes, Runnable ended) throws InterruptedException {
        serve(in, out, cwd, sourceVariables, maxMessageBytes, ended, null);
    }

    /**
     * @param ended  run once, just before the response to {@code disconnect} is written (a client may act on the
     *               response at once) or when the input ends
     * @param memory the budget the session's programs are charged to besides their own (null: none)
     */
    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables,
                             int maxMessageBytes, Runnable ended, MemoryBudget memory) throws InterruptedException {
        CountDownLatch disconnected = new CountDownLatch(1);
        boolean[] closed = {false};
        Runnable endOnce = once(ended);
        DapConnection connection = new DapConnection(frame -> {
            synchronized (out) {
                if (closed[0]) {
                    return; // the client has disconnected: what the ending session says goes nowhere
                }
                if (isDisconnectResponse(frame)) {
                    endOnce.run();
                }
                try {
                    out.write(frame);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, cwd, sourceVariables, null, disconnected::countDown);
        connection.session().shareMemoryBudget(memory);
        Thread reader = new Thread(() -> {
            try {
                for (;;) {
                    String message;
                    try {
                        message = next(in, maxMessageBytes);
                    } catch (Frames.OversizedMessageException big) {
                        connection.refuse(big.prefix(), "a message of " + big.length() + " bytes is over the "
                                + "server's limit of " + maxMessageBytes + " bytes");
                        continue;
                    }
                    if (message == null) {
                        break;
                    }
                    connection.receive(message);
                }
            } catch (Frames.MalformedFrameException e) {
                LOG.warning("closing the connection: " + e.getMessage());
            } catch (IOException e) {
                LOG.warning("reading stdin failed: " + e.getMessage());
            }
            disconnected.countDown();
        }, "trapdoor-stdio-reader");
        reader.setDaemon(true);
        reader.start();
        disconnected.await();
        endOnce.run();
        // The client reads our stdout to its end before it considers the adapter gone: end it now, not when the
        // JVM has finished exiting (a third of a second later on a loaded machine, by when VS Code sends SIGTERM).
        synchronized (out) {
            closed[0] = true;
            try {
                out.close();
            } catch (IOException alreadyGone) {
                // nothing to tell a client that is not reading
            }
        }
        connection.close();
        connection.awaitTermination(5_000);
    }

    private static Runnable once(Runnable action) {
        boolean[] done = {false};
        return () -> {
            synchronized (done) {
                if (!done[0]) {
                    done[0] = true;
                    action.run();
                }
            }
        };
    }

    /** Our own serialized response to {@code disconnect} (LSP4J writes the type and command as plain members). */
    static boolean isDisconnectResponse(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        return text.contains("\"type\":\"response\"") && text.contains("\"command\":\"disconnect\"");
    }

    /**
     * The next message's JSON, or {@code null} at the end of the input.
     *
     * @throws Frames.MalformedFrameException when the framing is broken (no usable {@code Content-Length}, or no
     *                                        header end in {@link Frames#MAX_HEADERS} bytes): nothing after it can be
     *                                        trusted to start a message, so the caller ends the connection
     * @throws Frames.OversizedMessageException after skipping a body over {@code maxBody} bytes
     */
    public static String next(InputStream in, int maxBody) throws IOException {
        String headers = headers(in);
        if (headers == null) {
            return null;
        }
        long length = Frames.contentLength(headers);
        if (length < 0) {
            throw new Frames.MalformedFrameException("no usable Content-Length header in " + printable(headers));
        }
        if (length > maxBody) {
            byte[] prefix = in.readNBytes((int) Math.min(length, Frames.OVERSIZE_PREFIX));
            long rest = length - prefix.length;
            while (rest > 0) {
                long skipped = in.skip(rest);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        return null;
                    }
                    skipped = 1;
                }
                rest -= skipped;
            }
            throw new Frames.OversizedMessageException(new String(prefix, StandardCharsets.UTF_8), length);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    static String next(InputStream in) throws IOException {
        return next(in, ServerLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b2 = -1;
        int b1 = -1;
        for (;;) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            buf.write(b);
            if (Frames.endsHeaders(b2, b1, b)) {
                return buf.toString(StandardCharsets.ISO_8859_1);
            }
            if (buf.size() > Frames.MAX_HEADERS) {
                throw new Frames.MalformedFrameException("no end of a header block in " + Frames.MAX_HEADERS
                        + " bytes");
            }
            b2 = b1;
            b1 = b;
        }
    }

    /** Headers for a log line: control and non-ASCII characters escaped, at most 200 of them. */
    static String printable(String headers) {
        StringBuilder sb = new StringBuilder();
        for (char c : headers.toCharArray()) {
            if (sb.length() >= 200) {
                return sb.append("...").toString();
            }
            sb.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
