package dev.trapdoor.engine.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the host process's own descriptor 0, 1 or 2 is, as a preview-1 {@link Filetype}, so a guest's {@code isatty}
 * and its buffering match the host's: a terminal is a character device, a redirected file a regular file, a pipe
 * {@link Filetype#UNKNOWN} (preview 1 has no FIFO type; wasmtime answers the same). The descriptor is looked at
 * through {@code /proc/self/fd} (Linux) or {@code /dev/fd} (macOS, BSDs); without either, the JVM's
 * {@link System#console()} decides between terminal and unknown.
 */
public final class HostStdio {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFSOCK = 0140000;

    private HostStdio() {
    }

    /** The filetype the guest should see for host descriptor {@code fd}. */
    public static int filetype(int fd) {
        for (String dir : new String[] {"/proc/self/fd", "/dev/fd"}) {
            Path link = Path.of(dir, Integer.toString(fd));
            Integer mode = mode(link);
            if (mode != null) {
                return filetype(mode, target(link));
            }
        }
        return System.console() != null ? Filetype.CHARACTER_DEVICE : Filetype.UNKNOWN;
    }

    /**
     * The filetype for a host {@code st_mode} and the path the descriptor names ({@code null} if unknown). Among
     * character devices only a terminal is reported as one: {@code /dev/null} is not a tty, and a guest that thinks
     * it is changes its behaviour (bzip2 refuses to write compressed data to a terminal).
     */
    static int filetype(int mode, String target) {
        return switch (mode & S_IFMT) {
            case S_IFREG -> Filetype.REGULAR_FILE;
            case S_IFDIR -> Filetype.DIRECTORY;
            case S_IFBLK -> Filetype.BLOCK_DEVICE;
            case S_IFSOCK -> Filetype.SOCKET_STREAM;
            case S_IFCHR -> isTerminal(target) ? Filetype.CHARACTER_DEVICE : Filetype.UNKNOWN;
            case S_IFIFO -> Filetype.UNKNOWN;
            default -> Filetype.UNKNOWN;
        };
    }

    static boolean isTerminal(String target) {
        if (target == null) {
            return System.console() != null;
        }
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console")
                || target.startsWith("/dev/pty");
    }

    private static Integer mode(Path link) {
        try {
            return (Integer) Files.getAttribute(link, "unix:mode");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
