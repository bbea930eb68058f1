package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.util.TreeMap;

/** The guest's descriptor numbers. New descriptors take the lowest free number, as POSIX {@code open} does. */
final class FdTable {
    private final TreeMap<Integer, FileDescriptor> fds = new TreeMap<>();

    /** The descriptor, or null when {@code fd} is not open. */
    FileDescriptor lookup(int fd) {
        return fds.get(fd);
    }

    FileDescriptor get(int fd) throws ErrnoException {
        FileDescriptor d = fds.get(fd);
        if (d == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        return d;
    }

    boolean contains(int fd) {
        return fds.containsKey(fd);
    }

    int insert(FileDescriptor d) throws ErrnoException {
        int n = 0;
        for (int used : fds.keySet()) {
            if (used != n) {
                break;
            }
            n++;
        }
        if (n < 0) {
            throw new ErrnoException(Errno.EMFILE);
        }
        fds.put(n, d);
        return n;
    }

    void close(int fd) throws ErrnoException, IOException {
        FileDescriptor d = get(fd);
        fds.remove(fd);
        d.close();
    }

    /** Moves {@code from} to {@code to}, closing what {@code to} held. Both must be open. */
    void renumber(int from, int to) throws ErrnoException, IOException {
        FileDescriptor d = get(from);
        FileDescriptor old = get(to);
        if (from == to) {
            return;
        }
        fds.remove(from);
        fds.put(to, d);
        old.close();
    }

    /** Flushes the output streams; descriptors stay open (the embedder may still run code). */
    void flushStreams() {
        for (FileDescriptor d : fds.values()) {
            if (d instanceof StreamFd s && s.out != null) {
                try {
                    s.out.flush();
                } catch (IOException ignored) {
                    // Nothing to report to: the program has finished.
                }
            }
        }
    }
}
