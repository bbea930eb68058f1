package dev.trapdoor.engine.wasi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every way out of a preopen, tried for real in a temp dir: {@code tmp/root} is preopened, {@code tmp/outside}
 * holds a secret. Each escape must fail with ENOTCAPABLE (or EPERM), and after each test the outside must be exactly
 * as it was and the secret must never have reached guest memory.
 */
class SandboxEscapeTest {
    private static final String SECRET = "SECRET-CONTENTS";
    private static final int FOLLOW = Flags.LOOKUP_SYMLINK_FOLLOW;
    private static final long RW = Rights.FD_READ | Rights.FD_WRITE | Rights.FD_FILESTAT_SET_SIZE;

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Path secret;
    FileTime secretMtime;
    WasiFixture f;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), SECRET);
        secretMtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(secret, secretMtime);
        Files.createDirectory(root.resolve("a"));
        Files.writeString(root.resolve("inside.txt"), "inside");
        Files.createSymbolicLink(root.resolve("rel-link"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("abs-link"), secret.toAbsolutePath());
        Files.createSymbolicLink(root.resolve("dir-link"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("abs-dir-link"), outside.toAbsolutePath());
        Files.createSymbolicLink(root.resolve("a/up-link"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(root.resolve("chain2"), Path.of("a/up-link"));
        Files.createSymbolicLink(root.resolve("dangling-out"), Path.of("../outside/new.txt"));
        f = new WasiFixture(root);
    }

    @AfterEach
    void outsideIsUntouched() throws Exception {
        assertEquals(SECRET, Files.readString(secret));
        assertEquals(secretMtime, Files.getLastModifiedTime(secret));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(secret), s.toList(), "nothing was created or moved outside");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count(), "nothing was created next to the preopen");
        }
        byte[] all = f.g.mem.read(0, f.g.mem.byteSize());
        String mem = new String(all, StandardCharsets.ISO_8859_1);
        assertFalse(mem.contains(SECRET), "the secret reached guest memory");
    }

    private static void assertDenied(int errno, String what) {
        if (errno != Errno.ENOTCAPABLE.code() && errno != Errno.EPERM.code()) {
            fail(what + ": expected ENOTCAPABLE or EPERM, got " + errno + " (" + Errno.of(errno) + ")");
        }
    }

    private void assertOpenDenied(String path, int lookup, int oflags) {
        int e = f.open(3, path, lookup, oflags, RW, 0);
        if (e == 0) {
            // Make sure a test failure shows what leaked.
            fail("opened " + path + ": " + f.read(f.lastFd, 100));
        }
        assertDenied(e, "open " + path);
    }

    @Test
    void dotDotOutOfThePreopen() {
        assertOpenDenied("../outside/secret.txt", 0, 0);
        assertOpenDenied("..", 0, Flags.O_DIRECTORY);
        assertOpenDenied("a/../../outside/secret.txt", FOLLOW, 0);
        assertOpenDenied("./a/./../..//outside/secret.txt", FOLLOW, 0);
        assertOpenDenied("../root/../outside/secret.txt", FOLLOW, 0);
    }

    @Test
    void absolutePaths() {
        assertOpenDenied("/etc/passwd", FOLLOW, 0);
        assertOpenDenied(secret.toAbsolutePath().toString(), FOLLOW, 0);
        assertOpenDenied("/", 0, Flags.O_DIRECTORY);
    }

    @Test
    void symlinksPointingOutside() {
        assertOpenDenied("rel-link", FOLLOW, 0);
        assertOpenDenied("abs-link", FOLLOW, 0);
        assertOpenDenied("a/up-link", FOLLOW, 0);
        assertOpenDenied("chain1", FOLLOW, 0);
        assertOpenDenied("dir-link/secret.txt", 0, 0);
        assertOpenDenied("abs-dir-link/secret.txt", 0, 0);
        assertOpenDenied("dir-link", FOLLOW, Flags.O_DIRECTORY);
        // Without symlink_follow the link itself is the target: O_NOFOLLOW refuses it, nothing is read.
        assertEquals(Errno.ELOOP.code(), f.open(3, "rel-link", 0, 0, RW, 0));
    }

    @Test
    void creatingOrWritingThroughALinkToOutside() {
        assertOpenDenied("rel-link", FOLLOW, Flags.O_CREAT | Flags.O_TRUNC);
        assertOpenDenied("dangling-out", FOLLOW, Flags.O_CREAT);
        assertOpenDenied("dir-link/new.txt", FOLLOW, Flags.O_CREAT);
        assertOpenDenied("abs-dir-link/new.txt", 0, Flags.O_CREAT | Flags.O_EXCL);
        assertOpenDenied("../outside/new.txt", 0, Flags.O_CREAT);
        assertEquals(Errno.ELOOP.code(), f.open(3, "dangling-out", 0, Flags.O_CREAT, RW, 0));
        assertDenied(f.call("dir-link/newdir", (p, l) -> f.wasi.pathCreateDirectory(f.g.mem, 3, p, l)), "mkdir");
        assertDenied(f.call("../newdir", (p, l) -> f.wasi.pathCreateDirectory(f.g.mem, 3, p, l)), "mkdir ..");
    }

    @Test
    void removingOutside() throws Exception {
        assertDenied(f.call("../outside/secret.txt", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)), "unlink");
        assertDenied(f.call("dir-link/secret.txt", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)), "unlink");
        assertDenied(f.call("../outside", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)), "rmdir");
        assertDenied(f.call("..", (p, l) -> f.wasi.pathRemoveDirectory(f.g.mem, 3, p, l)), "rmdir ..");
        // Unlinking the link itself is fine and leaves its target alone.
        assertEquals(0, f.call("rel-link", (p, l) -> f.wasi.pathUnlinkFile(f.g.mem, 3, p, l)));
        assertFalse(Files.exists(root.resolve("rel-link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void renameIntoOrOutOfThePreopen() {
        Guest g = f.g;
        assertDenied(f.wasi.pathRename(g.mem, 3, g.str("inside.txt"), 10, 3, g.str("../outside/moved"), 16),
                "rename out");
        assertDenied(f.wasi.pathRename(g.mem, 3, g.str("inside.txt"), 10, 3, g.str("dir-link/moved"), 14),
                "rename through link");
        assertDenied(f.wasi.pathRename(g.mem, 3, g.str("../outside/secret.txt"), 21, 3, g.str("stolen"), 6),
                "rename in");
        assertDenied(f.wasi.pathRename(g.mem, 3, g.str("dir-link/secret.txt"), 19, 3, g.str("stolen"), 6),
                "rename in through link");
        assertTrue(Files.exists(root.resolve("inside.txt")));
    }

    @Test
    void hardLinksToOrFromOutside() {
        Guest g = f.g;
        assertDenied(f.wasi.pathLink(g.mem, 3, 0, g.str("../outside/secret.txt"), 21, 3, g.str("h"), 1), "link in");
        assertDenied(f.wasi.pathLink(g.mem, 3, FOLLOW, g.str("rel-link"), 8, 3, g.str("h"), 1), "link via symlink");
        assertDenied(f.wasi.pathLink(g.mem, 3, 0, g.str("dir-link/secret.txt"), 19, 3, g.str("h"), 1),
                "link via dir symlink");
        assertDenied(f.wasi.pathLink(g.mem, 3, 0, g.str("inside.txt"), 10, 3, g.str("../outside/h"), 12),
                "link out");
        assertFalse(Files.exists(root.resolve("h")));
    }

    @Test
    void symlinksWhoseTargetIsOutside() {
        Guest g = f.g;
        assertDenied(f.wasi.pathSymlink(g.mem, g.str("../outside/secret.txt"), 21, 3, g.str("s"), 1), "relative");
        assertDenied(f.wasi.pathSymlink(g.mem, g.str("/etc/passwd"), 11, 3, g.str("s"), 1), "absolute");
        assertDenied(f.wasi.pathSymlink(g.mem, g.str("x/../../y"), 9, 3, g.str("s"), 1), "x/../../y");
        assertDenied(f.wasi.pathSymlink(g.mem, g.str("../../outside"), 13, 3, g.str("a/s"), 3), "from a subdir");
        assertDenied(f.wasi.pathSymlink(g.mem, g.str("inside.txt"), 10, 3, g.str("../outside/s"), 12),
                "link placed outside");
        assertFalse(Files.exists(root.resolve("s"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        // A link that climbs out of a subdirectory but stays inside is allowed.
        assertEquals(0, f.wasi.pathSymlink(g.mem, g.str("../inside.txt"), 13, 3, g.str("a/ok"), 4));
        assertEquals(0, f.open(3, "a/ok", FOLLOW, 0, Rights.FD_READ, 0));
        assertEquals("inside", f.read(f.lastFd, 10));
    }

    @Test
    void metadataOutsideCannotBeReadOrChanged() {
        Guest g = f.g;
        int st = g.alloc(64);
        assertDenied(f.wasi.pathFilestatGet(g.mem, 3, 0, g.str("../outside/secret.txt"), 21, st), "stat");
        assertDenied(f.wasi.pathFilestatGet(g.mem, 3, FOLLOW, g.str("rel-link"), 8, st), "stat via link");
        assertDenied(f.wasi.pathFilestatSetTimes(g.mem, 3, FOLLOW, g.str("abs-link"), 8, 0, 5_000_000_000L,
                Flags.FST_MTIM), "utimes via link");
        assertDenied(f.wasi.pathFilestatSetTimes(g.mem, 3, 0, g.str("dir-link/secret.txt"), 19, 0, 0,
                Flags.FST_MTIM_NOW), "utimes via dir link");
        int buf = g.alloc(64), used = g.alloc(4);
        assertDenied(f.wasi.pathReadlink(g.mem, 3, g.str("../x"), 4, buf, 64, used), "readlink");
    }

    @Test
    void aDirectoryDescriptorIsItsOwnBoundary() {
        assertEquals(0, f.open(3, "a", 0, Flags.O_DIRECTORY, Rights.ALL & ~Rights.FD_WRITE, 0));
        int a = f.lastFd;
        assertDenied(f.open(a, "../inside.txt", 0, 0, RW, 0), "up from a");
        assertDenied(f.open(a, "../../outside/secret.txt", 0, 0, RW, 0), "two up from a");
        assertDenied(f.open(a, "up-link", FOLLOW, 0, RW, 0), "link from a");
    }

    @Test
    void noEscapeWithLongPathsOrNulBytes() {
        assertOpenDenied("a/".repeat(1) + "../".repeat(50) + "outside/secret.txt", 0, 0);
        assertEquals(Errno.EILSEQ.code(), f.open(3, "inside.txt\0../../outside/secret.txt", 0, 0, RW, 0));
    }

    /**
     * Descriptor tricks: a file used as a directory, a directory fd renumbered over the preopen, closed, stale,
     * negative and huge fds (issue 26).
     */
    @Test
    void descriptorTricks() throws Exception {
        Guest g = f.g;
        // A file descriptor as the base of a path lookup.
        assertEquals(0, f.open(3, "inside.txt", 0, 0, Rights.FD_READ, 0));
        int file = f.lastFd;
        int e = f.open(file, "../outside/secret.txt", 0, 0, RW, 0);
        assertTrue(e != 0, "a file is no directory");
        // A subdirectory renumbered over the preopen is still bounded by itself.
        assertEquals(0, f.open(3, "a", 0, Flags.O_DIRECTORY, Rights.ALL & ~Rights.FD_WRITE, 0));
        int a = f.lastFd;
        assertEquals(0, f.wasi.fdRenumber(a, 3));
        assertDenied(f.open(3, "../inside.txt", 0, 0, RW, 0), "up from a renumbered over 3");
        assertDenied(f.open(3, "../../outside/secret.txt", 0, 0, RW, 0), "two up from the renumbered fd");
        // Closed, stale, negative and huge descriptors.
        assertEquals(Errno.EBADF.code(), f.open(a, "../outside/secret.txt", 0, 0, RW, 0), "a's old number");
        assertEquals(0, f.wasi.fdClose(file));
        for (int bad : new int[]{file, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 20}) {
            assertEquals(Errno.EBADF.code(), f.open(bad, "inside.txt", 0, 0, RW, 0), "fd " + bad);
            int buf = g.alloc(16);
            assertEquals(Errno.EBADF.code(), f.wasi.fdPrestatDirName(g.mem, bad, buf, 16), "prestat of " + bad);
        }
        assertEquals(Errno.EBADF.code(), f.wasi.fdRenumber(-1, 0), "renumber from a bad fd");
    }

    @Test
    void rightsOnlyShrink() throws Exception {
        assertEquals(0, f.open(3, "inside.txt", 0, 0, Rights.FD_READ, 0));
        int ro = f.lastFd;
        assertTrue(f.wasi.fdFdstatSetRights(ro, Rights.FD_READ | Rights.FD_WRITE, 0) != 0, "widening refused");
        Guest g = f.g;
        int iov = g.alloc(8);
        int data = g.str("overwritten");
        g.mem.writeInt(iov, data);
        g.mem.writeInt(iov + 4, 11);
        int n = g.alloc(4);
        assertTrue(f.wasi.fdWrite(g.mem, ro, iov, 1, n) != 0, "a read-only fd cannot write");
        assertEquals("inside", Files.readString(root.resolve("inside.txt")));
    }
}
