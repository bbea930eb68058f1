package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.FunctionInstance;
import dev.trapdoor.engine.exec.ImportResolver;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WasiImportsTest {
    private static final ValType I = ValType.I32;
    private static final ValType L = ValType.I64;

    private static FuncType t(ValType... params) {
        return new FuncType(params, new ValType[] {I});
    }

    @Test
    void providesEveryPreview1Function() {
        Set<String> expected = Set.of("args_get", "args_sizes_get", "environ_get", "environ_sizes_get",
                "clock_res_get", "clock_time_get", "fd_advise", "fd_allocate", "fd_close", "fd_datasync",
                "fd_fdstat_get", "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get",
                "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread", "fd_prestat_get", "fd_prestat_dir_name",
                "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write",
                "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open",
                "path_readlink", "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file",
                "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept", "sock_recv",
                "sock_send", "sock_shutdown");
        assertEquals(expected, Set.copyOf(WasiImports.names()));
    }

    @Test
    void signaturesAreTheCoreLoweringOfTheWitx() {
        assertEquals(t(I, I, I, I), WasiImports.type("fd_write"));
        assertEquals(t(I, L, I), WasiImports.type("clock_time_get"));
        assertEquals(t(I, L, I, I), WasiImports.type("fd_seek"));
        assertEquals(t(I, I, I, L, I), WasiImports.type("fd_readdir"));
        assertEquals(t(I, I, I, I, I, L, L, I, I), WasiImports.type("path_open"));
        assertEquals(t(I, I, I, I, L, L, I), WasiImports.type("path_filestat_set_times"));
        assertEquals(t(), WasiImports.type("sched_yield"));
        assertEquals(new FuncType(new ValType[] {I}, new ValType[0]), WasiImports.type("proc_exit"));
    }

    @Test
    void resolvesOnlyItsOwnModuleAndCachesFunctions() {
        Store store = new Store();
        WasiImports imports = new WasiImports(store, new WasiPreview1(WasiConfig.builder().build()));
        FunctionInstance f = (FunctionInstance) imports.resolve("wasi_snapshot_preview1", "fd_write");
        assertTrue(f.isHost());
        assertEquals("fd_write", f.name());
        assertSame(f, imports.resolve("wasi_snapshot_preview1", "fd_write"));
        assertNull(imports.resolve("wasi_snapshot_preview1", "no_such_call"));
        assertNull(imports.resolve("env", "fd_write"));
        ImportResolver chained = imports.orElse((m, n) -> m.equals("env") ? f : null);
        assertSame(f, chained.resolve("env", "anything"));
    }
}
