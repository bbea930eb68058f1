package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;

/**
 * A standard stream backed by a Java stream the embedder supplies. Input sits behind a one-byte pushback so
 * {@code poll_oneoff} can block until a byte (or end of input) arrives without consuming it.
 */
final class StreamFd extends FileDescriptor {
    final PushbackInputStream in;
    final OutputStream out;
    private final int filetype;

    private StreamFd(InputStream in, OutputStream out, int filetype) {
        super(Rights.STREAM & (in != null ? ~Rights.FD_WRITE : ~Rights.FD_READ), 0, 0);
        this.in = in == null ? null : new PushbackInputStream(in, 1);
        this.out = out;
        this.filetype = filetype;
    }

    static StreamFd input(InputStream in, int filetype) {
        return new StreamFd(in, null, filetype);
    }

    static StreamFd output(OutputStream out, int filetype) {
        return new StreamFd(null, out, filetype);
    }

    @Override
    int filetype() {
        return filetype;
    }

    @Override
    void close() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
