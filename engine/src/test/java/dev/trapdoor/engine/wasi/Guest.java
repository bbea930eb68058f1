package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.model.Limits;
import dev.trapdoor.engine.model.MemoryType;

import java.nio.charset.StandardCharsets;

/**
 * A guest's side of WASI calls for tests: a real one-page memory with a bump allocator, so a test writes strings and
 * iovecs the way compiled C would and reads results back.
 */
final class Guest {
    final MemoryInstance mem = new MemoryInstance(new MemoryType(new Limits(1, Limits.NO_MAX)));
    private int next = 1024;

    /** Reserves {@code size} zeroed bytes, 8-aligned. */
    int alloc(int size) {
        int at = next;
        next = (next + size + 7) & ~7;
        mem.fill(at, size, (byte) 0);
        return at;
    }

    /** A string's bytes, not NUL-terminated; its length is {@link #len}. */
    int str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int at = alloc(b.length);
        mem.write(at, b);
        return at;
    }

    static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** An iovec list of one buffer holding {@code data}. */
    int iovOf(byte[] data) {
        int buf = alloc(data.length);
        mem.write(buf, data);
        int iov = alloc(8);
        mem.writeInt(iov, buf);
        mem.writeInt(iov + 4, data.length);
        return iov;
    }

    /** An iovec list of buffers with the given sizes. */
    int iovs(int... sizes) {
        int iov = alloc(8 * sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            mem.writeInt(iov + 8L * i, alloc(sizes[i]));
            mem.writeInt(iov + 8L * i + 4, sizes[i]);
        }
        return iov;
    }

    /** The bytes the {@code k}-th iovec of a list points at, first {@code n} of them. */
    byte[] iovBytes(int iov, int k, int n) {
        return mem.read(mem.readInt(iov + 8L * k), n);
    }

    int u32(int ptr) {
        return mem.readInt(ptr);
    }

    long u64(int ptr) {
        return mem.readLong(ptr);
    }

    String string(int ptr, int len) {
        return mem.readString(ptr, len);
    }
}
