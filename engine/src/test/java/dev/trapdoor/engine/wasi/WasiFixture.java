package dev.trapdoor.engine.wasi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A WASI instance over a temp-dir preopen ("/sandbox", fd 3), with captured streams, and helpers for common calls. */
class WasiFixture {
    static final int PREOPEN = 3;
    static final long ALL = Rights.ALL;

    final Guest g = new Guest();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final WasiPreview1 wasi;

    WasiFixture(Path root) {
        this(root, "");
    }

    WasiFixture(Path root, String stdin) {
        wasi = new WasiPreview1(WasiConfig.builder()
                .arg("prog")
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .stdout(out).stderr(err)
                .preopen(root, "/sandbox")
                .build());
    }

    /** path_open relative to {@code dirFd}; returns the errno and, on success, leaves the fd in {@link #lastFd}. */
    int open(int dirFd, String path, int lookup, int oflags, long rights, int fdflags) {
        int fdPtr = g.alloc(4);
        int e = wasi.pathOpen(g.mem, dirFd, lookup, g.str(path), Guest.len(path), oflags, rights, ALL, fdflags,
                fdPtr);
        lastFd = e == 0 ? g.u32(fdPtr) : -1;
        return e;
    }

    int lastFd = -1;

    int openOk(String path, int oflags, long rights) {
        assertEquals(0, open(PREOPEN, path, Flags.LOOKUP_SYMLINK_FOLLOW, oflags, rights, 0), "open " + path);
        return lastFd;
    }

    int write(int fd, String data) {
        int n = g.alloc(4);
        int e = wasi.fdWrite(g.mem, fd, g.iovOf(data.getBytes(StandardCharsets.UTF_8)), 1, n);
        return e == 0 ? g.u32(n) : -e;
    }

    /** Reads up to {@code max} bytes; returns them as a string, or "errno N". */
    String read(int fd, int max) {
        int iov = g.iovs(max);
        int n = g.alloc(4);
        int e = wasi.fdRead(g.mem, fd, iov, 1, n);
        return e == 0 ? new String(g.iovBytes(iov, 0, g.u32(n)), StandardCharsets.UTF_8) : "errno " + e;
    }

    int call(String path, PathCall c) {
        return c.call(g.str(path), Guest.len(path));
    }

    @FunctionalInterface
    interface PathCall {
        int call(int ptr, int len);
    }
}
