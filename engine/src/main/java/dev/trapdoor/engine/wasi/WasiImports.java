package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.Extern;
import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.MemoryInstance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Binds a {@link WasiPreview1} to a store as the import module {@value #MODULE}: each function becomes a host function
 * with the core signature the witx lowers to, working on the calling instance's exported {@code memory} (else its
 * memory 0). Host functions are made on first lookup, so a module pays only for what it imports.
 */
public final class WasiImports implements ImportResolver {
    public static final String MODULE = "wasi_snapshot_preview1";

    /** The body of one import: arguments in slot form, the memory (null only for the calls that never touch it). */
    @FunctionalInterface
    private interface Impl {
        int call(WasiPreview1 w, MemoryInstance m, long[] a);
    }

    private record Def(FuncType type, Impl impl) {
    }

    /** Calls that never touch memory, so a module without one may still make them. */
    private static final Set<String> NO_MEMORY = Set.of("proc_exit", "proc_raise", "sched_yield", "fd_close",
            "fd_datasync", "fd_sync", "fd_advise", "fd_allocate", "fd_fdstat_set_flags", "fd_fdstat_set_rights",
            "fd_filestat_set_size", "fd_filestat_set_times", "fd_renumber", "sock_shutdown");

    private static final Map<String, Def> DEFS = new LinkedHashMap<>();

    static {
        def("args_get", "ii", (w, m, a) -> w.argsGet(m, i(a, 0), i(a, 1)));
        def("args_sizes_get", "ii", (w, m, a) -> w.argsSizesGet(m, i(a, 0), i(a, 1)));
        def("environ_get", "ii", (w, m, a) -> w.environGet(m, i(a, 0), i(a, 1)));
        def("environ_sizes_get", "ii", (w, m, a) -> w.environSizesGet(m, i(a, 0), i(a, 1)));
        def("clock_res_get", "ii", (w, m, a) -> w.clockResGet(m, i(a, 0), i(a, 1)));
        def("clock_time_get", "iIi", (w, m, a) -> w.clockTimeGet(m, i(a, 0), a[1], i(a, 2)));
        def("fd_advise", "iIIi", (w, m, a) -> w.fdAdvise(i(a, 0), a[1], a[2], i(a, 3)));
        def("fd_allocate", "iII", (w, m, a) -> w.fdAllocate(i(a, 0), a[1], a[2]));
        def("fd_close", "i", (w, m, a) -> w.fdClose(i(a, 0)));
        def("fd_datasync", "i", (w, m, a) -> w.fdDatasync(i(a, 0)));
        def("fd_fdstat_get", "ii", (w, m, a) -> w.fdFdstatGet(m, i(a, 0), i(a, 1)));
        def("fd_fdstat_set_flags", "ii", (w, m, a) -> w.fdFdstatSetFlags(i(a, 0), i(a, 1)));
        def("fd_fdstat_set_rights", "iII", (w, m, a) -> w.fdFdstatSetRights(i(a, 0), a[1], a[2]));
        def("fd_filestat_get", "ii", (w, m, a) -> w.fdFilestatGet(m, i(a, 0), i(a, 1)));
        def("fd_filestat_set_size", "iI", (w, m, a) -> w.fdFilestatSetSize(i(a, 0), a[1]));
        def("fd_filestat_set_times", "iIIi", (w, m, a) -> w.fdFilestatSetTimes(i(a, 0), a[1], a[2], i(a, 3)));
        def("fd_pread", "iiiIi", (w, m, a) -> w.fdPread(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)));
        def("fd_prestat_get", "ii", (w, m, a) -> w.fdPrestatGet(m, i(a, 0), i(a, 1)));
        def("fd_prestat_dir_name", "iii", (w, m, a) -> w.fdPrestatDirName(m, i(a, 0), i(a, 1), i(a, 2)));
        def("fd_pwrite", "iiiIi", (w, m, a) -> w.fdPwrite(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)));
        def("fd_read", "iiii", (w, m, a) -> w.fdRead(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        def("fd_readdir", "iiiIi", (w, m, a) -> w.fdReaddir(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)));
        def("fd_renumber", "ii", (w, m, a) -> w.fdRenumber(i(a, 0), i(a, 1)));
        def("fd_seek", "iIii", (w, m, a) -> w.fdSeek(m, i(a, 0), a[1], i(a, 2), i(a, 3)));
        def("fd_sync", "i", (w, m, a) -> w.fdSync(i(a, 0)));
        def("fd_tell", "ii", (w, m, a) -> w.fdTell(m, i(a, 0), i(a, 1)));
        def("fd_write", "iiii", (w, m, a) -> w.fdWrite(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        def("path_create_directory", "iii", (w, m, a) -> w.pathCreateDirectory(m, i(a, 0), i(a, 1), i(a, 2)));
        def("path_filestat_get", "iiiii",
                (w, m, a) -> w.pathFilestatGet(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        def("path_filestat_set_times", "iiiiIIi", (w, m, a) -> w.pathFilestatSetTimes(m, i(a, 0), i(a, 1),
                i(a, 2), i(a, 3), a[4], a[5], i(a, 6)));
        def("path_link", "iiiiiii", (w, m, a) -> w.pathLink(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4),
                i(a, 5), i(a, 6)));
        def("path_open", "iiiiiIIii", (w, m, a) -> w.pathOpen(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4),
                a[5], a[6], i(a, 7), i(a, 8)));
        def("path_readlink", "iiiiii",
                (w, m, a) -> w.pathReadlink(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
        def("path_remove_directory", "iii", (w, m, a) -> w.pathRemoveDirectory(m, i(a, 0), i(a, 1), i(a, 2)));
        def("path_rename", "iiiiii",
                (w, m, a) -> w.pathRename(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
        def("path_symlink", "iiiii", (w, m, a) -> w.pathSymlink(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        def("path_unlink_file", "iii", (w, m, a) -> w.pathUnlinkFile(m, i(a, 0), i(a, 1), i(a, 2)));
        def("poll_oneoff", "iiii", (w, m, a) -> w.pollOneoff(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        DEFS.put("proc_exit", new Def(new FuncType(types("i"), new ValType[0]), (w, m, a) -> {
            w.procExit(i(a, 0));
            return 0;
        }));
        def("proc_raise", "i", (w, m, a) -> w.procRaise(i(a, 0)));
        def("sched_yield", "", (w, m, a) -> w.schedYield());
        def("random_get", "ii", (w, m, a) -> w.randomGet(m, i(a, 0), i(a, 1)));
        def("sock_accept", "iii", (w, m, a) -> w.sockAccept(m, i(a, 0), i(a, 1), i(a, 2)));
        def("sock_recv", "iiiiii",
                (w, m, a) -> w.sockRecv(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
        def("sock_send", "iiiii", (w, m, a) -> w.sockSend(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        def("sock_shutdown", "ii", (w, m, a) -> w.sockShutdown(i(a, 0), i(a, 1)));
    }

    private final Store store;
    private final WasiPreview1 wasi;
    private final Map<String, FunctionInstance> made = new HashMap<>();
    private volatile Consumer<WasiCall> tracer;
    private volatile Returned returned;

    /** Told of each WASI call that returned (not of {@code proc_exit}), with its arguments and errno. */
    @FunctionalInterface
    public interface Returned {
        void returned(String function, long[] args, int errno);
    }

    public WasiImports(Store store, WasiPreview1 wasi) {
        this.store = store;
        this.wasi = wasi;
    }

    /**
     * Reports every completed WASI call, decoded, to {@code listener} ({@code null} stops it); {@code proc_exit} is
     * reported before it ends the program. Costs nothing while unset.
     */
    public WasiImports trace(Consumer<WasiCall> listener) {
        this.tracer = listener;
        return this;
    }

    /**
     * Reports every WASI call that returns, undecoded ({@code null} stops it): how a debugger learns a call's errno
     * whatever the guest does with it next. Costs one volatile read per call while unset.
     */
    public WasiImports onReturn(Returned listener) {
        this.returned = listener;
        return this;
    }

    /** Every function name this binder provides, in witx order. */
    public static List<String> names() {
        return List.copyOf(DEFS.keySet());
    }

    /**
     * Runs WASI function {@code name} with arguments in slot form and returns its errno, as the bound host function
     * does ({@code proc_exit} throws {@link WasiExit}).
     */
    static int invoke(String name, WasiPreview1 wasi, MemoryInstance mem, long[] args) {
        return DEFS.get(name).impl().call(wasi, mem, args);
    }

    /**
     * A call about to be made, decoded for a debugger: (kind, value) per argument item, e.g. ({@code fd}, {@code 1}),
     * ({@code iovs}, {@code "hi\n", 1}); result pointers show as addresses. Empty for an unknown name.
     */
    public static List<Map.Entry<String, String>> decodeArguments(String name, long[] args, MemoryInstance mem) {
        if (!DEFS.containsKey(name) || args.length < DEFS.get(name).type().paramCount()) {
            return List.of();
        }
        List<String> kinds = WasiCallDecoder.kinds(name);
        List<String> values = WasiCallDecoder.argumentList(name, args, null, mem, -1);
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(kinds.size(), values.size()); i++) {
            out.add(Map.entry(kinds.get(i), values.get(i)));
        }
        return out;
    }

    /** The core signature of a WASI function, or {@code null} for an unknown name. */
    public static FuncType type(String name) {
        Def d = DEFS.get(name);
        return d == null ? null : d.type();
    }

    @Override
    public Extern resolve(String module, String name) {
        if (!MODULE.equals(module)) {
            return null;
        }
        Def def = DEFS.get(name);
        if (def == null) {
            return null;
        }
        return made.computeIfAbsent(name, n -> store.hostFunction(n, def.type(), (caller, args) -> {
            MemoryInstance mem = memoryOf(caller, n);
            Consumer<WasiCall> t = tracer;
            Returned r = returned;
            if (t == null) {
                long[] copy = r == null ? null : args.clone();
                int errno = def.impl().call(wasi, mem, args);
                if (r != null) {
                    r.returned(n, copy, errno);
                }
                return def.type().resultCount() == 0 ? new long[0] : new long[] {errno};
            }
            List<String> fds = WasiCallDecoder.describeFds(n, wasi, args);
            long[] copy = args.clone();
            int errno;
            try {
                errno = def.impl().call(wasi, mem, args);
            } catch (WasiExit exit) {
                t.accept(new WasiCall(n, WasiCallDecoder.arguments(n, copy, fds, mem, 0), 0, store.hostCaller()));
                throw exit;
            }
            t.accept(new WasiCall(n, WasiCallDecoder.arguments(n, copy, fds, mem, errno), errno, store.hostCaller()));
            if (r != null) {
                r.returned(n, copy, errno);
            }
            return def.type().resultCount() == 0 ? new long[0] : new long[] {errno};
        }));
    }

    /** Combines with another resolver: WASI names first, then {@code next}. */
    public ImportResolver orElse(ImportResolver next) {
        return (module, name) -> {
            Extern e = resolve(module, name);
            return e != null ? e : next.resolve(module, name);
        };
    }

    private static MemoryInstance memoryOf(Instance caller, String fn) {
        MemoryInstance mem = caller == null ? null : caller.memory("memory");
        if (mem == null && caller != null) {
            mem = caller.memory();
        }
        if (mem == null && !NO_MEMORY.contains(fn)) {
            throw new Trap(TrapKind.HOST_FUNCTION_FAILED, "WASI " + fn + " needs the caller's memory, and it has none",
                    -1, -1, List.of());
        }
        return mem;
    }

    private static void def(String name, String params, Impl impl) {
        DEFS.put(name, new Def(new FuncType(types(params), new ValType[] {ValType.I32}), impl));
    }

    /** {@code i} is i32, {@code I} is i64. */
    private static ValType[] types(String code) {
        ValType[] t = new ValType[code.length()];
        for (int k = 0; k < t.length; k++) {
            t[k] = code.charAt(k) == 'I' ? ValType.I64 : ValType.I32;
        }
        return t;
    }

    private static int i(long[] a, int k) {
        return (int) a[k];
    }
}
