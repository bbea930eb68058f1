package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The functions of {@code wasi_snapshot_preview1}, one Java method each, named after the WASI function. Each takes
 * the guest memory and the call's integer arguments (pointers are i32, unsigned) and returns an errno code; results
 * are written through the guest's return pointers. Nothing here throws to the guest except {@link WasiExit}.
 *
 * <p>Descriptors 0–2 are the configured streams; the preopened directories follow from 3 in configuration order.
 * One instance belongs to one running program; it is not thread-safe.
 */
public final class WasiPreview1 {
    private final List<byte[]> args;
    private final List<byte[]> env;
    private final WasiClocks clocks;
    private final Random random;
    private final FdTable table = new FdTable();
    private final FdCalls fds;
    private final PathCalls paths;
    private final Poll poll;

    /** @throws IllegalArgumentException when a preopened host directory does not exist or is not a directory */
    public WasiPreview1(WasiConfig config) {
        this.args = encode(config.args());
        List<String> vars = new ArrayList<>();
        for (Map.Entry<String, String> e : config.env().entrySet()) {
            vars.add(e.getKey() + "=" + e.getValue());
        }
        this.env = encode(vars);
        this.clocks = config.clocks();
        this.random = config.random();
        this.fds = new FdCalls(table, clocks);
        this.paths = new PathCalls(table, clocks);
        this.poll = new Poll(table, clocks);
        try {
            table.insert(StreamFd.input(config.stdin(), config.stdioFiletype(0)));
            table.insert(StreamFd.output(config.stdout(), config.stdioFiletype(1)));
            table.insert(StreamFd.output(config.stderr(), config.stdioFiletype(2)));
            for (WasiConfig.Preopen p : config.preopens()) {
                table.insert(new DirFd(realDirectory(p.hostPath()), p.guestPath(), Rights.DIRECTORY, Rights.ALL));
            }
        } catch (ErrnoException e) {
            throw new IllegalStateException("descriptor table full", e);
        }
    }

    /** The real path of a preopen, so symlinks in the host's own path do not confuse the sandbox boundary. */
    private static Path realDirectory(Path host) {
        try {
            Path real = host.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException(host + ": not a directory");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException(host + ": no such directory");
        }
    }

    private static List<byte[]> encode(List<String> strings) {
        List<byte[]> out = new ArrayList<>();
        for (String s : strings) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** What descriptor {@code fd} stands for, for traces: a host path, {@code stdout}, ...; null if not open. */
    String describe(int fd) {
        FileDescriptor d = table.lookup(fd);
        if (d instanceof StreamFd s) {
            return fd == 0 && s.in != null ? "stdin" : fd == 1 && s.out != null ? "stdout"
                    : fd == 2 && s.out != null ? "stderr" : s.in != null ? "input" : "output";
        }
        if (d instanceof FileFd f) {
            return f.hostPath.toString();
        }
        if (d instanceof DirFd dir) {
            return dir.hostPath.toString();
        }
        return null;
    }

    /** Flushes the output streams, e.g. after the program ended. */
    public void flush() {
        table.flushStreams();
    }

    // ---- args and environment: NUL-terminated strings in one buffer plus an array of pointers into it.

    public int argsGet(MemoryInstance mem, int argv, int argvBuf) {
        return Calls.guard(() -> writeStrings(mem, args, argv, argvBuf));
    }

    public int argsSizesGet(MemoryInstance mem, int argcPtr, int bufSizePtr) {
        return Calls.guard(() -> writeSizes(mem, args, argcPtr, bufSizePtr));
    }

    public int environGet(MemoryInstance mem, int environ, int environBuf) {
        return Calls.guard(() -> writeStrings(mem, env, environ, environBuf));
    }

    public int environSizesGet(MemoryInstance mem, int countPtr, int bufSizePtr) {
        return Calls.guard(() -> writeSizes(mem, env, countPtr, bufSizePtr));
    }

    private static void writeStrings(MemoryInstance mem, List<byte[]> strings, int ptrs, int buf) {
        long at = Integer.toUnsignedLong(buf);
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            mem.writeInt(Integer.toUnsignedLong(ptrs) + 4L * i, (int) at);
            mem.write(at, s);
            mem.writeByte(at + s.length, (byte) 0);
            at += s.length + 1;
        }
    }

    private static void writeSizes(MemoryInstance mem, List<byte[]> strings, int countPtr, int sizePtr) {
        int size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        GuestMemory.writeU32(mem, countPtr, strings.size());
        GuestMemory.writeU32(mem, sizePtr, size);
    }

    // ---- clocks, random, process

    public int clockResGet(MemoryInstance mem, int clockId, int resPtr) {
        return Calls.guard(() -> {
            checkClock(clockId);
            GuestMemory.writeU64(mem, resPtr, clocks.resolution(clockId));
        });
    }

    public int clockTimeGet(MemoryInstance mem, int clockId, long precision, int timePtr) {
        return Calls.guard(() -> {
            long t = switch (checkClock(clockId)) {
                case Flags.CLOCK_REALTIME -> clocks.realtime();
                case Flags.CLOCK_MONOTONIC -> clocks.monotonic();
                case Flags.CLOCK_PROCESS_CPUTIME -> clocks.processCpuTime();
                default -> clocks.threadCpuTime();
            };
            GuestMemory.writeU64(mem, timePtr, t);
        });
    }

    private static int checkClock(int id) throws ErrnoException {
        if (id < Flags.CLOCK_REALTIME || id > Flags.CLOCK_THREAD_CPUTIME) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return id;
    }

    public int randomGet(MemoryInstance mem, int buf, int len) {
        return Calls.guard(() -> {
            if (!mem.inBounds(Integer.toUnsignedLong(buf), Integer.toUnsignedLong(len))) {
                throw new ErrnoException(Errno.EFAULT);
            }
            byte[] bytes = new byte[len];
            random.nextBytes(bytes);
            mem.write(Integer.toUnsignedLong(buf), bytes);
        });
    }

    /** Ends the program: flushes output and throws {@link WasiExit}. Never returns. */
    public void procExit(int code) {
        flush();
        throw new WasiExit(code);
    }

    /** Signals are not part of the sandbox; wasmtime does not deliver them either. */
    public int procRaise(int signal) {
        return Errno.ENOSYS.code();
    }

    public int schedYield() {
        Thread.yield();
        return Errno.SUCCESS.code();
    }

    public int pollOneoff(MemoryInstance mem, int in, int out, int nsubscriptions, int neventsPtr) {
        return poll.pollOneoff(mem, in, out, nsubscriptions, neventsPtr);
    }

    // ---- descriptors

    public int fdAdvise(int fd, long offset, long len, int advice) {
        return fds.advise(fd, offset, len, advice);
    }

    public int fdAllocate(int fd, long offset, long len) {
        return fds.allocate(fd, offset, len);
    }

    public int fdClose(int fd) {
        return fds.close(fd);
    }

    public int fdDatasync(int fd) {
        return fds.sync(fd, true);
    }

    public int fdSync(int fd) {
        return fds.sync(fd, false);
    }

    public int fdFdstatGet(MemoryInstance mem, int fd, int statPtr) {
        return fds.fdstatGet(mem, fd, statPtr);
    }

    public int fdFdstatSetFlags(int fd, int flags) {
        return fds.fdstatSetFlags(fd, flags);
    }

    public int fdFdstatSetRights(int fd, long base, long inheriting) {
        return fds.fdstatSetRights(fd, base, inheriting);
    }

    public int fdFilestatGet(MemoryInstance mem, int fd, int statPtr) {
        return fds.filestatGet(mem, fd, statPtr);
    }

    public int fdFilestatSetSize(int fd, long size) {
        return fds.filestatSetSize(fd, size);
    }

    public int fdFilestatSetTimes(int fd, long atim, long mtim, int fstFlags) {
        return fds.filestatSetTimes(fd, atim, mtim, fstFlags);
    }

    public int fdPread(MemoryInstance mem, int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        return fds.pread(mem, fd, iovs, iovsLen, offset, nreadPtr);
    }

    public int fdPrestatGet(MemoryInstance mem, int fd, int prestatPtr) {
        return fds.prestatGet(mem, fd, prestatPtr);
    }

    public int fdPrestatDirName(MemoryInstance mem, int fd, int path, int pathLen) {
        return fds.prestatDirName(mem, fd, path, pathLen);
    }

    public int fdPwrite(MemoryInstance mem, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        return fds.pwrite(mem, fd, iovs, iovsLen, offset, nwrittenPtr);
    }

    public int fdRead(MemoryInstance mem, int fd, int iovs, int iovsLen, int nreadPtr) {
        return fds.read(mem, fd, iovs, iovsLen, nreadPtr);
    }

    public int fdReaddir(MemoryInstance mem, int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        return fds.readdir(mem, fd, buf, bufLen, cookie, bufusedPtr);
    }

    public int fdRenumber(int fd, int to) {
        return fds.renumber(fd, to);
    }

    public int fdSeek(MemoryInstance mem, int fd, long offset, int whence, int newOffsetPtr) {
        return fds.seek(mem, fd, offset, whence, newOffsetPtr);
    }

    public int fdTell(MemoryInstance mem, int fd, int offsetPtr) {
        return fds.tell(mem, fd, offsetPtr);
    }

    public int fdWrite(MemoryInstance mem, int fd, int iovs, int iovsLen, int nwrittenPtr) {
        return fds.write(mem, fd, iovs, iovsLen, nwrittenPtr);
    }

    // ---- paths

    public int pathCreateDirectory(MemoryInstance mem, int fd, int path, int pathLen) {
        return paths.createDirectory(mem, fd, path, pathLen);
    }

    public int pathFilestatGet(MemoryInstance mem, int fd, int flags, int path, int pathLen, int statPtr) {
        return paths.filestatGet(mem, fd, flags, path, pathLen, statPtr);
    }

    public int pathFilestatSetTimes(MemoryInstance mem, int fd, int flags, int path, int pathLen, long atim,
                                    long mtim, int fstFlags) {
        return paths.filestatSetTimes(mem, fd, flags, path, pathLen, atim, mtim, fstFlags);
    }

    public int pathLink(MemoryInstance mem, int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd,
                        int newPath, int newPathLen) {
        return paths.link(mem, oldFd, oldFlags, oldPath, oldPathLen, newFd, newPath, newPathLen);
    }

    public int pathOpen(MemoryInstance mem, int fd, int dirflags, int path, int pathLen, int oflags,
                        long rightsBase, long rightsInheriting, int fdflags, int fdPtr) {
        return paths.open(mem, fd, dirflags, path, pathLen, oflags, rightsBase, rightsInheriting, fdflags, fdPtr);
    }

    public int pathReadlink(MemoryInstance mem, int fd, int path, int pathLen, int buf, int bufLen,
                            int bufusedPtr) {
        return paths.readlink(mem, fd, path, pathLen, buf, bufLen, bufusedPtr);
    }

    public int pathRemoveDirectory(MemoryInstance mem, int fd, int path, int pathLen) {
        return paths.removeDirectory(mem, fd, path, pathLen);
    }

    public int pathRename(MemoryInstance mem, int fd, int oldPath, int oldPathLen, int newFd, int newPath,
                          int newPathLen) {
        return paths.rename(mem, fd, oldPath, oldPathLen, newFd, newPath, newPathLen);
    }

    public int pathSymlink(MemoryInstance mem, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
        return paths.symlink(mem, oldPath, oldPathLen, fd, newPath, newPathLen);
    }

    public int pathUnlinkFile(MemoryInstance mem, int fd, int path, int pathLen) {
        return paths.unlinkFile(mem, fd, path, pathLen);
    }

    // ---- sockets: there are none to hand out, so an open descriptor is never one (wasmtime and Linux answer
    // ENOTSOCK).

    public int sockAccept(MemoryInstance mem, int fd, int flags, int fdPtr) {
        return notASocket(fd);
    }

    public int sockRecv(MemoryInstance mem, int fd, int riData, int riDataLen, int riFlags, int nreadPtr,
                        int roFlagsPtr) {
        return notASocket(fd);
    }

    public int sockSend(MemoryInstance mem, int fd, int siData, int siDataLen, int siFlags, int nwrittenPtr) {
        return notASocket(fd);
    }

    public int sockShutdown(int fd, int how) {
        return notASocket(fd);
    }

    private int notASocket(int fd) {
        return table.contains(fd) ? Errno.ENOTSOCK.code() : Errno.EBADF.code();
    }
}
