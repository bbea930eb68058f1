package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code fd_*} calls. Each returns an errno code; results go to guest memory through return pointers. */
final class FdCalls {
    static final int FDSTAT_SIZE = 24;
    static final int DIRENT_HEADER = 24;

    private final FdTable table;
    private final WasiClocks clocks;

    FdCalls(FdTable table, WasiClocks clocks) {
        this.table = table;
        this.clocks = clocks;
    }

    int read(MemoryInstance mem, int fd, int iovs, int iovsLen, int nreadPtr) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            long[][] vecs = GuestMemory.iovecs(mem, iovs, iovsLen);
            byte[] buf = new byte[GuestMemory.totalLength(vecs)];
            int n;
            if (d instanceof StreamFd s) {
                if (s.in == null) {
                    throw new ErrnoException(Errno.EBADF);
                }
                n = buf.length == 0 ? 0 : Math.max(0, s.in.read(buf, 0, buf.length));
            } else if (d instanceof FileFd f) {
                requireAccess(f, Rights.FD_READ);
                n = readFully(f, buf, -1);
            } else {
                throw new ErrnoException(Errno.EISDIR);
            }
            GuestMemory.scatter(mem, vecs, buf, n);
            GuestMemory.writeU32(mem, nreadPtr, n);
        });
    }

    int pread(MemoryInstance mem, int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            requireAccess(f, Rights.FD_READ | Rights.FD_SEEK);
            if (offset < 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            long[][] vecs = GuestMemory.iovecs(mem, iovs, iovsLen);
            byte[] buf = new byte[GuestMemory.totalLength(vecs)];
            int n = readFully(f, buf, offset);
            GuestMemory.scatter(mem, vecs, buf, n);
            GuestMemory.writeU32(mem, nreadPtr, n);
        });
    }

    /** Without {@link Calls#guard}'s lambda: see {@link Calls#failed} (a program's first output line). */
    int write(MemoryInstance mem, int fd, int iovs, int iovsLen, int nwrittenPtr) {
        try {
            FileDescriptor d = table.get(fd);
            byte[] data = GuestMemory.gather(mem, GuestMemory.iovecs(mem, iovs, iovsLen));
            if (d instanceof StreamFd s) {
                if (s.out == null) {
                    throw new ErrnoException(Errno.EBADF);
                }
                s.out.write(data);
                // Flushed per call so stdout and stderr interleave as the guest wrote them.
                s.out.flush();
            } else if (d instanceof FileFd f) {
                requireAccess(f, Rights.FD_WRITE);
                long at = (f.fdflags & Flags.FD_APPEND) != 0 ? f.channel.size() : -1;
                writeFully(f, data, at);
                if (at >= 0) {
                    f.channel.position(at + data.length);
                }
            } else {
                throw new ErrnoException(Errno.EISDIR);
            }
            GuestMemory.writeU32(mem, nwrittenPtr, data.length);
            return Errno.SUCCESS.code();
        } catch (Exception | OutOfMemoryError e) {
            return Calls.failed(e);
        }
    }

    int pwrite(MemoryInstance mem, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            requireAccess(f, Rights.FD_WRITE | Rights.FD_SEEK);
            if (offset < 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            byte[] data = GuestMemory.gather(mem, GuestMemory.iovecs(mem, iovs, iovsLen));
            writeFully(f, data, offset);
            GuestMemory.writeU32(mem, nwrittenPtr, data.length);
        });
    }

    int seek(MemoryInstance mem, int fd, long offset, int whence, int newOffsetPtr) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            // Asking for the position only needs fd_tell, as in wasmtime.
            f.require(whence == Flags.WHENCE_CUR && offset == 0 ? Rights.FD_TELL : Rights.FD_SEEK);
            long base = switch (whence) {
                case Flags.WHENCE_SET -> 0;
                case Flags.WHENCE_CUR -> f.channel.position();
                case Flags.WHENCE_END -> f.channel.size();
                default -> throw new ErrnoException(Errno.EINVAL);
            };
            long target = base + offset;
            if (target < 0 || (offset > 0 && target < base)) {
                throw new ErrnoException(Errno.EINVAL);
            }
            f.channel.position(target);
            GuestMemory.writeU64(mem, newOffsetPtr, target);
        });
    }

    int tell(MemoryInstance mem, int fd, int offsetPtr) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            f.require(Rights.FD_TELL);
            GuestMemory.writeU64(mem, offsetPtr, f.channel.position());
        });
    }

    int close(int fd) {
        return Calls.guard(() -> table.close(fd));
    }

    int sync(int fd, boolean dataOnly) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            if (d instanceof FileFd f) {
                f.require(dataOnly ? Rights.FD_DATASYNC : Rights.FD_SYNC);
                f.channel.force(!dataOnly);
            } else if (d instanceof StreamFd s) {
                if (s.out != null) {
                    s.out.flush();
                }
            } else if (dataOnly) {
                throw new ErrnoException(Errno.EBADF);
            }
        });
    }

    int advise(int fd, long offset, long len, int advice) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            f.require(Rights.FD_ADVISE);
            if (advice < 0 || advice > Flags.ADVICE_MAX || offset < 0 || len < 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            // Advice is a hint; the JDK offers no way to pass it on.
        });
    }

    int allocate(int fd, long offset, long len) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            requireAccess(f, Rights.FD_ALLOCATE);
            if (offset < 0 || len <= 0 || offset + len < 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            extend(f, offset + len);
        });
    }

    /** Without {@link Calls#guard}'s lambda, like {@link #write}: C's stdout asks it before its first write. */
    int fdstatGet(MemoryInstance mem, int fd, int ptr) {
        try {
            FileDescriptor d = table.get(fd);
            mem.write(Integer.toUnsignedLong(ptr), new byte[FDSTAT_SIZE]);
            mem.writeByte(Integer.toUnsignedLong(ptr), (byte) d.filetype());
            mem.writeShort(Integer.toUnsignedLong(ptr) + 2, (short) d.fdflags);
            mem.writeLong(Integer.toUnsignedLong(ptr) + 8, d.rightsBase);
            mem.writeLong(Integer.toUnsignedLong(ptr) + 16, d.rightsInheriting);
            return Errno.SUCCESS.code();
        } catch (Exception | OutOfMemoryError e) {
            return Calls.failed(e);
        }
    }

    int fdstatSetFlags(int fd, int flags) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            d.require(Rights.FD_FDSTAT_SET_FLAGS);
            if ((flags & ~0x1F) != 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            // Like Linux fcntl(F_SETFL): the sync flags are fixed at open; only append and nonblock change.
            int syncFlags = Flags.FD_DSYNC | Flags.FD_RSYNC | Flags.FD_SYNC;
            if ((flags & syncFlags) != (d.fdflags & syncFlags)) {
                throw new ErrnoException(Errno.ENOTSUP);
            }
            d.fdflags = flags;
        });
    }

    int fdstatSetRights(int fd, long base, long inheriting) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
                throw new ErrnoException(Errno.ENOTCAPABLE);
            }
            d.rightsBase = base;
            d.rightsInheriting = inheriting;
        });
    }

    int filestatGet(MemoryInstance mem, int fd, int ptr) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            d.require(Rights.FD_FILESTAT_GET);
            FileStats.Stat st;
            if (d instanceof FileFd f) {
                long size = f.channel.size();
                try {
                    st = FileStats.stat(f.hostPath, true).withSize(size);
                } catch (IOException gone) {
                    // Unlinked while open: the channel still knows the size.
                    st = new FileStats.Stat(0, 0, Filetype.REGULAR_FILE, 0, size, 0, 0, 0);
                }
            } else if (d instanceof DirFd dir) {
                st = FileStats.stat(dir.hostPath, true);
            } else {
                st = FileStats.CHARACTER_DEVICE;
            }
            st.write(mem, ptr);
        });
    }

    int filestatSetSize(int fd, long size) {
        return Calls.guard(() -> {
            FileFd f = file(fd);
            requireAccess(f, Rights.FD_FILESTAT_SET_SIZE);
            if (size < 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            if (size < f.channel.size()) {
                long pos = f.channel.position();
                f.channel.truncate(size);
                f.channel.position(pos); // ftruncate leaves the offset alone; FileChannel.truncate clamps it
            } else {
                extend(f, size);
            }
        });
    }

    int filestatSetTimes(int fd, long atim, long mtim, int fstFlags) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            d.require(Rights.FD_FILESTAT_SET_TIMES);
            Path p = d instanceof FileFd f ? f.hostPath : d instanceof DirFd dir ? dir.hostPath : null;
            if (p == null) {
                throw new ErrnoException(Errno.EBADF);
            }
            FileStats.setTimes(p, true, atim, mtim, fstFlags, clocks);
        });
    }

    int prestatGet(MemoryInstance mem, int fd, int ptr) {
        return Calls.guard(() -> {
            DirFd d = preopen(fd);
            mem.write(Integer.toUnsignedLong(ptr), new byte[8]); // tag 0 = dir, then u32 name length
            GuestMemory.writeU32(mem, ptr + 4, d.preopenName.getBytes(StandardCharsets.UTF_8).length);
        });
    }

    int prestatDirName(MemoryInstance mem, int fd, int pathPtr, int pathLen) {
        return Calls.guard(() -> {
            byte[] name = preopen(fd).preopenName.getBytes(StandardCharsets.UTF_8);
            if (!mem.inBounds(Integer.toUnsignedLong(pathPtr), Integer.toUnsignedLong(pathLen))) {
                throw new ErrnoException(Errno.EFAULT);
            }
            if (Integer.toUnsignedLong(pathLen) < name.length) {
                throw new ErrnoException(Errno.ENAMETOOLONG);
            }
            mem.write(Integer.toUnsignedLong(pathPtr), name);
        });
    }

    /**
     * Fills {@code buf} with dirents starting at entry {@code cookie}. The last entry may be cut short; wasi-libc
     * notices a full buffer and asks again with a larger one. Each entry's {@code d_next} is the cookie after it.
     */
    int readdir(MemoryInstance mem, int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        return Calls.guard(() -> {
            FileDescriptor d = table.get(fd);
            if (!(d instanceof DirFd dir)) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            dir.require(Rights.FD_READDIR);
            if (cookie == 0 || dir.listing == null) {
                dir.listing = list(dir.hostPath);
            }
            long limit = Integer.toUnsignedLong(bufLen);
            if (!mem.inBounds(Integer.toUnsignedLong(buf), limit)) {
                throw new ErrnoException(Errno.EFAULT);
            }
            long used = 0;
            for (long i = cookie; i >= 0 && i < dir.listing.size() && used < limit; i++) {
                DirFd.DirEntry e = dir.listing.get((int) i);
                ByteBuffer ent = ByteBuffer.allocate(DIRENT_HEADER + e.name().length)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                ent.putLong(0, i + 1).putLong(8, e.inode()).putInt(16, e.name().length).put(20, (byte) e.filetype());
                ent.position(DIRENT_HEADER);
                ent.put(e.name());
                int n = (int) Math.min(ent.capacity(), limit - used);
                mem.write(Integer.toUnsignedLong(buf) + used, ent.array(), 0, n);
                used += n;
            }
            GuestMemory.writeU32(mem, bufusedPtr, (int) used);
        });
    }

    int renumber(int from, int to) {
        return Calls.guard(() -> table.renumber(from, to));
    }

    private static List<DirFd.DirEntry> list(Path dir) throws IOException {
        List<DirFd.DirEntry> out = new ArrayList<>();
        out.add(new DirFd.DirEntry(".".getBytes(StandardCharsets.UTF_8), FileStats.inode(dir), Filetype.DIRECTORY));
        out.add(new DirFd.DirEntry("..".getBytes(StandardCharsets.UTF_8), FileStats.inode(dir.resolve("..")),
                Filetype.DIRECTORY));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        children.sort(null);
        for (Path c : children) {
            out.add(new DirFd.DirEntry(c.getFileName().toString().getBytes(StandardCharsets.UTF_8),
                    FileStats.inode(c), FileStats.filetype(c)));
        }
        return out;
    }

    private FileFd file(int fd) throws ErrnoException {
        FileDescriptor d = table.get(fd);
        if (d instanceof FileFd f) {
            return f;
        }
        throw new ErrnoException(d instanceof StreamFd ? Errno.ESPIPE : Errno.EBADF);
    }

    private DirFd preopen(int fd) throws ErrnoException {
        if (table.get(fd) instanceof DirFd d && d.preopenName != null) {
            return d;
        }
        // wasi-libc stops scanning for preopens at the first EBADF, so every non-preopen answers that.
        throw new ErrnoException(Errno.EBADF);
    }

    /** Reading without the read right, or writing without the write right, is EBADF as POSIX has it. */
    private static void requireAccess(FileFd f, long rights) throws ErrnoException {
        if ((f.rightsBase & (Rights.FD_READ | Rights.FD_WRITE) & rights) != (rights & (Rights.FD_READ
                | Rights.FD_WRITE))) {
            throw new ErrnoException(Errno.EBADF);
        }
        f.require(rights);
    }

    private static int readFully(FileFd f, byte[] buf, long offset) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long at = offset;
        while (bb.hasRemaining()) {
            int n = at < 0 ? f.channel.read(bb) : f.channel.read(bb, at);
            if (n <= 0) {
                break;
            }
            if (at >= 0) {
                at += n;
            }
        }
        return bb.position();
    }

    private static void writeFully(FileFd f, byte[] data, long offset) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(data);
        long at = offset;
        while (bb.hasRemaining()) {
            int n = at < 0 ? f.channel.write(bb) : f.channel.write(bb, at);
            if (at >= 0) {
                at += n;
            }
        }
        if ((f.fdflags & (Flags.FD_DSYNC | Flags.FD_SYNC)) != 0) {
            f.channel.force((f.fdflags & Flags.FD_SYNC) != 0);
        }
    }

    /** Grows the file to {@code size} with zeros (a no-op when it is already that long). */
    private static void extend(FileFd f, long size) throws IOException {
        if (size > f.channel.size()) {
            f.channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }
}
