package dev.trapdoor.engine.wasi;

/** The small flag sets and enums of preview 1 that path and fd calls take. */
public final class Flags {
    // oflags (u16)
    public static final int O_CREAT = 1;
    public static final int O_DIRECTORY = 2;
    public static final int O_EXCL = 4;
    public static final int O_TRUNC = 8;

    // fdflags (u16)
    public static final int FD_APPEND = 1;
    public static final int FD_DSYNC = 2;
    public static final int FD_NONBLOCK = 4;
    public static final int FD_RSYNC = 8;
    public static final int FD_SYNC = 16;

    // lookupflags (u32)
    public static final int LOOKUP_SYMLINK_FOLLOW = 1;

    // fstflags (u16)
    public static final int FST_ATIM = 1;
    public static final int FST_ATIM_NOW = 2;
    public static final int FST_MTIM = 4;
    public static final int FST_MTIM_NOW = 8;

    // whence (u8)
    public static final int WHENCE_SET = 0;
    public static final int WHENCE_CUR = 1;
    public static final int WHENCE_END = 2;

    // clockid (u32)
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME = 2;
    public static final int CLOCK_THREAD_CPUTIME = 3;

    // eventtype (u8)
    public static final int EVENT_CLOCK = 0;
    public static final int EVENT_FD_READ = 1;
    public static final int EVENT_FD_WRITE = 2;

    // subclockflags (u16)
    public static final int SUBSCRIPTION_CLOCK_ABSTIME = 1;

    // eventrwflags (u16)
    public static final int EVENT_FD_READWRITE_HANGUP = 1;

    // advice (u8): normal .. noreuse
    public static final int ADVICE_MAX = 5;

    private Flags() {
    }
}
