package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code path_*} calls. Every guest path goes through {@link Sandbox#resolve} against the directory descriptor
 * it is relative to, and the host operation then acts on the resolved path without following a final link.
 */
final class PathCalls {
    private final FdTable table;
    private final WasiClocks clocks;

    PathCalls(FdTable table, WasiClocks clocks) {
        this.table = table;
        this.clocks = clocks;
    }

    int open(MemoryInstance mem, int dirFd, int lookupFlags, int pathPtr, int pathLen, int oflags, long rightsBase,
             long rightsInheriting, int fdflags, int fdPtr) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_OPEN);
            String guest = GuestMemory.string(mem, pathPtr, pathLen);
            boolean create = (oflags & Flags.O_CREAT) != 0;
            boolean trunc = (oflags & Flags.O_TRUNC) != 0;
            boolean wantDir = (oflags & Flags.O_DIRECTORY) != 0;
            if ((oflags & ~0xF) != 0 || (create && wantDir)) {
                throw new ErrnoException(Errno.EINVAL);
            }
            if (create) {
                dir.require(Rights.PATH_CREATE_FILE);
            }
            if (trunc) {
                dir.require(Rights.PATH_FILESTAT_SET_SIZE);
            }
            Path host = Sandbox.resolve(dir.hostPath, guest, follows(lookupFlags));
            // Rights the guest asks for but the directory may not pass on are dropped, as wasmtime does.
            long base = rightsBase & dir.rightsInheriting;
            long inheriting = rightsInheriting & dir.rightsInheriting;

            BasicFileAttributes attrs = lstatOrNull(host);
            if (attrs != null && (create && (oflags & Flags.O_EXCL) != 0)) {
                throw new ErrnoException(Errno.EEXIST);
            }
            if (attrs != null && attrs.isSymbolicLink()) {
                // Only reached without symlink_follow: O_NOFOLLOW semantics.
                throw new ErrnoException(Errno.ELOOP);
            }
            if (attrs != null && attrs.isDirectory()) {
                if (trunc || (base & Rights.FD_WRITE) != 0) {
                    throw new ErrnoException(Errno.EISDIR);
                }
                int fd = table.insert(new DirFd(host, null, base & Rights.DIRECTORY, inheriting));
                GuestMemory.writeU32(mem, fdPtr, fd);
                return;
            }
            if (wantDir) {
                throw new ErrnoException(attrs == null ? Errno.ENOENT : Errno.ENOTDIR);
            }
            if (attrs == null && !create) {
                throw new ErrnoException(Errno.ENOENT);
            }
            boolean write = (base & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) != 0
                    || trunc;
            boolean read = (base & (Rights.FD_READ | Rights.FD_READDIR)) != 0 || !write;
            Set<OpenOption> opts = new HashSet<>();
            opts.add(LinkOption.NOFOLLOW_LINKS);
            if (read) {
                opts.add(StandardOpenOption.READ);
            }
            if (write) {
                opts.add(StandardOpenOption.WRITE);
            }
            if (create) {
                opts.add((oflags & Flags.O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
                if (attrs == null) {
                    // The JDK ignores CREATE on a channel opened only for reading; the descriptor's rights, not
                    // the channel's mode, decide what the guest may do with it.
                    opts.add(StandardOpenOption.WRITE);
                }
            }
            if (trunc) {
                opts.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            if ((fdflags & (Flags.FD_DSYNC | Flags.FD_RSYNC)) != 0) {
                opts.add(StandardOpenOption.DSYNC);
            }
            if ((fdflags & Flags.FD_SYNC) != 0) {
                opts.add(StandardOpenOption.SYNC);
            }
            FileChannel ch = FileChannel.open(host, opts);
            int fd;
            try {
                fd = table.insert(new FileFd(ch, host, base & Rights.REGULAR_FILE, inheriting, fdflags & 0x1F));
            } catch (ErrnoException e) {
                ch.close();
                throw e;
            }
            GuestMemory.writeU32(mem, fdPtr, fd);
        });
    }

    int createDirectory(MemoryInstance mem, int dirFd, int pathPtr, int pathLen) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_CREATE_DIRECTORY);
            Files.createDirectory(resolve(mem, dir, pathPtr, pathLen, false));
        });
    }

    int removeDirectory(MemoryInstance mem, int dirFd, int pathPtr, int pathLen) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_REMOVE_DIRECTORY);
            Path p = resolve(mem, dir, pathPtr, pathLen, false);
            if (p.equals(dir.hostPath)) {
                throw new ErrnoException(Errno.EBUSY); // "." is the descriptor's own directory
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            Files.delete(p);
        });
    }

    int unlinkFile(MemoryInstance mem, int dirFd, int pathPtr, int pathLen) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_UNLINK_FILE);
            String guest = GuestMemory.string(mem, pathPtr, pathLen);
            Path p = Sandbox.resolve(dir.hostPath, guest, false);
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                throw new ErrnoException(Errno.EISDIR);
            }
            if (guest.endsWith("/")) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            Files.delete(p);
        });
    }

    int rename(MemoryInstance mem, int oldFd, int oldPtr, int oldLen, int newFd, int newPtr, int newLen) {
        return Calls.guard(() -> {
            DirFd from = dir(oldFd, Rights.PATH_RENAME_SOURCE);
            DirFd to = dir(newFd, Rights.PATH_RENAME_TARGET);
            Path src = resolve(mem, from, oldPtr, oldLen, false);
            Path dst = resolve(mem, to, newPtr, newLen, false);
            Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS); // ENOENT first
            // ATOMIC_MOVE is rename(2) on POSIX: it replaces the target and never copies across devices.
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    int link(MemoryInstance mem, int oldFd, int oldFlags, int oldPtr, int oldLen, int newFd, int newPtr,
             int newLen) {
        return Calls.guard(() -> {
            DirFd from = dir(oldFd, Rights.PATH_LINK_SOURCE);
            DirFd to = dir(newFd, Rights.PATH_LINK_TARGET);
            Path existing = resolve(mem, from, oldPtr, oldLen, follows(oldFlags));
            Path link = newName(mem, to, newPtr, newLen);
            if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw new ErrnoException(Errno.EPERM);
            }
            Files.createLink(link, existing);
        });
    }

    int symlink(MemoryInstance mem, int oldPtr, int oldLen, int dirFd, int newPtr, int newLen) {
        return Calls.guard(() -> {
            String target = GuestMemory.string(mem, oldPtr, oldLen);
            DirFd dir = dir(dirFd, Rights.PATH_SYMLINK);
            Path link = newName(mem, dir, newPtr, newLen);
            Sandbox.checkLinkTarget(dir.hostPath, link.getParent(), target);
            Files.createSymbolicLink(link, Path.of(target));
        });
    }

    int readlink(MemoryInstance mem, int dirFd, int pathPtr, int pathLen, int buf, int bufLen, int bufusedPtr) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_READLINK);
            if (!mem.inBounds(Integer.toUnsignedLong(buf), Integer.toUnsignedLong(bufLen))) {
                throw new ErrnoException(Errno.EFAULT); // the whole buffer the guest claims, as wasmtime checks
            }
            Path p = resolve(mem, dir, pathPtr, pathLen, false);
            byte[] target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
            mem.write(Integer.toUnsignedLong(buf), target, 0, n);
            GuestMemory.writeU32(mem, bufusedPtr, n);
        });
    }

    int filestatGet(MemoryInstance mem, int dirFd, int lookupFlags, int pathPtr, int pathLen, int statPtr) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_FILESTAT_GET);
            Path p = resolve(mem, dir, pathPtr, pathLen, follows(lookupFlags));
            FileStats.stat(p, false).write(mem, statPtr);
        });
    }

    int filestatSetTimes(MemoryInstance mem, int dirFd, int lookupFlags, int pathPtr, int pathLen, long atim,
                         long mtim, int fstFlags) {
        return Calls.guard(() -> {
            DirFd dir = dir(dirFd, Rights.PATH_FILESTAT_SET_TIMES);
            Path p = resolve(mem, dir, pathPtr, pathLen, follows(lookupFlags));
            FileStats.setTimes(p, false, atim, mtim, fstFlags, clocks);
        });
    }

    private static boolean follows(int lookupFlags) {
        return (lookupFlags & Flags.LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    private DirFd dir(int fd, long right) throws ErrnoException {
        FileDescriptor d = table.get(fd);
        if (!(d instanceof DirFd dir)) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        dir.require(right);
        return dir;
    }

    private static Path resolve(MemoryInstance mem, DirFd dir, int ptr, int len, boolean follow)
            throws ErrnoException {
        return Sandbox.resolve(dir.hostPath, GuestMemory.string(mem, ptr, len), follow);
    }

    /**
     * The new name of a link. With a trailing slash it names a directory, which a link cannot be: Linux answers
     * {@code ENOENT} when nothing is there yet, {@code EEXIST} for a directory, {@code ENOTDIR} for a file.
     */
    private static Path newName(MemoryInstance mem, DirFd dir, int ptr, int len) throws ErrnoException, IOException {
        String guest = GuestMemory.string(mem, ptr, len);
        Path p = Sandbox.resolve(dir.hostPath, guest, false);
        if (guest.endsWith("/") && lstatOrNull(p) == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        return p;
    }

    private static BasicFileAttributes lstatOrNull(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
