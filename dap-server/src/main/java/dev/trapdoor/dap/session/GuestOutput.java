package dev.trapdoor.dap.session;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A guest's stdout or stderr as {@code output} events of one category. Text is sent at each newline and on flush
 * (WASI flushes when the program exits), so lines arrive whole and in order with the session's other events.
 */
public final class GuestOutput extends OutputStream {
    private final ClientEvents events;
    private final String category;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public GuestOutput(ClientEvents events, String category) {
        this.events = events;
        this.category = category;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.size() > 0) {
            events.output(category, pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
