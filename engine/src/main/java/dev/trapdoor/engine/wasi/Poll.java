package dev.trapdoor.engine.wasi;

import dev.trapdoor.engine.exec.MemoryInstance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}: waits until a clock subscription expires or a descriptor is ready. Regular files and output
 * streams are always ready. Standard input is ready when bytes are buffered; with no clock to bound the wait it
 * blocks reading one byte (pushed back), which also notices end of input and reports it as a hangup.
 *
 * <p>Layouts: subscription is 48 bytes (userdata u64, tag u8 at 8, union at 16: clock {id u32, timeout u64 at 24,
 * precision u64 at 32, flags u16 at 40} or fd u32); event is 32 bytes (userdata u64, error u16 at 8, type u8 at 10,
 * nbytes u64 at 16, flags u16 at 24).
 */
final class Poll {
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;
    /** How often a wait bounded by a clock looks at standard input again. */
    private static final long STDIN_POLL_NANOS = 5_000_000L;

    private record Event(long userdata, Errno error, int type, long nbytes, int flags) {
    }

    private final FdTable table;
    private final WasiClocks clocks;

    Poll(FdTable table, WasiClocks clocks) {
        this.table = table;
        this.clocks = clocks;
    }

    int pollOneoff(MemoryInstance mem, int in, int out, int nsubscriptions, int neventsPtr) {
        return Calls.guard(() -> {
            if (nsubscriptions <= 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            long inBase = Integer.toUnsignedLong(in);
            if (!mem.inBounds(inBase, (long) nsubscriptions * SUBSCRIPTION_SIZE)
                    || !mem.inBounds(Integer.toUnsignedLong(out), (long) nsubscriptions * EVENT_SIZE)) {
                throw new ErrnoException(Errno.EFAULT);
            }
            List<Event> immediate = new ArrayList<>();
            List<long[]> clocksSubs = new ArrayList<>(); // {userdata, deadline in monotonic nanos}
            List<long[]> stdinSubs = new ArrayList<>(); // {userdata, fd}
            long now = clocks.monotonic();
            for (int i = 0; i < nsubscriptions; i++) {
                long s = inBase + (long) i * SUBSCRIPTION_SIZE;
                long userdata = mem.readLong(s);
                int tag = mem.readByte(s + 8) & 0xFF;
                if (tag == Flags.EVENT_CLOCK) {
                    int id = mem.readInt(s + 16);
                    long timeout = mem.readLong(s + 24);
                    boolean abs = (mem.readShort(s + 40) & Flags.SUBSCRIPTION_CLOCK_ABSTIME) != 0;
                    Long deadline = deadline(id, timeout, abs, now);
                    if (deadline == null) {
                        immediate.add(new Event(userdata, Errno.EINVAL, tag, 0, 0));
                    } else {
                        clocksSubs.add(new long[] {userdata, deadline});
                    }
                } else if (tag == Flags.EVENT_FD_READ || tag == Flags.EVENT_FD_WRITE) {
                    int fd = mem.readInt(s + 16);
                    Event e = fdEvent(userdata, tag, fd);
                    if (e != null) {
                        immediate.add(e);
                    } else {
                        stdinSubs.add(new long[] {userdata, fd});
                    }
                } else {
                    throw new ErrnoException(Errno.EINVAL);
                }
            }
            List<Event> events = wait(immediate, clocksSubs, stdinSubs);
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                long o = Integer.toUnsignedLong(out) + (long) i * EVENT_SIZE;
                mem.write(o, new byte[EVENT_SIZE]);
                mem.writeLong(o, e.userdata);
                mem.writeShort(o + 8, (short) e.error.code());
                mem.writeByte(o + 10, (byte) e.type);
                mem.writeLong(o + 16, e.nbytes);
                mem.writeShort(o + 24, (short) e.flags);
            }
            GuestMemory.writeU32(mem, neventsPtr, events.size());
        });
    }

    private List<Event> wait(List<Event> ready, List<long[]> clockSubs, List<long[]> stdinSubs)
            throws IOException, InterruptedException, ErrnoException {
        if (!ready.isEmpty()) {
            return ready;
        }
        if (clockSubs.isEmpty()) {
            // Only standard input to wait for, without a time limit: block until a byte or end of input.
            StreamFd s = (StreamFd) table.get((int) stdinSubs.get(0)[1]);
            int b = s.in.read();
            boolean eof = b < 0;
            if (!eof) {
                s.in.unread(b);
            }
            for (long[] sub : stdinSubs) {
                ready.add(new Event(sub[0], Errno.SUCCESS, Flags.EVENT_FD_READ, eof ? 0 : Math.max(1,
                        s.in.available()), eof ? Flags.EVENT_FD_READWRITE_HANGUP : 0));
            }
            return ready;
        }
        long earliest = Long.MAX_VALUE;
        for (long[] c : clockSubs) {
            earliest = Math.min(earliest, c[1]);
        }
        while (true) {
            long now = clocks.monotonic();
            for (long[] sub : stdinSubs) {
                StreamFd s = (StreamFd) table.get((int) sub[1]);
                int avail = s.in.available();
                if (avail > 0) {
                    ready.add(new Event(sub[0], Errno.SUCCESS, Flags.EVENT_FD_READ, avail, 0));
                }
            }
            if (!ready.isEmpty()) {
                return ready;
            }
            if (now - earliest >= 0) {
                for (long[] c : clockSubs) {
                    if (now - c[1] >= 0) {
                        ready.add(new Event(c[0], Errno.SUCCESS, Flags.EVENT_CLOCK, 0, 0));
                    }
                }
                return ready;
            }
            long remaining = earliest - now;
            clocks.sleep(stdinSubs.isEmpty() ? remaining : Math.min(remaining, STDIN_POLL_NANOS));
        }
    }

    /** The event for a descriptor that is ready now, or {@code null} when it is standard input with nothing yet. */
    private Event fdEvent(long userdata, int type, int fd) throws IOException {
        FileDescriptor d;
        try {
            d = table.get(fd);
        } catch (ErrnoException e) {
            return new Event(userdata, Errno.EBADF, type, 0, 0);
        }
        if ((d.rightsBase & Rights.POLL_FD_READWRITE) == 0 && !(d instanceof StreamFd)) {
            return new Event(userdata, Errno.ENOTCAPABLE, type, 0, 0);
        }
        if (d instanceof StreamFd s) {
            if (type == Flags.EVENT_FD_WRITE) {
                return s.out != null ? new Event(userdata, Errno.SUCCESS, type, 0, 0)
                        : new Event(userdata, Errno.EBADF, type, 0, 0);
            }
            if (s.in == null) {
                return new Event(userdata, Errno.EBADF, type, 0, 0);
            }
            int avail = s.in.available();
            return avail > 0 ? new Event(userdata, Errno.SUCCESS, type, avail, 0) : null;
        }
        if (d instanceof FileFd f && type == Flags.EVENT_FD_READ) {
            long left = Math.max(0, f.channel.size() - f.channel.position());
            return new Event(userdata, Errno.SUCCESS, type, left, 0);
        }
        return new Event(userdata, d instanceof DirFd ? Errno.EBADF : Errno.SUCCESS, type, 0, 0);
    }

    /** A subscription's deadline on the monotonic clock, or {@code null} for an unknown clock. */
    private Long deadline(int id, long timeout, boolean abs, long nowMono) {
        long nowOnClock = switch (id) {
            case Flags.CLOCK_REALTIME -> clocks.realtime();
            case Flags.CLOCK_MONOTONIC -> nowMono;
            case Flags.CLOCK_PROCESS_CPUTIME -> clocks.processCpuTime();
            case Flags.CLOCK_THREAD_CPUTIME -> clocks.threadCpuTime();
            default -> Long.MIN_VALUE;
        };
        if (nowOnClock == Long.MIN_VALUE) {
            return null;
        }
        long relative = abs ? timeout - nowOnClock : timeout;
        if (relative < 0 && !abs) {
            relative = Long.MAX_VALUE; // a u64 timeout beyond Long.MAX_VALUE: as good as forever
        }
        long d = nowMono + Math.max(0, relative);
        return d < nowMono ? Long.MAX_VALUE : d;
    }
}
