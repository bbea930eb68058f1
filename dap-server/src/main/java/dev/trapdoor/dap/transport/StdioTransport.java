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
        serve(in, out, cwd, sourceVariables, null);
    }

    /** As above, the session's programs charged to {@code memory} too (null: no limit beyond their own). */
    public static void serve(InputStream in, OutputStream out, Path cwd, SourceVariablesProvider sourceVariables,
                             MemoryBudget memory) throws InterruptedException {
        CountDownLatch disconnected = new CountDownLatch(1);
        DapConnection connection = new DapConnection(frame -> {
            synchronized (out) {
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
                String message;
                while ((message = next(in)) != null) {
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
        connection.close();
        connection.awaitTermination(5_000);
    }

    /**
     * The next message's JSON, or {@code null} at the end of the input.
     *
     * @throws Frames.MalformedFrameException when the framing is broken (no usable {@code Content-Length}, or no
     *                                        header end in {@link Frames#MAX_HEADERS} bytes): nothing after it can be
     *                                        trusted to start a message, so the caller ends the connection
     */
    static String next(InputStream in) throws IOException {
        String headers = headers(in);
        if (headers == null) {
            return null;
        }
        int length = Frames.contentLength(headers);
        if (length < 0) {
            throw new Frames.MalformedFrameException("no usable Content-Length header in " + printable(headers));
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
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
