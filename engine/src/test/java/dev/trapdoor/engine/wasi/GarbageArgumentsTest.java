package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every WASI function called with pointers and lengths that lie outside memory, run past its end, wrap around
 * 2^32, or overflow when multiplied by an element size: each call answers an errno, never a Java exception, and
 * nothing outside the guest's sandbox changes.
 */
class GarbageArgumentsTest {
    /** One page: the last valid byte is 65535. */
    private static final long[] I32_GARBAGE = {0xFFFF_FFFFL, 0xFFFF_FFF0L, 0x8000_0000L, 0x7FFF_FFFFL, 65_536,
        65_533, 0x2000_0001L, 0x1FFF_FFFFL};
    private static final long[] I64_GARBAGE = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 0x1_0000_0000L};

    @TempDir
    Path dir;

    private WasiPreview1 wasi() throws Exception {
        Files.writeString(dir.resolve("file"), "contents");
        Files.createDirectories(dir.resolve("sub"));
        if (!Files.exists(dir.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        }
        return new WasiPreview1(WasiConfig.builder().arg("prog").env("A", "b")
                .stdin(new ByteArrayInputStream(new byte[100])).stdout(new ByteArrayOutputStream())
                .stderr(new ByteArrayOutputStream()).preopen(dir, "/").build());
    }

    private static boolean isI64(FuncType type, int k) {
        return type.params()[k] == ValType.I64;
    }

    /** Every argument garbage, then each argument garbage in turn beside plausible ones (fd 3, small sizes). */
    private static List<long[]> argumentSets(FuncType type) {
        int n = type.params().length;
        List<long[]> sets = new ArrayList<>();
        for (int g = 0; g < I32_GARBAGE.length; g++) {
            long[] all = new long[n];
            for (int k = 0; k < n; k++) {
                all[k] = isI64(type, k) ? I64_GARBAGE[g % I64_GARBAGE.length] : I32_GARBAGE[g];
            }
            sets.add(all);
            for (int bad = 0; bad < n; bad++) {
                for (long fd : new long[] {1, 3}) {
                    long[] one = new long[n];
                    for (int k = 0; k < n; k++) {
                        one[k] = isI64(type, k) ? 0 : (k == 0 ? fd : 16);
                    }
                    one[bad] = isI64(type, bad) ? I64_GARBAGE[g % I64_GARBAGE.length] : I32_GARBAGE[g];
                    sets.add(one);
                }
            }
        }
        return sets;
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionAnswersAnErrnoForGarbage() {
        return WasiImports.names().stream().filter(name -> !name.equals("proc_exit")).map(name ->
                DynamicTest.dynamicTest(name, () -> {
                    FuncType type = WasiImports.type(name);
                    WasiPreview1 wasi = wasi();
                    Guest g = new Guest();
                    for (long[] args : argumentSets(type)) {
                        int errno;
                        try {
                            errno = WasiImports.invoke(name, wasi, g.mem, args.clone());
                        } catch (RuntimeException | Error e) {
                            throw new AssertionError(name + java.util.Arrays.toString(args) + " threw " + e, e);
                        }
                        assertTrue(errno >= 0 && errno <= 76, name + " errno " + errno);
                    }
                    assertEquals("contents", Files.readString(dir.resolve("file")));
                }));
    }

    /** Calls that must write a result through a pointer fail with EFAULT when that pointer is outside memory. */
    @Test
    void resultPointersOutsideMemoryAreEfault() throws Exception {
        WasiPreview1 w = wasi();
        Guest g = new Guest();
        int bad = 65_534; // a u32 or u64 written here runs past the end
        int ok = g.alloc(64);
        int iov = g.iovs(4);
        int path = g.str("file");
        assertEquals(Errno.EFAULT.code(), w.argsSizesGet(g.mem, bad, ok));
        assertEquals(Errno.EFAULT.code(), w.argsGet(g.mem, bad, ok));
        assertEquals(Errno.EFAULT.code(), w.environSizesGet(g.mem, ok, bad));
        assertEquals(Errno.EFAULT.code(), w.environGet(g.mem, ok, bad));
        assertEquals(Errno.EFAULT.code(), w.clockTimeGet(g.mem, 0, 0, bad));
        assertEquals(Errno.EFAULT.code(), w.clockResGet(g.mem, 1, bad));
        assertEquals(Errno.EFAULT.code(), w.fdFdstatGet(g.mem, 3, bad));
        assertEquals(Errno.EFAULT.code(), w.fdFilestatGet(g.mem, 3, bad));
        assertEquals(Errno.EFAULT.code(), w.fdPrestatGet(g.mem, 3, bad));
        assertEquals(Errno.EFAULT.code(), w.fdPrestatDirName(g.mem, 3, 65_536, 1));
        assertEquals(Errno.EFAULT.code(), w.fdPrestatDirName(g.mem, 3, 65_535, 0x7FFF_FFFF));
        assertEquals(Errno.EFAULT.code(), w.fdRead(g.mem, 0, iov, 1, bad));
        assertEquals(Errno.EFAULT.code(), w.fdWrite(g.mem, 1, iov, 1, bad));
        assertEquals(Errno.EFAULT.code(), w.fdReaddir(g.mem, 3, ok, 64, 0, bad));
        assertEquals(Errno.EFAULT.code(), w.fdReaddir(g.mem, 3, 65_530, 64, 0, ok));
        assertEquals(Errno.EFAULT.code(), w.pathOpen(g.mem, 3, 0, path, 4, 0, Rights.FD_READ, 0, 0, bad));
        assertEquals(Errno.EFAULT.code(), w.pathFilestatGet(g.mem, 3, 0, path, 4, bad));
        int link = g.str("link");
        assertEquals(Errno.EFAULT.code(), w.pathReadlink(g.mem, 3, link, 4, ok, 0xFFFF_FFF0, ok));
        assertEquals(Errno.EFAULT.code(), w.pathReadlink(g.mem, 3, link, 4, 65_534, 16, ok));
        assertEquals(Errno.EFAULT.code(), w.randomGet(g.mem, 65_000, 1000));
        assertEquals(Errno.EFAULT.code(), w.randomGet(g.mem, 0xFFFF_FFF0, 0x20));
        int poll = w.pollOneoff(g.mem, ok, ok, 0x0400_0000, ok); // 48-byte subscriptions: 3 GiB
        assertTrue(poll == Errno.EFAULT.code() || poll == Errno.EINVAL.code(), "poll_oneoff " + poll);
        // An iovec count whose byte size overflows 32 bits (0x2000_0001 * 8 = 8 mod 2^32) is not a small list.
        assertEquals(Errno.EFAULT.code(), w.fdWrite(g.mem, 1, iov, 0x2000_0001, ok));
        assertEquals(Errno.EFAULT.code(), w.fdRead(g.mem, 0, iov, 0x2000_0001, ok));
        // A path running off the end of memory.
        assertEquals(Errno.EFAULT.code(), w.pathOpen(g.mem, 3, 0, 65_534, 10, 0, 0, 0, 0, ok));
        assertEquals(Errno.EFAULT.code(), w.pathUnlinkFile(g.mem, 3, 0xFFFF_FFFF, 2));
        assertTrue(Files.exists(dir.resolve("file")));
        if (w.fdRead(g.mem, 0, iov, 1, ok) != 0) {
            fail("a good read after the bad ones must still work");
        }
    }
}
