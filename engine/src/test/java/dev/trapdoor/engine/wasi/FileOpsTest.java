package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileOpsTest {
    @TempDir
    Path dir;

    private static final long RW = Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_TELL
            | Rights.FD_FILESTAT_GET | Rights.FD_FILESTAT_SET_SIZE | Rights.FD_FILESTAT_SET_TIMES
            | Rights.FD_ALLOCATE | Rights.FD_ADVISE | Rights.FD_SYNC | Rights.FD_DATASYNC | Rights.FD_FDSTAT_SET_FLAGS;
    private static final long RO = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_GET;

    @Test
    void createWriteSeekRead() throws Exception {
        WasiFixture f = new WasiFixture(dir);
        int fd = f.openOk("new.txt", Flags.O_CREAT, RW);
        assertTrue(fd > 3);
        assertEquals(11, f.write(fd, "hello world"));
        assertEquals("hello world", Files.readString(dir.resolve("new.txt")));
        int p = f.g.alloc(8);
        assertEquals(0, f.wasi.fdTell(f.g.mem, fd, p));
        assertEquals(11, f.g.u64(p));
        assertEquals(0, f.wasi.fdSeek(f.g.mem, fd, 6, Flags.WHENCE_SET, p));
        assertEquals(6, f.g.u64(p));
        assertEquals("world", f.read(fd, 100));
        assertEquals("", f.read(fd, 100));
        assertEquals(0, f.wasi.fdSeek(f.g.mem, fd, -5, Flags.WHENCE_END, p));
        assertEquals(6, f.g.u64(p));
        assertEquals(0, f.wasi.fdSeek(f.g.mem, fd, -1, Flags.WHENCE_CUR, p));
        assertEquals(5, f.g.u64(p));
        assertEquals(Errno.EINVAL.code(), f.wasi.fdSeek(f.g.mem, fd, -100, Flags.WHENCE_CUR, p));
        assertEquals(Errno.EINVAL.code(), f.wasi.fdSeek(f.g.mem, fd, 0, 3, p));
        assertEquals(0, f.wasi.fdClose(fd));
        assertEquals("errno " + Errno.EBADF.code(), f.read(fd, 1));
    }

    @Test
    void openMissingWithoutCreateIsEnoent() {
        WasiFixture f = new WasiFixture(dir);
        assertEquals(Errno.ENOENT.code(), f.open(3, "nope", 0, 0, RO, 0));
        assertEquals(Errno.ENOENT.code(), f.open(3, "", 0, 0, RO, 0));
        assertEquals(Errno.ENOENT.code(), f.open(3, "nodir/x", 0, Flags.O_CREAT, RW, 0));
    }

    @Test
    void exclusiveCreateAndTruncate() throws Exception {
        Files.writeString(dir.resolve("a"), "0123456789");
        WasiFixture f = new WasiFixture(dir);
        assertEquals(Errno.EEXIST.code(), f.open(3, "a", 0, Flags.O_CREAT | Flags.O_EXCL, RW, 0));
        int fd = f.openOk("a", Flags.O_TRUNC, RW);
        assertEquals(0, Files.size(dir.resolve("a")));
        assertEquals(2, f.write(fd, "xy"));
        assertEquals("xy", Files.readString(dir.resolve("a")));
    }

    @Test
    void readOnlyDescriptorCannotWriteAndWriteOnlyCannotRead() throws Exception {
        Files.writeString(dir.resolve("a"), "data");
        WasiFixture f = new WasiFixture(dir);
        int ro = f.openOk("a", 0, RO);
        assertEquals(-Errno.EBADF.code(), f.write(ro, "x"));
        assertEquals("data", Files.readString(dir.resolve("a")));
        assertEquals(Errno.ENOTCAPABLE.code(), f.wasi.fdFilestatSetSize(ro, 0));
        int wo = f.openOk("a", 0, Rights.FD_WRITE);
        assertEquals("errno " + Errno.EBADF.code(), f.read(wo, 4));
    }

    @Test
    void appendFlagWritesAtTheEnd() throws Exception {
        Files.writeString(dir.resolve("log"), "one\n");
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.open(3, "log", 0, 0, RW, Flags.FD_APPEND));
        int fd = f.lastFd;
        int p = f.g.alloc(8);
        assertEquals(0, f.wasi.fdSeek(f.g.mem, fd, 0, Flags.WHENCE_SET, p));
        f.write(fd, "two\n");
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("log")));
        int st = f.g.alloc(24);
        assertEquals(0, f.wasi.fdFdstatGet(f.g.mem, fd, st));
        assertEquals(Filetype.REGULAR_FILE, f.g.mem.readByte(st));
        assertEquals(Flags.FD_APPEND, f.g.mem.readShort(st + 2));
        assertEquals(0, f.wasi.fdFdstatSetFlags(fd, 0));
        assertEquals(0, f.wasi.fdSeek(f.g.mem, fd, 0, Flags.WHENCE_SET, p));
        f.write(fd, "ONE");
        assertEquals("ONE\ntwo\n", Files.readString(dir.resolve("log")));
        assertEquals(Errno.ENOTSUP.code(), f.wasi.fdFdstatSetFlags(fd, Flags.FD_SYNC));
    }

    @Test
    void preadAndPwriteLeaveThePositionAlone() throws Exception {
        Files.writeString(dir.resolve("a"), "abcdefgh");
        WasiFixture f = new WasiFixture(dir);
        int fd = f.openOk("a", 0, RW);
        int iov = f.g.iovs(3);
        int n = f.g.alloc(4);
        assertEquals(0, f.wasi.fdPread(f.g.mem, fd, iov, 1, 4, n));
        assertEquals(3, f.g.u32(n));
        assertEquals("efg", new String(f.g.iovBytes(iov, 0, 3), StandardCharsets.UTF_8));
        assertEquals(0, f.wasi.fdPwrite(f.g.mem, fd, f.g.iovOf("XY".getBytes()), 1, 1, n));
        assertEquals(2, f.g.u32(n));
        assertEquals("aXYdefgh", Files.readString(dir.resolve("a")));
        int p = f.g.alloc(8);
        assertEquals(0, f.wasi.fdTell(f.g.mem, fd, p));
        assertEquals(0, f.g.u64(p));
        assertEquals(0, f.wasi.fdPread(f.g.mem, fd, iov, 1, 100, n));
        assertEquals(0, f.g.u32(n));
        assertEquals(Errno.ESPIPE.code(), f.wasi.fdPread(f.g.mem, 0, iov, 1, 0, n));
    }

    @Test
    void filestatSetSizeAndAllocate() throws Exception {
        Files.writeString(dir.resolve("a"), "abcdefgh");
        WasiFixture f = new WasiFixture(dir);
        int fd = f.openOk("a", 0, RW);
        assertEquals(0, f.wasi.fdFilestatSetSize(fd, 3));
        assertEquals("abc", Files.readString(dir.resolve("a")));
        assertEquals(0, f.wasi.fdFilestatSetSize(fd, 5));
        assertEquals("abc\0\0", Files.readString(dir.resolve("a")));
        assertEquals(0, f.wasi.fdAllocate(fd, 4, 6));
        assertEquals(10, Files.size(dir.resolve("a")));
        assertEquals(0, f.wasi.fdAllocate(fd, 0, 2));
        assertEquals(10, Files.size(dir.resolve("a")));
        assertEquals(Errno.EINVAL.code(), f.wasi.fdFilestatSetSize(fd, -1));
        int st = f.g.alloc(64);
        assertEquals(0, f.wasi.fdFilestatGet(f.g.mem, fd, st));
        assertEquals(Filetype.REGULAR_FILE, f.g.mem.readByte(st + 16));
        assertEquals(10, f.g.u64(st + 32));
        assertEquals(1, f.g.u64(st + 24));
        assertEquals(Files.getAttribute(dir.resolve("a"), "unix:ino"), f.g.u64(st + 8));
        assertEquals(0, f.wasi.fdSync(fd));
        assertEquals(0, f.wasi.fdDatasync(fd));
        assertEquals(0, f.wasi.fdAdvise(fd, 0, 10, 2));
        assertEquals(Errno.EINVAL.code(), f.wasi.fdAdvise(fd, 0, 10, 9));
    }

    @Test
    void filestatSetTimesByFdAndByPath() throws Exception {
        Files.writeString(dir.resolve("a"), "x");
        WasiFixture f = new WasiFixture(dir);
        int fd = f.openOk("a", 0, RW);
        long atim = 1_600_000_000_000_000_000L, mtim = 1_500_000_000_123_456_000L;
        assertEquals(0, f.wasi.fdFilestatSetTimes(fd, atim, mtim, Flags.FST_ATIM | Flags.FST_MTIM));
        assertEquals(mtim, Files.getLastModifiedTime(dir.resolve("a")).to(TimeUnit.NANOSECONDS));
        int st = f.g.alloc(64);
        assertEquals(0, f.wasi.fdFilestatGet(f.g.mem, fd, st));
        assertEquals(atim, f.g.u64(st + 40));
        assertEquals(mtim, f.g.u64(st + 48));
        assertEquals(Errno.EINVAL.code(), f.wasi.fdFilestatSetTimes(fd, 0, 0, Flags.FST_MTIM | Flags.FST_MTIM_NOW));

        long t2 = 1_400_000_000_000_000_000L;
        assertEquals(0, f.call("a", (p, l) -> f.wasi.pathFilestatSetTimes(f.g.mem, 3, 0, p, l, 0, t2,
                Flags.FST_MTIM)));
        assertEquals(FileTime.from(t2, TimeUnit.NANOSECONDS), Files.getLastModifiedTime(dir.resolve("a")));
        long before = System.currentTimeMillis();
        assertEquals(0, f.call("a", (p, l) -> f.wasi.pathFilestatSetTimes(f.g.mem, 3, 0, p, l, 0, 0,
                Flags.FST_MTIM_NOW)));
        assertTrue(Files.getLastModifiedTime(dir.resolve("a")).toMillis() >= before - 1000);
    }

    @Test
    void directoriesOpenAsDirectories() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("file"), "x");
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.open(3, "sub", 0, Flags.O_DIRECTORY, Rights.ALL & ~Rights.FD_WRITE, 0));
        int st = f.g.alloc(24);
        assertEquals(0, f.wasi.fdFdstatGet(f.g.mem, f.lastFd, st));
        assertEquals(Filetype.DIRECTORY, f.g.mem.readByte(st));
        assertEquals(Errno.EISDIR.code(), f.open(3, "sub", 0, 0, RW, 0));
        assertEquals(Errno.ENOTDIR.code(), f.open(3, "file", 0, Flags.O_DIRECTORY, RO, 0));
        assertEquals(Errno.EINVAL.code(), f.open(3, "x", 0, Flags.O_DIRECTORY | Flags.O_CREAT, RO, 0));
        assertEquals(0, f.open(3, ".", 0, Flags.O_DIRECTORY, RO, 0));
        assertEquals("errno " + Errno.EISDIR.code(), f.read(f.lastFd, 4));
        assertEquals(Errno.ENOTDIR.code(), f.open(1, "file", 0, 0, RO, 0));
    }

    @Test
    void rightsNotInheritedAreDropped() throws Exception {
        Files.writeString(dir.resolve("a"), "data");
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.open(3, ".", 0, Flags.O_DIRECTORY, Rights.PATH_OPEN, 0));
        int sub = f.lastFd;
        int fdPtr = f.g.alloc(4);
        // The sub-directory may hand out only read rights.
        assertEquals(0, f.wasi.fdFdstatSetRights(sub, Rights.PATH_OPEN, Rights.FD_READ));
        assertEquals(Errno.ENOTCAPABLE.code(), f.wasi.fdFdstatSetRights(sub, Rights.ALL, Rights.ALL));
        assertEquals(0, f.wasi.pathOpen(f.g.mem, sub, 0, f.g.str("a"), 1, 0, RW, 0, 0, fdPtr));
        int fd = f.g.u32(fdPtr);
        assertEquals(-Errno.EBADF.code(), f.write(fd, "x"));
        assertEquals("data", f.read(fd, 10));
        assertEquals(Errno.ENOTCAPABLE.code(), f.wasi.fdFilestatGet(f.g.mem, fd, f.g.alloc(64)));
        assertFalse(Files.readString(dir.resolve("a")).contains("x"));
    }

    @Test
    void badGuestPointersAreEfaultNotExceptions() throws Exception {
        Files.writeString(dir.resolve("a"), "data");
        WasiFixture f = new WasiFixture(dir);
        int fd = f.openOk("a", 0, RW);
        int iov = f.g.alloc(8);
        f.g.mem.writeInt(iov, 65530);
        f.g.mem.writeInt(iov + 4, 100);
        assertEquals(Errno.EFAULT.code(), f.wasi.fdRead(f.g.mem, fd, iov, 1, f.g.alloc(4)));
        assertEquals(Errno.EFAULT.code(), f.wasi.fdWrite(f.g.mem, fd, iov, 1, f.g.alloc(4)));
        assertEquals(Errno.EFAULT.code(), f.wasi.pathOpen(f.g.mem, 3, 0, 65530, 100, 0, RO, 0, 0, 0));
        assertEquals(Errno.EFAULT.code(), f.wasi.fdFilestatGet(f.g.mem, fd, 65530));
        assertEquals("data", Files.readString(dir.resolve("a")));
    }
}
