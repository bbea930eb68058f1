package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Host file metadata in the shape of preview 1's {@code filestat} (64 bytes), and timestamp updates. */
final class FileStats {
    static final int SIZE = 64;

    /** The {@code filestat} fields, in witx order. */
    record Stat(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {
        void write(MemoryInstance mem, int ptr) {
            byte[] zero = new byte[SIZE];
            mem.write(ptr, zero);
            mem.writeLong(ptr, dev);
            mem.writeLong(ptr + 8, ino);
            mem.writeByte(ptr + 16, (byte) filetype);
            mem.writeLong(ptr + 24, nlink);
            mem.writeLong(ptr + 32, size);
            mem.writeLong(ptr + 40, atim);
            mem.writeLong(ptr + 48, mtim);
            mem.writeLong(ptr + 56, ctim);
        }

        Stat withSize(long newSize) {
            return new Stat(dev, ino, filetype, nlink, newSize, atim, mtim, ctim);
        }
    }

    static final Stat CHARACTER_DEVICE = new Stat(0, 0, Filetype.CHARACTER_DEVICE, 1, 0, 0, 0, 0);

    private FileStats() {
    }

    static Stat stat(Path p, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", opts);
            int mode = (Integer) a.get("mode");
            return new Stat(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                    filetypeOfMode(mode), ((Number) a.get("nlink")).longValue(), ((Number) a.get("size")).longValue(),
                    nanos((FileTime) a.get("lastAccessTime")), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // Not a POSIX file system: basic attributes still give type, size and times.
            BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, opts);
            int type = b.isDirectory() ? Filetype.DIRECTORY : b.isSymbolicLink() ? Filetype.SYMBOLIC_LINK
                    : b.isRegularFile() ? Filetype.REGULAR_FILE : Filetype.UNKNOWN;
            return new Stat(0, 0, type, 1, b.size(), nanos(b.lastAccessTime()), nanos(b.lastModifiedTime()),
                    nanos(b.creationTime()));
        }
    }

    static int filetype(Path p) {
        try {
            return stat(p, false).filetype();
        } catch (IOException | RuntimeException e) {
            return Filetype.UNKNOWN;
        }
    }

    static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int filetypeOfMode(int mode) {
        return switch (mode & 0170000) {
            case 0140000 -> Filetype.SOCKET_STREAM;
            case 0120000 -> Filetype.SYMBOLIC_LINK;
            case 0100000 -> Filetype.REGULAR_FILE;
            case 0060000 -> Filetype.BLOCK_DEVICE;
            case 0040000 -> Filetype.DIRECTORY;
            case 0020000 -> Filetype.CHARACTER_DEVICE;
            default -> Filetype.UNKNOWN;
        };
    }

    private static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }

    /**
     * Applies {@code fst_flags} to a file's access and modification times. Setting a time both to a value and to
     * "now" is {@code EINVAL}, as in POSIX {@code utimensat}.
     */
    static void setTimes(Path p, boolean follow, long atim, long mtim, int fstFlags, WasiClocks clocks)
            throws IOException, ErrnoException {
        if ((fstFlags & ~(Flags.FST_ATIM | Flags.FST_ATIM_NOW | Flags.FST_MTIM | Flags.FST_MTIM_NOW)) != 0
                || (fstFlags & (Flags.FST_ATIM | Flags.FST_ATIM_NOW)) == (Flags.FST_ATIM | Flags.FST_ATIM_NOW)
                || (fstFlags & (Flags.FST_MTIM | Flags.FST_MTIM_NOW)) == (Flags.FST_MTIM | Flags.FST_MTIM_NOW)) {
            throw new ErrnoException(Errno.EINVAL);
        }
        long now = clocks.realtime();
        FileTime access = (fstFlags & Flags.FST_ATIM) != 0 ? time(atim)
                : (fstFlags & Flags.FST_ATIM_NOW) != 0 ? time(now) : null;
        FileTime modified = (fstFlags & Flags.FST_MTIM) != 0 ? time(mtim)
                : (fstFlags & Flags.FST_MTIM_NOW) != 0 ? time(now) : null;
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Files.getFileAttributeView(p, BasicFileAttributeView.class, opts).setTimes(modified, access, null);
        if (!follow && Files.isSymbolicLink(p)) {
            LinkTimes.keepNanoseconds(p, access, modified);
        }
    }

    private static FileTime time(long nanos) {
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }
}
