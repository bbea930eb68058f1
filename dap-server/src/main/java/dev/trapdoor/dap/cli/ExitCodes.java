package dev.trapdoor.dap.cli;

/** The process exit statuses of {@code trapdoor}, apart from a guest's own {@code proc_exit} code. */
public final class ExitCodes {
    public static final int OK = 0;
    /**
     * Unusable input: a missing or unreadable file, a malformed, invalid or unlinkable module, or one using a feature
     * Trapdoor does not support.
     */
    public static final int BAD_INPUT = 1;
    /** The command line itself is wrong. */
    public static final int USAGE = 2;
    /** A bug in trapdoor (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** The guest trapped: 128 + SIGABRT, what a native program that aborts reports. */
    public static final int TRAP = 134;

    private ExitCodes() {
    }
}
