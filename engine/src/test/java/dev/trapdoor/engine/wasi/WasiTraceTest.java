package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.exec.Instance;
import dev.trapdoor.engine.exec.Store;
import dev.trapdoor.engine.testing.Wabt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WasiImports#trace}: each call decoded, with its errno and the Wasm frame that made it. */
class WasiTraceTest {
    private static final String WAT = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "path_open"
                (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hi\\n")
              (data (i32.const 32) "config.toml")
              (data (i32.const 48) "missing")
              (func $writer (export "write") (result i32)
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 3))
                (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
              (func (export "open") (param $at i32) (param $len i32) (param $oflags i32) (result i32)
                (call $path_open (i32.const 3) (i32.const 1) (local.get $at) (local.get $len)
                  (local.get $oflags) (i64.const 66) (i64.const 0) (i32.const 1) (i32.const 12)))
              (func (export "close") (param i32) (result i32)
                (call $fd_close (local.get 0))))
            """;

    @TempDir
    Path dir;

    @Test
    void eachCallIsDecodedWithItsResultAndCaller() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(out).preopen(dir, "/data").build());
        Store store = new Store();
        List<WasiCall> calls = new ArrayList<>();
        WasiImports imports = new WasiImports(store, wasi).trace(calls::add);
        Instance inst = store.instantiate(Wasm.load(Wabt.wat(WAT)), imports);
        assertEquals(0, inst.invoke("write")[0]);
        assertEquals(0, inst.invoke("open", 32, 11, 9)[0]);
        assertEquals(Errno.ENOENT.code(), inst.invoke("open", 48, 7, 0)[0]);
        int fd = (int) inst.memory("memory").readInt(12);
        assertEquals(0, inst.invoke("close", fd)[0]);

        String real = dir.toRealPath().toString();
        assertEquals("fd_write(1<stdout>, \"hi\\n\", 1, [3]) = 0 SUCCESS", calls.get(0).text());
        assertEquals("writer", calls.get(0).caller().funcName());
        assertTrue(calls.get(0).caller().moduleOffset() > 0);
        assertEquals("path_open(3<" + real + ">, SYMLINK_FOLLOW, \"config.toml\", O_CREAT|O_TRUNC, FD_READ|FD_WRITE,"
                + " 0, APPEND, [4]) = 0 SUCCESS", calls.get(1).text());
        // A failed call shows its result pointer, not what happens to be there.
        assertEquals("path_open(3<" + real + ">, SYMLINK_FOLLOW, \"missing\", 0, FD_READ|FD_WRITE, 0, APPEND, 0xc)"
                + " = 44 ENOENT", calls.get(2).text());
        assertEquals("ENOENT", calls.get(2).errnoName());
        // The descriptor is described as it was before fd_close forgot it.
        assertEquals("fd_close(" + fd + "<" + real + "/config.toml>) = 0 SUCCESS", calls.get(3).text());
        assertTrue(Files.exists(dir.resolve("config.toml")));
        imports.trace(null);
        inst.invoke("write");
        assertEquals(4, calls.size());
        assertNull(new Store().hostCaller());
    }
}
