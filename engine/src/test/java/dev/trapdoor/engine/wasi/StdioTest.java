package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StdioTest {
    @TempDir
    Path dir;

    @Test
    void fdWriteGathersIovecsIntoThePluggableStream() {
        WasiFixture f = new WasiFixture(dir);
        int iov = f.g.alloc(16);
        int a = f.g.str("hello, "), b = f.g.str("world\n");
        f.g.mem.writeInt(iov, a);
        f.g.mem.writeInt(iov + 4, 7);
        f.g.mem.writeInt(iov + 8, b);
        f.g.mem.writeInt(iov + 12, 6);
        int n = f.g.alloc(4);
        assertEquals(0, f.wasi.fdWrite(f.g.mem, 1, iov, 2, n));
        assertEquals(13, f.g.u32(n));
        assertEquals("hello, world\n", f.out.toString(StandardCharsets.UTF_8));
        assertEquals(4, f.write(2, "oops"));
        assertEquals("oops", f.err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fdReadScattersStdinAndReportsEndOfInput() {
        WasiFixture f = new WasiFixture(dir, "abcdefg");
        int iov = f.g.iovs(3, 10);
        int n = f.g.alloc(4);
        assertEquals(0, f.wasi.fdRead(f.g.mem, 0, iov, 2, n));
        assertEquals(7, f.g.u32(n));
        assertEquals("abc", new String(f.g.iovBytes(iov, 0, 3), StandardCharsets.UTF_8));
        assertEquals("defg", new String(f.g.iovBytes(iov, 1, 4), StandardCharsets.UTF_8));
        assertEquals(0, f.wasi.fdRead(f.g.mem, 0, iov, 2, n));
        assertEquals(0, f.g.u32(n));
    }

    @Test
    void wrongDirectionAndSeekingAreErrors() {
        WasiFixture f = new WasiFixture(dir, "x");
        assertEquals(-Errno.EBADF.code(), f.write(0, "x"));
        assertEquals("errno " + Errno.EBADF.code(), f.read(1, 4));
        int p = f.g.alloc(8);
        assertEquals(Errno.ESPIPE.code(), f.wasi.fdSeek(f.g.mem, 1, 0, Flags.WHENCE_CUR, p));
        assertEquals(Errno.ESPIPE.code(), f.wasi.fdTell(f.g.mem, 0, p));
        assertEquals(-Errno.EBADF.code(), f.write(9, "x"));
    }

    @Test
    void stdioLooksLikeATerminal() {
        WasiFixture f = new WasiFixture(dir);
        int st = f.g.alloc(24);
        assertEquals(0, f.wasi.fdFdstatGet(f.g.mem, 1, st));
        assertEquals(Filetype.CHARACTER_DEVICE, f.g.mem.readByte(st));
        long rights = f.g.u64(st + 8);
        assertEquals(Rights.FD_WRITE, rights & Rights.FD_WRITE);
        assertEquals(0, rights & (Rights.FD_SEEK | Rights.FD_TELL)); // wasi-libc's isatty needs these absent
        int fs = f.g.alloc(64);
        assertEquals(0, f.wasi.fdFilestatGet(f.g.mem, 2, fs));
        assertEquals(Filetype.CHARACTER_DEVICE, f.g.mem.readByte(fs + 16));
    }

    @Test
    void eachStreamReportsItsConfiguredFiletype() {
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdioFiletype(0, Filetype.UNKNOWN)
                .stdioFiletype(1, Filetype.REGULAR_FILE).build());
        Guest g = new Guest();
        int st = g.alloc(24);
        int[] expected = {Filetype.UNKNOWN, Filetype.REGULAR_FILE, Filetype.CHARACTER_DEVICE};
        for (int fd = 0; fd < 3; fd++) {
            assertEquals(0, wasi.fdFdstatGet(g.mem, fd, st));
            assertEquals(expected[fd], g.mem.readByte(st), "fd " + fd);
        }
    }

    @Test
    void hostModesMapToFiletypesAndOnlyATerminalIsACharacterDevice() {
        assertEquals(Filetype.REGULAR_FILE, HostStdio.filetype(0100644, "/tmp/out.txt"));
        assertEquals(Filetype.UNKNOWN, HostStdio.filetype(0010600, "pipe:[1234]"));
        assertEquals(Filetype.SOCKET_STREAM, HostStdio.filetype(0140777, "socket:[99]"));
        assertEquals(Filetype.CHARACTER_DEVICE, HostStdio.filetype(0020620, "/dev/pts/3"));
        assertEquals(Filetype.CHARACTER_DEVICE, HostStdio.filetype(0020666, "/dev/tty"));
        assertEquals(Filetype.UNKNOWN, HostStdio.filetype(0020666, "/dev/null"));
        assertEquals(Filetype.DIRECTORY, HostStdio.filetype(0040755, "/"));
    }

    @Test
    void closingStdoutThenWritingIsEbadf() {
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.wasi.fdClose(1));
        assertEquals(-Errno.EBADF.code(), f.write(1, "x"));
        assertEquals(Errno.EBADF.code(), f.wasi.fdClose(1));
    }

    @Test
    void anOpenDescriptorIsNotASocket() {
        // wasi-testsuite c/sock_shutdown-not_sock: shutdown(STDOUT_FILENO) must fail with ENOTSOCK.
        WasiFixture f = new WasiFixture(dir);
        int p = f.g.alloc(8);
        assertEquals(Errno.ENOTSOCK.code(), f.wasi.sockShutdown(1, 0));
        assertEquals(Errno.ENOTSOCK.code(), f.wasi.sockShutdown(3, 2));
        assertEquals(Errno.ENOTSOCK.code(), f.wasi.sockAccept(f.g.mem, 3, 0, p));
        assertEquals(Errno.EBADF.code(), f.wasi.sockAccept(f.g.mem, 99, 0, p));
        assertEquals(Errno.ENOTSOCK.code(), f.wasi.sockRecv(f.g.mem, 0, p, 1, 0, p, p + 4));
        assertEquals(Errno.ENOTSOCK.code(), f.wasi.sockSend(f.g.mem, 1, p, 1, 0, p));
        assertEquals(Errno.EBADF.code(), f.wasi.sockShutdown(42, 0));
    }
}
