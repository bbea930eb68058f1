package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes one WASI call's arguments the way {@code strace} shows a system call: descriptors with what they stand
 * for ({@code 3</home/me/data>}), path strings, the bytes of iovec buffers as escaped text, flags and rights as
 * names, and what the call wrote through its result pointers ({@code [6]}). Reads guest memory defensively: a bad
 * pointer shows as {@code 0x...} instead of failing.
 */
final class WasiCallDecoder {
    /** Argument kinds per function, one token per decoded item; "str", "iovs" and "buf" take two core arguments. */
    private static final Map<String, String> SPECS = Map.ofEntries(
            Map.entry("args_get", "ptr ptr"), Map.entry("args_sizes_get", "out32 out32"),
            Map.entry("environ_get", "ptr ptr"), Map.entry("environ_sizes_get", "out32 out32"),
            Map.entry("clock_res_get", "clock out64"), Map.entry("clock_time_get", "clock u64 out64"),
            Map.entry("fd_advise", "fd u64 u64 u32"), Map.entry("fd_allocate", "fd u64 u64"),
            Map.entry("fd_close", "fd"), Map.entry("fd_datasync", "fd"), Map.entry("fd_fdstat_get", "fd ptr"),
            Map.entry("fd_fdstat_set_flags", "fd fdflags"), Map.entry("fd_fdstat_set_rights", "fd rights rights"),
            Map.entry("fd_filestat_get", "fd ptr"), Map.entry("fd_filestat_set_size", "fd u64"),
            Map.entry("fd_filestat_set_times", "fd u64 u64 fst"), Map.entry("fd_pread", "fd iovs_in u64 out32"),
            Map.entry("fd_prestat_get", "fd ptr"), Map.entry("fd_prestat_dir_name", "fd buf"),
            Map.entry("fd_pwrite", "fd iovs u64 out32"), Map.entry("fd_read", "fd iovs_in out32"),
            Map.entry("fd_readdir", "fd buf u64 out32"), Map.entry("fd_renumber", "fd fd"),
            Map.entry("fd_seek", "fd s64 whence out64"), Map.entry("fd_sync", "fd"), Map.entry("fd_tell", "fd out64"),
            Map.entry("fd_write", "fd iovs out32"), Map.entry("path_create_directory", "fd str"),
            Map.entry("path_filestat_get", "fd lookup str ptr"),
            Map.entry("path_filestat_set_times", "fd lookup str u64 u64 fst"),
            Map.entry("path_link", "fd lookup str fd str"),
            Map.entry("path_open", "fd lookup str oflags rights rights fdflags outfd"),
            Map.entry("path_readlink", "fd str buf out32"), Map.entry("path_remove_directory", "fd str"),
            Map.entry("path_rename", "fd str fd str"), Map.entry("path_symlink", "str fd str"),
            Map.entry("path_unlink_file", "fd str"), Map.entry("poll_oneoff", "ptr ptr u32 out32"),
            Map.entry("proc_exit", "u32"), Map.entry("proc_raise", "u32"), Map.entry("sched_yield", ""),
            Map.entry("random_get", "buf"), Map.entry("sock_accept", "fd u32 outfd"),
            Map.entry("sock_recv", "fd iovs_in u32 out32 ptr"), Map.entry("sock_send", "fd iovs u32 out32"),
            Map.entry("sock_shutdown", "fd u32"));

    private static final int PREVIEW = 64;

    private WasiCallDecoder() {
    }

    /** What each descriptor argument stands for, taken before the call (fd_close forgets it). */
    static List<String> describeFds(String name, WasiPreview1 wasi, long[] args) {
        List<String> out = new ArrayList<>();
        int k = 0;
        for (String token : tokens(name)) {
            if (token.equals("fd")) {
                out.add(fd((int) args[k], wasi));
            }
            k += width(token);
        }
        return out;
    }

    /** The decoded argument list after the call, e.g. {@code 1<stdout>, "hi\n", 1, [3]}. */
    static String arguments(String name, long[] args, List<String> fds, MemoryInstance mem, int errno) {
        return String.join(", ", argumentList(name, args, fds, mem, errno));
    }

    /** The argument kinds of {@code name}, one per decoded item ({@code fd}, {@code str}, {@code out32}, ...). */
    static List<String> kinds(String name) {
        return List.of(tokens(name));
    }

    /**
     * One decoded item per {@link #kinds} entry. {@code fds} may be null (descriptors show as numbers); an
     * {@code errno} other than 0 (or -1, before the call) shows result pointers instead of what they point to.
     */
    static List<String> argumentList(String name, long[] args, List<String> fds, MemoryInstance mem, int errno) {
        List<String> out = new ArrayList<>();
        int k = 0;
        int f = 0;
        long[] iovs = null;
        for (String token : tokens(name)) {
            if (k + width(token) > args.length) {
                break;
            }
            long a = args[k];
            switch (token) {
                case "fd" -> out.add(fds == null ? Integer.toString((int) a) : fds.get(f++));
                case "str" -> out.add(string(mem, a, args[k + 1]));
                case "iovs" -> out.add(iovecs(mem, a, args[k + 1], -1) + ", " + (int) args[k + 1]);
                case "iovs_in" -> {
                    iovs = new long[] {a, args[k + 1]};
                    out.add(null); // filled once the byte count is known
                }
                case "buf" -> out.add(hex(a) + ", " + Integer.toUnsignedLong((int) args[k + 1]));
                case "out32" -> {
                    Long v = errno == 0 ? u32(mem, a) : null;
                    if (iovs != null) {
                        int at = out.indexOf(null);
                        out.set(at, iovecs(mem, iovs[0], iovs[1], v == null ? 0 : v) + ", " + (int) iovs[1]);
                        iovs = null;
                    }
                    out.add(v == null ? hex(a) : "[" + v + "]");
                }
                case "outfd" -> {
                    Long v = errno == 0 ? u32(mem, a) : null;
                    out.add(v == null ? hex(a) : "[" + v + "]");
                }
                case "out64" -> {
                    Long v = errno == 0 ? u64(mem, a) : null;
                    out.add(v == null ? hex(a) : "[" + Long.toUnsignedString(v) + "]");
                }
                case "u32" -> out.add(Integer.toUnsignedString((int) a));
                case "u64" -> out.add(Long.toUnsignedString(a));
                case "s64" -> out.add(Long.toString(a));
                case "ptr" -> out.add(hex(a));
                case "oflags" -> out.add(FlagNames.oflags((int) a));
                case "fdflags" -> out.add(FlagNames.fdflags((int) a));
                case "lookup" -> out.add(FlagNames.lookup((int) a));
                case "fst" -> out.add(FlagNames.fstflags((int) a));
                case "rights" -> out.add(FlagNames.rights(a));
                case "whence" -> out.add(FlagNames.whence((int) a));
                case "clock" -> out.add(FlagNames.clock((int) a));
                default -> out.add(Long.toString(a));
            }
            k += width(token);
        }
        out.replaceAll(s -> s == null ? "?" : s);
        return out;
    }

    private static String[] tokens(String name) {
        String spec = SPECS.getOrDefault(name, "");
        return spec.isEmpty() ? new String[0] : spec.split(" ");
    }

    static int width(String token) {
        return token.equals("str") || token.startsWith("iovs") || token.equals("buf") ? 2 : 1;
    }

    private static String fd(int fd, WasiPreview1 wasi) {
        String what = wasi.describe(fd);
        return what == null ? Integer.toString(fd) : fd + "<" + what + ">";
    }

    private static String hex(long ptr) {
        return "0x" + Integer.toHexString((int) ptr);
    }

    private static Long u32(MemoryInstance mem, long ptr) {
        long p = Integer.toUnsignedLong((int) ptr);
        return mem != null && mem.inBounds(p, 4) ? Integer.toUnsignedLong(mem.readInt(p)) : null;
    }

    private static Long u64(MemoryInstance mem, long ptr) {
        long p = Integer.toUnsignedLong((int) ptr);
        return mem != null && mem.inBounds(p, 8) ? mem.readLong(p) : null;
    }

    private static String string(MemoryInstance mem, long ptr, long len) {
        long p = Integer.toUnsignedLong((int) ptr);
        long n = Integer.toUnsignedLong((int) len);
        if (mem == null || !mem.inBounds(p, n)) {
            return hex(ptr);
        }
        return quote(mem.read(p, (int) Math.min(n, 4096)), n > 4096);
    }

    /** The bytes the iovecs hold ({@code limit} < 0: all of them), as one quoted, escaped, shortened string. */
    private static String iovecs(MemoryInstance mem, long iovs, long count, long limit) {
        long base = Integer.toUnsignedLong((int) iovs);
        int n = (int) count;
        if (mem == null || n < 0 || !mem.inBounds(base, 8L * n)) {
            return hex(iovs);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        long total = 0;
        long wanted = limit < 0 ? Long.MAX_VALUE : limit;
        for (int i = 0; i < n && total < wanted && bytes.size() <= PREVIEW; i++) {
            long ptr = Integer.toUnsignedLong(mem.readInt(base + 8L * i));
            long len = Math.min(Integer.toUnsignedLong(mem.readInt(base + 8L * i + 4)), wanted - total);
            if (!mem.inBounds(ptr, len)) {
                return hex(iovs);
            }
            int take = (int) Math.min(len, PREVIEW + 1 - bytes.size());
            bytes.writeBytes(mem.read(ptr, take));
            total += len;
        }
        byte[] b = bytes.toByteArray();
        return quote(b.length > PREVIEW ? java.util.Arrays.copyOf(b, PREVIEW) : b, b.length > PREVIEW);
    }

    static String quote(byte[] bytes, boolean more) {
        StringBuilder sb = new StringBuilder("\"");
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').append(more ? "..." : "").toString();
    }
}
