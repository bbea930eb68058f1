package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirOpsTest {
    @TempDir
    Path dir;

    @Test
    void prestatNamesThePreopenAndEndsWithEbadf() {
        WasiFixture f = new WasiFixture(dir);
        int p = f.g.alloc(8);
        assertEquals(0, f.wasi.fdPrestatGet(f.g.mem, 3, p));
        assertEquals(0, f.g.mem.readByte(p));
        assertEquals(8, f.g.u32(p + 4));
        int name = f.g.alloc(8);
        assertEquals(0, f.wasi.fdPrestatDirName(f.g.mem, 3, name, 8));
        assertEquals("/sandbox", f.g.string(name, 8));
        assertEquals(Errno.ENAMETOOLONG.code(), f.wasi.fdPrestatDirName(f.g.mem, 3, name, 4));
        assertEquals(Errno.EBADF.code(), f.wasi.fdPrestatGet(f.g.mem, 4, p));
        assertEquals(Errno.EBADF.code(), f.wasi.fdPrestatGet(f.g.mem, 1, p));
    }

    private record Dirent(long next, long ino, String name, int type) {
    }

    /** Parses complete dirents from a readdir buffer. */
    private static List<Dirent> parse(Guest g, int buf, int used) {
        List<Dirent> out = new ArrayList<>();
        int at = 0;
        while (at + 24 <= used) {
            int len = g.u32(buf + at + 16);
            if (at + 24 + len > used) {
                break;
            }
            out.add(new Dirent(g.u64(buf + at), g.u64(buf + at + 8), g.string(buf + at + 24, len),
                    g.mem.readByte(buf + at + 20)));
            at += 24 + len;
        }
        return out;
    }

    @Test
    void readdirListsEntriesAndResumesFromCookies() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "x");
        Files.createDirectory(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("c"), Path.of("b.txt"));
        WasiFixture f = new WasiFixture(dir);
        int buf = f.g.alloc(4096), used = f.g.alloc(4);
        assertEquals(0, f.wasi.fdReaddir(f.g.mem, 3, buf, 4096, 0, used));
        List<Dirent> all = parse(f.g, buf, f.g.u32(used));
        assertEquals(List.of(".", "..", "a", "b.txt", "c"), all.stream().map(Dirent::name).toList());
        assertEquals(Filetype.DIRECTORY, all.get(2).type());
        assertEquals(Filetype.REGULAR_FILE, all.get(3).type());
        assertEquals(Filetype.SYMBOLIC_LINK, all.get(4).type());
        assertEquals(Files.getAttribute(dir.resolve("b.txt"), "unix:ino"), all.get(3).ino());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).next());
        }

        // A buffer too small for everything: it comes back full, the last entry cut; resume at the last whole one.
        int small = f.g.alloc(60);
        assertEquals(0, f.wasi.fdReaddir(f.g.mem, 3, small, 60, 0, used));
        assertEquals(60, f.g.u32(used));
        List<Dirent> first = parse(f.g, small, 60);
        assertEquals(List.of(".", ".."), first.stream().map(Dirent::name).toList());
        assertEquals(0, f.wasi.fdReaddir(f.g.mem, 3, small, 60, first.get(1).next(), used));
        assertEquals("a", parse(f.g, small, f.g.u32(used)).get(0).name());
        assertEquals(0, f.wasi.fdReaddir(f.g.mem, 3, buf, 4096, 5, used));
        assertEquals(0, f.g.u32(used));
        assertEquals(Errno.ENOTDIR.code(), f.wasi.fdReaddir(f.g.mem, 1, buf, 4096, 0, used));
    }

    @Test
    void mkdirRmdirUnlink() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.call("d", (p, l) -> f.wasi.pathCreateDirectory(f.g.mem, 3, p, l)));
        assertTrue(Files.isDirectory(dir.resolve("d")));
        assertEquals(Errno.EEXIST.code(), f.call("d", (p, l) -> f.wasi.pathCreateDirectory(f.g.mem, 3, p, l)));
        assertEquals(0, f.call("d/e", (p, l) -> f.wasi.pathCreateDirectory(f.g.mem, 3, p, l)));
        assertEquals(Errno.ENOTEMPTY.code(), f.call("d", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)));
        assertEquals(Errno.EISDIR.code(), f.call("d/e", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
        assertEquals(0, f.call("d/e", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)));
        assertEquals(0, f.call("d", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)));
        assertFalse(Files.exists(dir.resolve("d")));
        assertEquals(Errno.ENOTDIR.code(), f.call("file", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)));
        assertEquals(0, f.call("file", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
        assertFalse(Files.exists(dir.resolve("file")));
        assertEquals(Errno.ENOENT.code(), f.call("file", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
    }

    @Test
    void renameMovesAndReplaces() throws Exception {
        Files.writeString(dir.resolve("a"), "A");
        Files.writeString(dir.resolve("b"), "B");
        Files.createDirectory(dir.resolve("sub"));
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.wasi.pathRename(f.g.mem, 3, f.g.str("a"), 1, 3, f.g.str("b"), 1));
        assertEquals("A", Files.readString(dir.resolve("b")));
        assertFalse(Files.exists(dir.resolve("a")));
        assertEquals(0, f.wasi.pathRename(f.g.mem, 3, f.g.str("b"), 1, 3, f.g.str("sub/c"), 5));
        assertEquals("A", Files.readString(dir.resolve("sub/c")));
        assertEquals(Errno.ENOENT.code(), f.wasi.pathRename(f.g.mem, 3, f.g.str("zz"), 2, 3, f.g.str("y"), 1));
    }

    @Test
    void hardLinkSymlinkReadlink() throws Exception {
        Files.writeString(dir.resolve("a"), "A");
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.wasi.pathLink(f.g.mem, 3, 0, f.g.str("a"), 1, 3, f.g.str("h"), 1));
        assertEquals(Files.getAttribute(dir.resolve("a"), "unix:ino"), Files.getAttribute(dir.resolve("h"),
                "unix:ino"));
        assertEquals(0, f.wasi.pathSymlink(f.g.mem, f.g.str("a"), 1, 3, f.g.str("s"), 1));
        assertTrue(Files.isSymbolicLink(dir.resolve("s")));
        int buf = f.g.alloc(16), used = f.g.alloc(4);
        assertEquals(0, f.wasi.pathReadlink(f.g.mem, 3, f.g.str("s"), 1, buf, 16, used));
        assertEquals("a", f.g.string(buf, f.g.u32(used)));
        assertEquals(Errno.EINVAL.code(), f.wasi.pathReadlink(f.g.mem, 3, f.g.str("a"), 1, buf, 16, used));

        // stat follows the link only when asked
        int st = f.g.alloc(64);
        assertEquals(0, f.wasi.pathFilestatGet(f.g.mem, 3, 0, f.g.str("s"), 1, st));
        assertEquals(Filetype.SYMBOLIC_LINK, f.g.mem.readByte(st + 16));
        assertEquals(0, f.wasi.pathFilestatGet(f.g.mem, 3, Flags.LOOKUP_SYMLINK_FOLLOW, f.g.str("s"), 1, st));
        assertEquals(Filetype.REGULAR_FILE, f.g.mem.readByte(st + 16));
        assertEquals(1, f.g.u64(st + 32));
        assertEquals(2, f.g.u64(st + 24));

        // open through the link when following; ELOOP (O_NOFOLLOW) when not
        assertEquals(0, f.open(3, "s", Flags.LOOKUP_SYMLINK_FOLLOW, 0, Rights.FD_READ, 0));
        assertEquals("A", f.read(f.lastFd, 4));
        assertEquals(Errno.ELOOP.code(), f.open(3, "s", 0, 0, Rights.FD_READ, 0));
        // unlinking the link removes the link, not its target
        assertEquals(0, f.call("s", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
        assertTrue(Files.exists(dir.resolve("a")));
    }

    @Test
    void symlinkLoopIsEloop() throws Exception {
        Files.createSymbolicLink(dir.resolve("x"), Path.of("y"));
        Files.createSymbolicLink(dir.resolve("y"), Path.of("x"));
        WasiFixture f = new WasiFixture(dir);
        assertEquals(Errno.ELOOP.code(), f.open(3, "x", Flags.LOOKUP_SYMLINK_FOLLOW, 0, Rights.FD_READ, 0));
    }

    @Test
    void renumberMovesADescriptorOverAnother() throws Exception {
        Files.writeString(dir.resolve("a"), "A");
        Files.writeString(dir.resolve("b"), "B");
        WasiFixture f = new WasiFixture(dir);
        int a = f.openOk("a", 0, Rights.FD_READ);
        int b = f.openOk("b", 0, Rights.FD_READ);
        assertEquals(0, f.wasi.fdRenumber(a, b));
        assertEquals("A", f.read(b, 4));
        assertEquals("errno " + Errno.EBADF.code(), f.read(a, 4));
        assertEquals(Errno.EBADF.code(), f.wasi.fdRenumber(a, b));
        assertEquals(Errno.EBADF.code(), f.wasi.fdRenumber(b, 77));
        assertEquals(0, f.wasi.fdRenumber(b, b));
        // the freed number is reused by the next open
        assertEquals(a, f.openOk("a", 0, Rights.FD_READ));
    }

    @Test
    void descriptorsFromPathOpenWorkAsDirectories() throws Exception {
        Files.createDirectories(dir.resolve("sub/inner"));
        Files.writeString(dir.resolve("sub/inner/f"), "deep", StandardCharsets.UTF_8);
        WasiFixture f = new WasiFixture(dir);
        assertEquals(0, f.open(3, "sub", 0, Flags.O_DIRECTORY, Rights.ALL & ~Rights.FD_WRITE, 0));
        int sub = f.lastFd;
        assertEquals(0, f.open(sub, "inner/../inner/f", 0, 0, Rights.FD_READ, 0));
        assertEquals("deep", f.read(f.lastFd, 10));
        assertEquals(0, f.wasi.fdClose(3)); // closing the preopen leaves the sub-directory usable
        assertEquals(0, f.open(sub, "inner/f", 0, 0, Rights.FD_READ, 0));
    }
}
