package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WASI call's values by name, for breakpoint conditions ({@code path == "config.toml"}, {@code errno != 0}) and a
 * debugger's view of a call's result. Before the call: the arguments, with descriptors as {@code fd} (a second one
 * {@code new_fd}), strings as {@code path} (a second one {@code new_path}), the bytes an output call writes as
 * {@code data}, flags and rights as numbers under their witx names. After it, also {@code errno} and what the call
 * wrote through its result pointers: {@code nwritten}, {@code nread}, {@code opened_fd}, {@code offset}, ... (and
 * {@code data} for a read, the bytes read). Values are {@link Long}s or {@link String}s; guest memory is read
 * defensively, and a value whose memory is out of bounds is left out.
 */
public final class WasiValues {
    /** Bytes of a string or buffer kept for a condition; longer ones are cut. */
    private static final int LIMIT = 4096;

    /** The name of each function's 32-bit result pointers, in order, where it is not {@code size}. */
    private static final Map<String, List<String>> OUT32 = Map.ofEntries(
            Map.entry("fd_write", List.of("nwritten")), Map.entry("fd_pwrite", List.of("nwritten")),
            Map.entry("sock_send", List.of("nwritten")), Map.entry("fd_read", List.of("nread")),
            Map.entry("fd_pread", List.of("nread")), Map.entry("sock_recv", List.of("nread")),
            Map.entry("fd_readdir", List.of("bufused")), Map.entry("path_readlink", List.of("bufused")),
            Map.entry("poll_oneoff", List.of("nevents")), Map.entry("args_sizes_get", List.of("argc", "argv_buf_size")),
            Map.entry("environ_sizes_get", List.of("environc", "environ_buf_size")));

    private static final Map<String, String> FLAG_NAMES = Map.of("oflags", "oflags", "fdflags", "fdflags",
            "lookup", "lookupflags", "fst", "fst_flags", "whence", "whence", "clock", "clock_id");

    private WasiValues() {
    }

    /** The arguments of a call about to be made. Empty for a name WASI preview 1 does not have. */
    public static Map<String, Object> before(String function, long[] args, MemoryInstance mem) {
        return values(function, args, mem, -1);
    }

    /** The arguments, {@code errno} and the results of a call that returned {@code errno}. */
    public static Map<String, Object> after(String function, long[] args, MemoryInstance mem, int errno) {
        Map<String, Object> out = values(function, args, mem, errno);
        out.put("errno", (long) errno);
        return out;
    }

    /** The names {@link #after} adds for what the call wrote ({@code nwritten}, {@code opened_fd}, ...). */
    public static List<String> resultNames(String function) {
        List<String> names = new java.util.ArrayList<>();
        int out32 = 0;
        for (String kind : WasiCallDecoder.kinds(function)) {
            switch (kind) {
                case "out32" -> names.add(out32Name(function, out32++));
                case "outfd" -> names.add("opened_fd");
                case "out64" -> names.add(out64Name(function));
                default -> {
                }
            }
        }
        return names;
    }

    private static Map<String, Object> values(String function, long[] args, MemoryInstance mem, int errno) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (WasiImports.type(function) == null || args.length < WasiImports.type(function).paramCount()) {
            return out;
        }
        int k = 0;
        int fds = 0;
        int strings = 0;
        int rights = 0;
        int out32 = 0;
        int plain = 0;
        long[] readInto = null;
        for (String kind : WasiCallDecoder.kinds(function)) {
            long a = args[k];
            switch (kind) {
                case "fd" -> out.put(fds++ == 0 ? "fd" : "new_fd", (long) (int) a);
                case "str" -> put(out, strings++ == 0 ? "path" : "new_path", string(mem, a, args[k + 1]));
                case "iovs" -> put(out, "data", iovecs(mem, a, args[k + 1], LIMIT));
                case "iovs_in" -> readInto = new long[] {a, args[k + 1]};
                case "buf" -> {
                    out.put("buf", Integer.toUnsignedLong((int) a));
                    out.put("buf_len", Integer.toUnsignedLong((int) args[k + 1]));
                }
                case "rights" -> out.put(rights++ == 0 ? "fs_rights_base" : "fs_rights_inheriting", a);
                case "out32", "outfd", "out64" -> {
                    String name = kind.equals("out32") ? out32Name(function, out32++)
                            : kind.equals("outfd") ? "opened_fd" : out64Name(function);
                    Long v = errno == 0 ? read(mem, a, kind.equals("out64") ? 8 : 4) : null;
                    if (v != null) {
                        out.put(name, v);
                        if (readInto != null && name.equals("nread")) {
                            put(out, "data", iovecs(mem, readInto[0], readInto[1], Math.min(v, LIMIT)));
                        }
                    }
                }
                case "u32" -> out.put(function.startsWith("proc_") ? "code" : "arg" + plain++,
                        Integer.toUnsignedLong((int) a));
                case "u64", "s64", "ptr" -> out.put("arg" + plain++, kind.equals("ptr")
                        ? Integer.toUnsignedLong((int) a) : a);
                default -> out.put(FLAG_NAMES.getOrDefault(kind, kind), (long) (int) a);
            }
            k += WasiCallDecoder.width(kind);
        }
        return out;
    }

    private static String out32Name(String function, int index) {
        List<String> names = OUT32.getOrDefault(function, List.of());
        return index < names.size() ? names.get(index) : "size";
    }

    private static String out64Name(String function) {
        return function.startsWith("clock_") ? (function.equals("clock_res_get") ? "resolution" : "time")
                : "offset";
    }

    private static void put(Map<String, Object> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static Long read(MemoryInstance mem, long ptr, int size) {
        long p = Integer.toUnsignedLong((int) ptr);
        if (mem == null || !mem.inBounds(p, size)) {
            return null;
        }
        return size == 8 ? mem.readLong(p) : Integer.toUnsignedLong(mem.readInt(p));
    }

    private static String string(MemoryInstance mem, long ptr, long len) {
        long p = Integer.toUnsignedLong((int) ptr);
        long n = Math.min(Integer.toUnsignedLong((int) len), LIMIT);
        return mem == null || !mem.inBounds(p, n) ? null
                : new String(mem.read(p, (int) n), StandardCharsets.UTF_8);
    }

    /** The bytes the iovecs hold, up to {@code limit}, as UTF-8 text. */
    private static String iovecs(MemoryInstance mem, long iovs, long count, long limit) {
        long base = Integer.toUnsignedLong((int) iovs);
        long n = Integer.toUnsignedLong((int) count);
        if (mem == null || n > LIMIT || !mem.inBounds(base, 8 * n)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < n && bytes.size() < limit; i++) {
            long ptr = Integer.toUnsignedLong(mem.readInt(base + 8L * i));
            long len = Math.min(Integer.toUnsignedLong(mem.readInt(base + 8L * i + 4)), limit - bytes.size());
            if (!mem.inBounds(ptr, len)) {
                return null;
            }
            bytes.writeBytes(mem.read(ptr, (int) len));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
