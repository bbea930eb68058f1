package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link WasiValues} (a call's values by name, before and after it) and {@link WasiImports#onReturn}. */
class WasiValuesTest {
    private final Guest guest = new Guest();

    @Test
    void aWriteHasItsDescriptorAndTextBeforeAndWhatItWroteAfter() {
        int iov = guest.iovOf("hello\n".getBytes());
        int nwritten = guest.alloc(4);
        long[] args = {1, iov, 1, nwritten};
        Map<String, Object> before = WasiValues.before("fd_write", args, guest.mem);
        assertEquals(1L, before.get("fd"));
        assertEquals("hello\n", before.get("data"));
        assertFalse(before.containsKey("nwritten"));
        guest.mem.writeInt(nwritten, 6);
        Map<String, Object> after = WasiValues.after("fd_write", args, guest.mem, 0);
        assertEquals(6L, after.get("nwritten"));
        assertEquals(0L, after.get("errno"));
        assertEquals(List.of("nwritten"), WasiValues.resultNames("fd_write"));
    }

    @Test
    void pathOpenNamesItsPathFlagsAndTheNewDescriptorOnlyWhenItSucceeded() {
        int path = guest.str("config.toml");
        int fdOut = guest.alloc(4);
        guest.mem.writeInt(fdOut, 7);
        long[] args = {3, 1, path, Guest.len("config.toml"), 9, 66, 0, 1, fdOut};
        Map<String, Object> before = WasiValues.before("path_open", args, guest.mem);
        assertEquals("config.toml", before.get("path"));
        assertEquals(3L, before.get("fd"));
        assertEquals(9L, before.get("oflags"));
        assertEquals(1L, before.get("lookupflags"));
        assertEquals(66L, before.get("fs_rights_base"));
        assertEquals(7L, WasiValues.after("path_open", args, guest.mem, 0).get("opened_fd"));
        Map<String, Object> failed = WasiValues.after("path_open", args, guest.mem, Errno.ENOENT.code());
        assertNull(failed.get("opened_fd"));
        assertEquals((long) Errno.ENOENT.code(), failed.get("errno"));
    }

    @Test
    void aReadShowsTheBytesReadAndGarbagePointersLeaveValuesOut() {
        int iov = guest.iovOf("abcdef".getBytes());
        int nread = guest.alloc(4);
        guest.mem.writeInt(nread, 3);
        Map<String, Object> after = WasiValues.after("fd_read", new long[] {0, iov, 1, nread}, guest.mem, 0);
        assertEquals(3L, after.get("nread"));
        assertEquals("abc", after.get("data"));
        Map<String, Object> garbage = WasiValues.before("path_open",
                new long[] {3, 0, 0xFFFF_FFF0L, 100, 0, 0, 0, 0, 0}, guest.mem);
        assertFalse(garbage.containsKey("path"));
        assertEquals(Map.of(), WasiValues.before("no_such_call", new long[0], guest.mem));
    }

    @Test
    void onReturnTellsEachCallsErrnoUndecoded(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.toml"), "x");
        Store store = new Store();
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(new ByteArrayOutputStream())
                .preopen(dir, "/").build());
        List<String> returned = new ArrayList<>();
        WasiImports imports = new WasiImports(store, wasi).onReturn((fn, args, errno) ->
                returned.add(fn + " " + args[0] + " " + errno));
        String wat = Files.readString(Path.of("..", "integration-tests", "fixtures", "wasi_calls.wat"));
        Instance inst = store.instantiate(Wasm.load(Wat.compile("wasi_calls.wat", wat).binary()), imports);
        inst.invoke("_start");
        assertEquals(List.of("fd_write 1 0", "fd_write 1 0", "path_open 3 0", "path_open 3 " + Errno.ENOENT.code()),
                returned);
    }
}
