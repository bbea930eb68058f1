package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per class of failure the wasi-testsuite preview-1 programs found (integration-tests/wasi-testsuite/run.py
 * runs the suite itself), plus the preview-1 corners the suite checks only loosely, as wasmtime answers them.
 */
class ConformanceRegressionTest {
    private static final long RO = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_FILESTAT_GET;

    @TempDir
    Path dir;

    /** The suite's Rust programs: {@code --dir HOST::/}, then {@code path_open(".")} and O_CREAT with no rights. */
    @Test
    void createWithNoRightsThroughADotDescriptorUnderASlashPreopen() throws Exception {
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().stdout(new ByteArrayOutputStream())
                .preopen(dir, "/").build());
        Guest g = new Guest();
        int fdPtr = g.alloc(4);
        int name = g.alloc(4);
        assertEquals(0, wasi.fdPrestatDirName(g.mem, 3, name, 1));
        assertEquals("/", g.string(name, 1));
        // The suite asks for the preopen's own rights (fd_fdstat_get), which hold no FD_WRITE.
        assertEquals(0, wasi.pathOpen(g.mem, 3, 0, g.str("."), 1, Flags.O_DIRECTORY, Rights.DIRECTORY, Rights.ALL,
                0, fdPtr));
        int dot = g.u32(fdPtr);
        assertEquals(0, wasi.pathOpen(g.mem, dot, 0, g.str("new.cleanup"), 11, Flags.O_CREAT, 0, 0, 0, fdPtr));
        assertTrue(Files.isRegularFile(dir.resolve("new.cleanup")));
        assertEquals(0, wasi.fdClose(g.u32(fdPtr)));
        // Opened again without O_CREAT, and created again after an unlink while nothing holds it.
        assertEquals(0, wasi.pathOpen(g.mem, dot, 0, g.str("new.cleanup"), 11, 0, 0, 0, 0, fdPtr));
        assertEquals(0, wasi.pathUnlinkFile(g.mem, dot, g.str("new.cleanup"), 11));
        assertEquals(0, wasi.pathOpen(g.mem, dot, 0, g.str("new.cleanup"), 11, Flags.O_CREAT, 0, 0, 0, fdPtr));
        assertTrue(Files.exists(dir.resolve("new.cleanup")));
    }

    @Test
    void aTrailingSlashNamesADirectory() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Files.createDirectory(dir.resolve("sub"));
        WasiFixture f = new WasiFixture(dir);
        assertEquals(Errno.ENOTDIR.code(), f.open(3, "file/", 0, 0, RO, 0));
        assertEquals(Errno.ENOTDIR.code(), f.open(3, "file/", Flags.LOOKUP_SYMLINK_FOLLOW, 0, RO, 0));
        assertEquals(Errno.ENOTDIR.code(), f.call("file/", (p, l) -> f.wasi.pathFilestatGet(f.g.mem, 3, 0, p, l,
                f.g.alloc(64))));
        assertEquals(Errno.ENOTDIR.code(), f.call("file/", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
        assertEquals(0, f.open(3, "sub/", 0, Flags.O_DIRECTORY, RO, 0));
        assertEquals(0, f.call("made/", (p, l) -> f.wasi.pathCreateDirectory(f.g.mem, 3, p, l)));
        assertTrue(Files.isDirectory(dir.resolve("made")));
        assertEquals(0, f.call("made/", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)));
        assertTrue(Files.exists(dir.resolve("file")));
    }

    /** Linux: a link's new name with a trailing slash is ENOENT if free, EEXIST on a directory, ENOTDIR on a file. */
    @Test
    void aLinkCannotBeNamedWithATrailingSlash() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Files.createDirectory(dir.resolve("sub"));
        WasiFixture f = new WasiFixture(dir);
        int file = f.g.str("file");
        assertEquals(Errno.ENOENT.code(), f.call("link/", (p, l) -> f.wasi.pathLink(f.g.mem, 3, 0, file, 4, 3, p,
                l)));
        assertEquals(Errno.ENOENT.code(), f.call("target/", (p, l) -> f.wasi.pathSymlink(f.g.mem, file, 4, 3, p,
                l)));
        assertEquals(Errno.EEXIST.code(), f.call("sub/", (p, l) -> f.wasi.pathSymlink(f.g.mem, file, 4, 3, p,
                l)));
        assertEquals(Errno.ENOTDIR.code(), f.call("file/", (p, l) -> f.wasi.pathSymlink(f.g.mem, file, 4, 3, p,
                l)));
        assertEquals(0, f.call("target", (p, l) -> f.wasi.pathSymlink(f.g.mem, file, 4, 3, p, l)));
        assertTrue(Files.isSymbolicLink(dir.resolve("target")));
        assertEquals(false, Files.exists(dir.resolve("link"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void noFollowOnALinkIsEloopAndStatSeesTheLink() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("to-file"), Path.of("file"));
        Files.createSymbolicLink(dir.resolve("to-sub"), Path.of("sub"));
        WasiFixture f = new WasiFixture(dir);
        assertEquals(Errno.ELOOP.code(), f.open(3, "to-file", 0, 0, RO, 0));
        assertEquals(Errno.ELOOP.code(), f.open(3, "to-sub", 0, Flags.O_DIRECTORY, RO, 0));
        assertEquals(0, f.open(3, "to-sub", Flags.LOOKUP_SYMLINK_FOLLOW, Flags.O_DIRECTORY, RO, 0));
        // Through a trailing slash the link is followed even without symlink_follow, as in POSIX.
        assertEquals(0, f.open(3, "to-sub/", 0, Flags.O_DIRECTORY, RO, 0));
        int st = f.g.alloc(64);
        assertEquals(0, f.call("to-file", (p, l) -> f.wasi.pathFilestatGet(f.g.mem, 3, 0, p, l, st)));
        assertEquals(Filetype.SYMBOLIC_LINK, f.g.mem.readByte(st + 16));
        assertEquals(0, f.call("to-file", (p, l) -> f.wasi.pathFilestatGet(f.g.mem, 3,
                Flags.LOOKUP_SYMLINK_FOLLOW, p, l, st)));
        assertEquals(Filetype.REGULAR_FILE, f.g.mem.readByte(st + 16));
    }

    @Test
    void symlinkLoopsAreEloopWhereverTheyAreMet() throws Exception {
        Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        Files.createSymbolicLink(dir.resolve("self"), Path.of("self/x"));
        WasiFixture f = new WasiFixture(dir);
        assertEquals(Errno.ELOOP.code(), f.open(3, "a", Flags.LOOKUP_SYMLINK_FOLLOW, 0, RO, 0));
        assertEquals(Errno.ELOOP.code(), f.open(3, "a/x", 0, 0, RO, 0));
        assertEquals(Errno.ELOOP.code(), f.open(3, "self", Flags.LOOKUP_SYMLINK_FOLLOW, 0, RO, 0));
        assertEquals(Errno.ELOOP.code(), f.open(3, "a", Flags.LOOKUP_SYMLINK_FOLLOW, Flags.O_CREAT, RO, 0));
        // Without following, the loop is just a link: it can be stat'ed and removed.
        assertEquals(0, f.call("a", (p, l) -> f.wasi.pathFilestatGet(f.g.mem, 3, 0, p, l, f.g.alloc(64))));
        assertEquals(0, f.call("a", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
    }

    /** wasi-testsuite symlink_filestat: a link's own mtim set to {@code mtim - 200} ns reads back exactly. */
    @Test
    void aLinksOwnTimesKeepNanoseconds() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        WasiFixture f = new WasiFixture(dir);
        long mtim = 1_700_000_000_123_456_789L;
        assertEquals(0, f.call("link", (p, l) -> f.wasi.pathFilestatSetTimes(f.g.mem, 3, 0, p, l, 0, mtim,
                Flags.FST_MTIM)));
        int st = f.g.alloc(64);
        assertEquals(0, f.call("link", (p, l) -> f.wasi.pathFilestatGet(f.g.mem, 3, 0, p, l, st)));
        assertEquals(mtim, f.g.u64(st + 48));
        // The file behind it is untouched.
        assertTrue(Files.getLastModifiedTime(dir.resolve("file")).to(TimeUnit.NANOSECONDS) != mtim);
    }

    @Test
    void setTimesWithNowFlags() throws Exception {
        Files.writeString(dir.resolve("a"), "x");
        FileTime old = FileTime.from(1_000_000_000_000_000_000L, TimeUnit.NANOSECONDS);
        Files.setAttribute(dir.resolve("a"), "lastAccessTime", old);
        Files.setLastModifiedTime(dir.resolve("a"), old);
        WasiFixture f = new WasiFixture(dir);
        long before = System.currentTimeMillis() - 1000;
        assertEquals(0, f.call("a", (p, l) -> f.wasi.pathFilestatSetTimes(f.g.mem, 3, 0, p, l, 0, 0,
                Flags.FST_ATIM_NOW)));
        assertTrue(((FileTime) Files.getAttribute(dir.resolve("a"), "lastAccessTime")).toMillis() >= before);
        assertEquals(old, Files.getLastModifiedTime(dir.resolve("a")), "mtim untouched without an mtim flag");
        assertEquals(0, f.call("a", (p, l) -> f.wasi.pathFilestatSetTimes(f.g.mem, 3, 0, p, l, 0, 0,
                Flags.FST_MTIM_NOW | Flags.FST_ATIM)));
        assertTrue(Files.getLastModifiedTime(dir.resolve("a")).toMillis() >= before);
        assertEquals(0L, ((FileTime) Files.getAttribute(dir.resolve("a"), "lastAccessTime")).toMillis());
        for (int bad : new int[] {Flags.FST_ATIM | Flags.FST_ATIM_NOW, Flags.FST_MTIM | Flags.FST_MTIM_NOW, 0x10}) {
            assertEquals(Errno.EINVAL.code(), f.call("a", (p, l) -> f.wasi.pathFilestatSetTimes(f.g.mem, 3, 0, p, l,
                    0, 0, bad)), "fst_flags " + bad);
        }
    }

    @Test
    void fdstatSetFlagsNeedsItsRightAndChangesOnlyAppendAndNonblock() throws Exception {
        Files.writeString(dir.resolve("a"), "abc");
        WasiFixture f = new WasiFixture(dir);
        long rw = RO | Rights.FD_WRITE;
        int fd = f.openOk("a", 0, rw);
        assertEquals(Errno.ENOTCAPABLE.code(), f.wasi.fdFdstatSetFlags(fd, Flags.FD_APPEND));
        int withRight = f.openOk("a", 0, rw | Rights.FD_FDSTAT_SET_FLAGS);
        assertEquals(0, f.wasi.fdFdstatSetFlags(withRight, Flags.FD_APPEND | Flags.FD_NONBLOCK));
        int st = f.g.alloc(24);
        assertEquals(0, f.wasi.fdFdstatGet(f.g.mem, withRight, st));
        assertEquals(Flags.FD_APPEND | Flags.FD_NONBLOCK, f.g.mem.readByte(st + 2));
        assertEquals(1, f.write(withRight, "d"));
        assertEquals("abcd", Files.readString(dir.resolve("a")));
        assertEquals(Errno.ENOTSUP.code(), f.wasi.fdFdstatSetFlags(withRight, Flags.FD_SYNC));
        assertEquals(Errno.EINVAL.code(), f.wasi.fdFdstatSetFlags(withRight, 0x40));
        assertEquals(0, f.wasi.fdFdstatSetRights(withRight, RO, 0));
        assertEquals(-Errno.EBADF.code(), f.write(withRight, "e"));
        assertEquals(Errno.ENOTCAPABLE.code(), f.wasi.fdFdstatSetFlags(withRight, 0));
    }
}
