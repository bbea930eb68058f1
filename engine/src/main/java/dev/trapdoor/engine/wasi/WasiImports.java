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

    /** Calls that never touch memory, so a module without one may still make them. */
    private static final Set<String> NO_MEMORY = Set.of("proc_exit", "proc_raise", "sched_yield", "fd_close",
            "fd_datasync", "fd_sync", "fd_advise", "fd_allocate", "fd_fdstat_set_flags", "fd_fdstat_set_rights",
            "fd_filestat_set_size", "fd_filestat_set_times", "fd_renumber", "sock_shutdown");

    /** Each function's core signature, in witx order. */
    private static final Map<String, FuncType> DEFS = new LinkedHashMap<>();

    static {
        def("args_get", "ii");
        def("args_sizes_get", "ii");
        def("environ_get", "ii");
        def("environ_sizes_get", "ii");
        def("clock_res_get", "ii");
        def("clock_time_get", "iIi");
        def("fd_advise", "iIIi");
        def("fd_allocate", "iII");
        def("fd_close", "i");
        def("fd_datasync", "i");
        def("fd_fdstat_get", "ii");
        def("fd_fdstat_set_flags", "ii");
        def("fd_fdstat_set_rights", "iII");
        def("fd_filestat_get", "ii");
        def("fd_filestat_set_size", "iI");
        def("fd_filestat_set_times", "iIIi");
        def("fd_pread", "iiiIi");
        def("fd_prestat_get", "ii");
        def("fd_prestat_dir_name", "iii");
        def("fd_pwrite", "iiiIi");
        def("fd_read", "iiii");
        def("fd_readdir", "iiiIi");
        def("fd_renumber", "ii");
        def("fd_seek", "iIii");
        def("fd_sync", "i");
        def("fd_tell", "ii");
        def("fd_write", "iiii");
        def("path_create_directory", "iii");
        def("path_filestat_get", "iiiii");
        def("path_filestat_set_times", "iiiiIIi");
        def("path_link", "iiiiiii");
        def("path_open", "iiiiiIIii");
        def("path_readlink", "iiiiii");
        def("path_remove_directory", "iii");
        def("path_rename", "iiiiii");
        def("path_symlink", "iiiii");
        def("path_unlink_file", "iii");
        def("poll_oneoff", "iiii");
        DEFS.put("proc_exit", new FuncType(types("i"), new ValType[0]));
        def("proc_raise", "i");
        def("sched_yield", "");
        def("random_get", "ii");
        def("sock_accept", "iii");
        def("sock_recv", "iiiiii");
        def("sock_send", "iiiii");
        def("sock_shutdown", "ii");
    }

    /** The body of function {@code name}. */
    private static Impl impl(String name) {
        if (!DEFS.containsKey(name)) {
            throw new IllegalArgumentException("no WASI function " + name);
        }
        return new Named(name);
    }

    /**
     * A function's body chosen by its name at each call, not one lambda per function: the first run of each lambda
     * links it (a hello-world links 14, and the first non-capturing one makes the JDK spin a class), ~5 ms of a 0.3 s
     * run; a string switch per WASI call costs nanoseconds beside the call itself.
     */
    private static final class Named implements Impl {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public int call(WasiPreview1 w, MemoryInstance m, long[] a) {
            return switch (name) {
                case "args_get" -> w.argsGet(m, i(a, 0), i(a, 1));
                case "args_sizes_get" -> w.argsSizesGet(m, i(a, 0), i(a, 1));
                case "environ_get" -> w.environGet(m, i(a, 0), i(a, 1));
                case "environ_sizes_get" -> w.environSizesGet(m, i(a, 0), i(a, 1));
                case "clock_res_get" -> w.clockResGet(m, i(a, 0), i(a, 1));
                case "clock_time_get" -> w.clockTimeGet(m, i(a, 0), a[1], i(a, 2));
                case "fd_advise" -> w.fdAdvise(i(a, 0), a[1], a[2], i(a, 3));
                case "fd_allocate" -> w.fdAllocate(i(a, 0), a[1], a[2]);
                case "fd_close" -> w.fdClose(i(a, 0));
                case "fd_datasync" -> w.fdDatasync(i(a, 0));
                case "fd_fdstat_get" -> w.fdFdstatGet(m, i(a, 0), i(a, 1));
                case "fd_fdstat_set_flags" -> w.fdFdstatSetFlags(i(a, 0), i(a, 1));
                case "fd_fdstat_set_rights" -> w.fdFdstatSetRights(i(a, 0), a[1], a[2]);
                case "fd_filestat_get" -> w.fdFilestatGet(m, i(a, 0), i(a, 1));
                case "fd_filestat_set_size" -> w.fdFilestatSetSize(i(a, 0), a[1]);
                case "fd_filestat_set_times" -> w.fdFilestatSetTimes(i(a, 0), a[1], a[2], i(a, 3));
                case "fd_pread" -> w.fdPread(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4));
                case "fd_prestat_get" -> w.fdPrestatGet(m, i(a, 0), i(a, 1));
                case "fd_prestat_dir_name" -> w.fdPrestatDirName(m, i(a, 0), i(a, 1), i(a, 2));
                case "fd_pwrite" -> w.fdPwrite(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4));
                case "fd_read" -> w.fdRead(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3));
                case "fd_readdir" -> w.fdReaddir(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4));
                case "fd_renumber" -> w.fdRenumber(i(a, 0), i(a, 1));
                case "fd_seek" -> w.fdSeek(m, i(a, 0), a[1], i(a, 2), i(a, 3));
                case "fd_sync" -> w.fdSync(i(a, 0));
                case "fd_tell" -> w.fdTell(m, i(a, 0), i(a, 1));
                case "fd_write" -> w.fdWrite(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3));
                case "path_create_directory" -> w.pathCreateDirectory(m, i(a, 0), i(a, 1), i(a, 2));
                case "path_filestat_get" -> w.pathFilestatGet(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
                case "path_filestat_set_times" ->
                        w.pathFilestatSetTimes(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), a[4], a[5], i(a, 6));
                case "path_link" ->
                        w.pathLink(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5), i(a, 6));
                case "path_open" ->
                        w.pathOpen(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), a[5], a[6], i(a, 7),
                                i(a, 8));
                case "path_readlink" ->
                        w.pathReadlink(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
                case "path_remove_directory" -> w.pathRemoveDirectory(m, i(a, 0), i(a, 1), i(a, 2));
                case "path_rename" -> w.pathRename(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
                case "path_symlink" -> w.pathSymlink(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
                case "path_unlink_file" -> w.pathUnlinkFile(m, i(a, 0), i(a, 1), i(a, 2));
                case "poll_oneoff" -> w.pollOneoff(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3));
                case "proc_exit" -> {
                    w.procExit(i(a, 0));
                    yield 0;
                }
                case "proc_raise" -> w.procRaise(i(a, 0));
                case "sched_yield" -> w.schedYield();
                case "random_get" -> w.randomGet(m, i(a, 0), i(a, 1));
                case "sock_accept" -> w.sockAccept(m, i(a, 0), i(a, 1), i(a, 2));
                case "sock_recv" -> w.sockRecv(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
                case "sock_send" -> w.sockSend(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
                case "sock_shutdown" -> w.sockShutdown(i(a, 0), i(a, 1));
                default -> throw new IllegalArgumentException("no WASI function " + name);
            };
        }
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
        return impl(name).call(wasi, mem, args);
    }

    /**
     * A call about to be made, decoded for a debugger: (kind, value) per argument item, e.g. ({@code fd}, {@code 1}),
     * ({@code iovs}, {@code "hi\n", 1}); result pointers show as addresses. Empty for an unknown name.
     */
    public static List<Map.Entry<String, String>> decodeArguments(String name, long[] args, MemoryInstance mem) {
        if (!DEFS.containsKey(name) || args.length < DEFS.get(name).paramCount()) {
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
        return DEFS.get(name);
    }

    @Override
    public Extern resolve(String module, String name) {
        if (!MODULE.equals(module)) {
            return null;
        }
        FuncType type = DEFS.get(name);
        if (type == null) {
            return null;
        }
        return made.computeIfAbsent(name, n -> bind(n, type));
    }

    private FunctionInstance bind(String n, FuncType type) {
        Impl impl = impl(n);
        return store.hostFunction(n, type, (caller, args) -> {
            MemoryInstance mem = memoryOf(caller, n);
            Consumer<WasiCall> t = tracer;
            Returned r = returned;
            if (t == null) {
                long[] copy = r == null ? null : args.clone();
                int errno = impl.call(wasi, mem, args);
                if (r != null) {
                    r.returned(n, copy, errno);
                }
                return type.resultCount() == 0 ? new long[0] : new long[] {errno};
            }
            List<String> fds = WasiCallDecoder.describeFds(n, wasi, args);
            long[] copy = args.clone();
            int errno;
            try {
                errno = impl.call(wasi, mem, args);
            } catch (WasiExit exit) {
                t.accept(new WasiCall(n, WasiCallDecoder.arguments(n, copy, fds, mem, 0), 0, store.hostCaller()));
                throw exit;
            }
            t.accept(new WasiCall(n, WasiCallDecoder.arguments(n, copy, fds, mem, errno), errno, store.hostCaller()));
            if (r != null) {
                r.returned(n, copy, errno);
            }
            return type.resultCount() == 0 ? new long[0] : new long[] {errno};
        });
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

    private static void def(String name, String params) {
        DEFS.put(name, new FuncType(types(params), new ValType[] {ValType.I32}));
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
