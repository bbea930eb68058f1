package dev.trapdoor.dap.transport;

import dev.trapdoor.dap.source.SourceVariablesProvider;

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
        Thread reader = new Thread(() -> {
            try {
                String message;
                while ((message = next(in)) != null) {
                    connection.receive(message);
                }
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

    /** The next message's JSON, or {@code null} at the end of the input. Skips header blocks it cannot use. */
    static String next(InputStream in) throws IOException {
        for (;;) {
            String headers = headers(in);
            if (headers == null) {
                return null;
            }
            int length = Frames.contentLength(headers);
            if (length < 0) {
                LOG.warning("skipping a message without a usable Content-Length header: " + headers.trim());
                continue;
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return null;
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (;;) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            buf.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return buf.toString(StandardCharsets.US_ASCII);
            }
            if (buf.size() > 64 * 1024) {
                buf.reset(); // not a header block: drop it and keep looking
                matched = 0;
            }
        }
    }
}
