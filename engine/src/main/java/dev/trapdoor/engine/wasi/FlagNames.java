package dev.trapdoor.engine.wasi;

import java.util.ArrayList;
import java.util.List;

/** The names of preview-1 flag bits and enum values, for traces: {@code O_CREAT|O_TRUNC}, {@code MONOTONIC}. */
final class FlagNames {
    private static final String[] RIGHTS = {"FD_DATASYNC", "FD_READ", "FD_SEEK", "FD_FDSTAT_SET_FLAGS", "FD_SYNC",
        "FD_TELL", "FD_WRITE", "FD_ADVISE", "FD_ALLOCATE", "PATH_CREATE_DIRECTORY", "PATH_CREATE_FILE",
        "PATH_LINK_SOURCE", "PATH_LINK_TARGET", "PATH_OPEN", "FD_READDIR", "PATH_READLINK", "PATH_RENAME_SOURCE",
        "PATH_RENAME_TARGET", "PATH_FILESTAT_GET", "PATH_FILESTAT_SET_SIZE", "PATH_FILESTAT_SET_TIMES",
        "FD_FILESTAT_GET", "FD_FILESTAT_SET_SIZE", "FD_FILESTAT_SET_TIMES", "PATH_SYMLINK", "PATH_REMOVE_DIRECTORY",
        "PATH_UNLINK_FILE", "POLL_FD_READWRITE", "SOCK_SHUTDOWN", "SOCK_ACCEPT"};

    private FlagNames() {
    }

    static String oflags(int v) {
        return bits(v, "O_CREAT", "O_DIRECTORY", "O_EXCL", "O_TRUNC");
    }

    static String fdflags(int v) {
        return bits(v, "APPEND", "DSYNC", "NONBLOCK", "RSYNC", "SYNC");
    }

    static String lookup(int v) {
        return bits(v, "SYMLINK_FOLLOW");
    }

    static String fstflags(int v) {
        return bits(v, "ATIM", "ATIM_NOW", "MTIM", "MTIM_NOW");
    }

    static String rights(long v) {
        if (v == Rights.ALL) {
            return "ALL";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((v & (1L << i)) != 0) {
                names.add(i < RIGHTS.length ? RIGHTS[i] : "1<<" + i);
            }
        }
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    static String whence(int v) {
        return switch (v) {
            case 0 -> "SET";
            case 1 -> "CUR";
            case 2 -> "END";
            default -> Integer.toString(v);
        };
    }

    static String clock(int v) {
        return switch (v) {
            case 0 -> "REALTIME";
            case 1 -> "MONOTONIC";
            case 2 -> "PROCESS_CPUTIME_ID";
            case 3 -> "THREAD_CPUTIME_ID";
            default -> Integer.toString(v);
        };
    }

    private static String bits(int v, String... names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((v & (1 << i)) != 0) {
                out.add(i < names.length ? names[i] : "1<<" + i);
            }
        }
        return out.isEmpty() ? "0" : String.join("|", out);
    }
}
