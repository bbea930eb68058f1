package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollTest {
    @TempDir
    Path dir;

    private static void clockSub(Guest g, int at, long userdata, int clock, long timeout, int flags) {
        g.mem.writeLong(at, userdata);
        g.mem.writeByte(at + 8, (byte) Flags.EVENT_CLOCK);
        g.mem.writeInt(at + 16, clock);
        g.mem.writeLong(at + 24, timeout);
        g.mem.writeLong(at + 32, 0);
        g.mem.writeShort(at + 40, (short) flags);
    }

    private static void fdSub(Guest g, int at, long userdata, int type, int fd) {
        g.mem.writeLong(at, userdata);
        g.mem.writeByte(at + 8, (byte) type);
        g.mem.writeInt(at + 16, fd);
    }

    @Test
    void relativeClockSubscriptionSleeps() {
        WasiFixture f = new WasiFixture(dir);
        Guest g = f.g;
        int in = g.alloc(48), out = g.alloc(32), n = g.alloc(4);
        clockSub(g, in, 0xABCDEF, Flags.CLOCK_MONOTONIC, 30_000_000L, 0);
        long start = System.nanoTime();
        assertEquals(0, f.wasi.pollOneoff(g.mem, in, out, 1, n));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= 29_000_000L, "waited " + waited);
        assertEquals(1, g.u32(n));
        assertEquals(0xABCDEF, g.u64(out));
        assertEquals(0, g.mem.readShort(out + 8));
        assertEquals(Flags.EVENT_CLOCK, g.mem.readByte(out + 10));
    }

    @Test
    void absoluteRealtimeDeadlineInThePastFiresAtOnce() {
        WasiFixture f = new WasiFixture(dir);
        Guest g = f.g;
        int in = g.alloc(48), out = g.alloc(32), n = g.alloc(4);
        clockSub(g, in, 7, Flags.CLOCK_REALTIME, 1_000L, Flags.SUBSCRIPTION_CLOCK_ABSTIME);
        long start = System.nanoTime();
        assertEquals(0, f.wasi.pollOneoff(g.mem, in, out, 1, n));
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
        assertEquals(1, g.u32(n));
        assertEquals(7, g.u64(out));
    }

    @Test
    void readyDescriptorsWinOverALongTimeout() throws Exception {
        Files.writeString(dir.resolve("f"), "12345");
        WasiFixture f = new WasiFixture(dir, "input");
        int fd = f.openOk("f", 0, Rights.FD_READ | Rights.POLL_FD_READWRITE);
        Guest g = f.g;
        int in = g.alloc(48 * 4), out = g.alloc(32 * 4), n = g.alloc(4);
        clockSub(g, in, 1, Flags.CLOCK_MONOTONIC, 60_000_000_000L, 0);
        fdSub(g, in + 48, 2, Flags.EVENT_FD_WRITE, 1);
        fdSub(g, in + 96, 3, Flags.EVENT_FD_READ, fd);
        fdSub(g, in + 144, 4, Flags.EVENT_FD_READ, 0);
        assertEquals(0, f.wasi.pollOneoff(g.mem, in, out, 4, n));
        assertEquals(3, g.u32(n));
        assertEquals(2, g.u64(out));
        assertEquals(Flags.EVENT_FD_WRITE, g.mem.readByte(out + 10));
        assertEquals(3, g.u64(out + 32));
        assertEquals(5, g.u64(out + 32 + 16));
        assertEquals(4, g.u64(out + 64));
        assertEquals(5, g.u64(out + 64 + 16));
    }

    @Test
    void stdinWithoutDataWaitsForIt() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed);
        Guest g = new Guest();
        WasiPreview1 w = new WasiPreview1(WasiConfig.builder().stdin(stdin).build());
        int in = g.alloc(48), out = g.alloc(32), n = g.alloc(4);
        fdSub(g, in, 9, Flags.EVENT_FD_READ, 0);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(50);
                feed.write("x\n".getBytes());
                feed.flush();
            } catch (Exception ignored) {
                // the assertion below reports it
            }
        });
        writer.start();
        assertEquals(0, w.pollOneoff(g.mem, in, out, 1, n));
        writer.join();
        assertEquals(1, g.u32(n));
        assertEquals(9, g.u64(out));
        assertTrue(g.u64(out + 16) >= 1);
        // the byte poll looked at is still there to read
        int iov = g.iovs(4);
        assertEquals(0, w.fdRead(g.mem, 0, iov, 1, n));
        assertEquals("x\n", new String(g.iovBytes(iov, 0, g.u32(n))));
    }

    @Test
    void stdinAtEndOfInputIsAHangup() {
        WasiFixture f = new WasiFixture(dir, "");
        Guest g = f.g;
        int in = g.alloc(48), out = g.alloc(32), n = g.alloc(4);
        fdSub(g, in, 5, Flags.EVENT_FD_READ, 0);
        assertEquals(0, f.wasi.pollOneoff(g.mem, in, out, 1, n));
        assertEquals(1, g.u32(n));
        assertEquals(Flags.EVENT_FD_READWRITE_HANGUP, g.mem.readShort(out + 24));
    }

    @Test
    void badSubscriptionsReportErrors() {
        WasiFixture f = new WasiFixture(dir);
        Guest g = f.g;
        int in = g.alloc(96), out = g.alloc(64), n = g.alloc(4);
        assertEquals(Errno.EINVAL.code(), f.wasi.pollOneoff(g.mem, in, out, 0, n));
        fdSub(g, in, 1, Flags.EVENT_FD_READ, 42);
        clockSub(g, in + 48, 2, 99, 0, 0);
        assertEquals(0, f.wasi.pollOneoff(g.mem, in, out, 2, n));
        assertEquals(2, g.u32(n));
        assertEquals(Errno.EBADF.code(), g.mem.readShort(out + 8));
        assertEquals(Errno.EINVAL.code(), g.mem.readShort(out + 32 + 8));
    }
}
