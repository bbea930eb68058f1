package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArgsEnvClockRandomTest {
    private final Guest g = new Guest();

    /** Clocks that return fixed, distinct values so each clock id is seen to reach the right source. */
    static final WasiClocks FIXED = new WasiClocks() {
        public long realtime() {
            return 1_700_000_000_123_456_789L;
        }

        public long monotonic() {
            return 42;
        }

        public long processCpuTime() {
            return 7;
        }

        public long threadCpuTime() {
            return 9;
        }
    };

    private WasiPreview1 wasi() {
        return new WasiPreview1(WasiConfig.builder().arg("prog.wasm").arg("hello wörld").arg("")
                .env("HOME", "/home/x").env("EMPTY", "").clocks(FIXED).random(new Random(1234)).build());
    }

    @Test
    void argsSizesCountNulTerminatedUtf8() {
        int argc = g.alloc(4), size = g.alloc(4);
        assertEquals(0, wasi().argsSizesGet(g.mem, argc, size));
        assertEquals(3, g.u32(argc));
        // "prog.wasm\0" + "hello wörld\0" (ö is two bytes) + "\0"
        assertEquals(10 + 13 + 1, g.u32(size));
    }

    @Test
    void argsGetWritesPointersIntoTheBuffer() {
        int argv = g.alloc(12), buf = g.alloc(24);
        assertEquals(0, wasi().argsGet(g.mem, argv, buf));
        assertEquals(buf, g.u32(argv));
        assertEquals("prog.wasm", g.string(g.u32(argv), 9));
        assertEquals(0, g.mem.readByte(g.u32(argv) + 9L));
        assertEquals("hello wörld", g.string(g.u32(argv + 4), 12));
        assertEquals(buf + 23, g.u32(argv + 8));
        assertEquals(0, g.mem.readByte(buf + 23L));
    }

    @Test
    void environIsKeyEqualsValue() {
        WasiPreview1 w = wasi();
        int count = g.alloc(4), size = g.alloc(4);
        assertEquals(0, w.environSizesGet(g.mem, count, size));
        assertEquals(2, g.u32(count));
        assertEquals("HOME=/home/x\0".length() + "EMPTY=\0".length(), g.u32(size));
        int env = g.alloc(8), buf = g.alloc(g.u32(size));
        assertEquals(0, w.environGet(g.mem, env, buf));
        assertEquals("HOME=/home/x", g.string(g.u32(env), 12));
        assertEquals("EMPTY=", g.string(g.u32(env + 4), 6));
    }

    @Test
    void noEnvironmentLeaksFromTheHostByDefault() {
        WasiPreview1 w = new WasiPreview1(WasiConfig.builder().build());
        int count = g.alloc(4), size = g.alloc(4);
        assertEquals(0, w.environSizesGet(g.mem, count, size));
        assertEquals(0, g.u32(count));
        assertEquals(0, g.u32(size));
    }

    @Test
    void pointerOutsideMemoryIsEfault() {
        assertEquals(Errno.EFAULT.code(), wasi().argsSizesGet(g.mem, 65534, 0));
        assertEquals(Errno.EFAULT.code(), wasi().argsGet(g.mem, -8, 0));
    }

    @Test
    void eachClockIdReadsItsSource() {
        WasiPreview1 w = wasi();
        int t = g.alloc(8);
        long[] expected = {1_700_000_000_123_456_789L, 42, 7, 9};
        for (int id = 0; id < 4; id++) {
            assertEquals(0, w.clockTimeGet(g.mem, id, 1, t));
            assertEquals(expected[id], g.u64(t), "clock " + id);
            assertEquals(0, w.clockResGet(g.mem, id, t));
            assertEquals(id == 0 ? 1000 : 1, g.u64(t));
        }
        assertEquals(Errno.EINVAL.code(), w.clockTimeGet(g.mem, 4, 1, t));
        assertEquals(Errno.EINVAL.code(), w.clockResGet(g.mem, -1, t));
    }

    @Test
    void systemClocksAdvanceAndAgreeWithTheHost() throws Exception {
        WasiPreview1 w = new WasiPreview1(WasiConfig.builder().build());
        int t = g.alloc(8);
        long before = System.currentTimeMillis() * 1_000_000L;
        assertEquals(0, w.clockTimeGet(g.mem, Flags.CLOCK_REALTIME, 1, t));
        long real = g.u64(t);
        assertEquals(true, real >= before - 1_000_000_000L && real <= before + 5_000_000_000L);
        assertEquals(0, w.clockTimeGet(g.mem, Flags.CLOCK_MONOTONIC, 1, t));
        long m1 = g.u64(t);
        Thread.sleep(5);
        assertEquals(0, w.clockTimeGet(g.mem, Flags.CLOCK_MONOTONIC, 1, t));
        assertEquals(true, g.u64(t) - m1 >= 4_000_000L);
        for (int id = 2; id <= 3; id++) {
            assertEquals(0, w.clockTimeGet(g.mem, id, 1, t));
            assertEquals(true, g.u64(t) > 0, "cpu clock " + id);
        }
    }

    @Test
    void randomGetFillsFromTheConfiguredSource() {
        int buf = g.alloc(16);
        assertEquals(0, wasi().randomGet(g.mem, buf, 16));
        byte[] expected = new byte[16];
        new Random(1234).nextBytes(expected);
        assertArrayEquals(expected, g.mem.read(buf, 16));
        assertEquals(Errno.EFAULT.code(), wasi().randomGet(g.mem, 65530, 16));
    }

    @Test
    void procExitThrowsWasiExitWithTheCode() {
        WasiExit e = assertThrows(WasiExit.class, () -> wasi().procExit(42));
        assertEquals(42, e.exitCode());
    }

    @Test
    void schedYieldAndProcRaise() {
        assertEquals(0, wasi().schedYield());
        assertEquals(Errno.ENOSYS.code(), wasi().procRaise(6));
    }

    @Test
    void errnoNumbersMatchTheWitx() {
        assertEquals(0, Errno.SUCCESS.code());
        assertEquals(1, Errno.E2BIG.code());
        assertEquals(8, Errno.EBADF.code());
        assertEquals(20, Errno.EEXIST.code());
        assertEquals(28, Errno.EINVAL.code());
        assertEquals(44, Errno.ENOENT.code());
        assertEquals(58, Errno.ENOTSUP.code());
        assertEquals(63, Errno.EPERM.code());
        assertEquals(70, Errno.ESPIPE.code());
        assertEquals(76, Errno.ENOTCAPABLE.code());
        assertEquals(Errno.ELOOP, Errno.of(32));
    }
}
