package dev.trapdoor.engine.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * The nondeterministic inputs of a {@link Recording}: every host call from Wasm (WASI's clocks, random bytes, reads
 * of stdin and files, and any other import) with its results, the bytes it wrote into guest memory, or what it
 * threw. Replaying, a call is served from here and the host is not called: output is not written twice and the host
 * state (file offsets) stays where the recorded run left it, so live calls go on consistently past the log's end.
 *
 * <p>The memory a host call writes is found by the host-facing writers of {@link MemoryInstance}, which report to
 * {@link #wrote} while a call runs; the interpreter's own stores do not pass there and cost nothing.
 */
final class InputLog {
    /** One host call as it returned (or threw). */
    record Entry(String callee, long[] results, RuntimeException thrown, List<Write> writes) {
        long bytes() {
            long n = 64 + 8L * (results == null ? 0 : results.length);
            for (Write w : writes) {
                n += 32 + w.data.length;
            }
            return n;
        }
    }

    /** Bytes a host call left in a memory at {@code address}. */
    record Write(MemoryInstance memory, int address, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** The entry the next host call replays; at the end, calls run live and are appended. */
    private int cursor;
    private List<int[]> pending;
    private List<MemoryInstance> pendingMemories;
    private long bytes;

    int cursor() {
        return cursor;
    }

    void cursor(int at) {
        cursor = at;
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    void clear() {
        entries.clear();
        cursor = 0;
        bytes = 0;
    }

    /** Drops the entries from the cursor on: the run has left the recorded future (the debugger changed state). */
    void truncate() {
        while (entries.size() > cursor) {
            bytes -= entries.remove(entries.size() - 1).bytes();
        }
    }

    /** Runs (or replays) a host call from Wasm code of {@code caller}. */
    long[] call(FunctionInstance f, Instance caller, long[] args) {
        if (cursor < entries.size()) {
            return replay(entries.get(cursor++), f);
        }
        MemoryInstance[] memories = caller.memories;
        pending = new ArrayList<>();
        pendingMemories = new ArrayList<>();
        for (MemoryInstance m : memories) {
            m.hostWrites = this;
        }
        long[] results;
        try {
            results = f.host.call(caller, args);
        } catch (RuntimeException e) {
            append(new Entry(f.name(), null, e, collect()));
            throw e;
        } finally {
            for (MemoryInstance m : memories) {
                m.hostWrites = null;
            }
        }
        append(new Entry(f.name(), results == null ? null : results.clone(), null, collect()));
        return results;
    }

    private void append(Entry e) {
        entries.add(e);
        cursor = entries.size();
        bytes += e.bytes();
    }

    /** A host-facing writer of {@code memory} is about to write {@code length} bytes at {@code address}. */
    void wrote(MemoryInstance memory, int address, int length) {
        if (pending != null && length > 0) {
            pending.add(new int[] {address, length});
            pendingMemories.add(memory);
        }
    }

    private List<Write> collect() {
        List<Write> writes = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            MemoryInstance m = pendingMemories.get(i);
            int[] r = pending.get(i);
            writes.add(new Write(m, r[0], m.read(r[0], r[1])));
        }
        pending = null;
        pendingMemories = null;
        return writes;
    }

    private static long[] replay(Entry e, FunctionInstance f) {
        if (!e.callee.equals(f.name())) {
            throw new IllegalStateException("replay left the recording: the program called " + f.name()
                    + " where the recorded run called " + e.callee);
        }
        for (Write w : e.writes) {
            w.memory.write(w.address, w.data);
        }
        if (e.thrown != null) {
            throw e.thrown;
        }
        return e.results == null ? null : e.results.clone();
    }
}
