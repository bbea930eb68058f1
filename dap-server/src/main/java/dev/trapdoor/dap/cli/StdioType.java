package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.wasi.Filetype;

import java.util.Locale;
import java.util.Map;

/**
 * One {@code --stdio-type [FD=]KIND}: what the guest's descriptor FD (all three without one) reports, overriding
 * what the host's own descriptor is. {@code auto} looks at the host, the default.
 *
 * @param fd       0, 1 or 2, or -1 for all three
 * @param filetype the WASI filetype, or -1 for {@code auto}
 */
record StdioType(int fd, int filetype) {
    private static final Map<String, Integer> KINDS = Map.of("auto", -1, "tty", Filetype.CHARACTER_DEVICE,
            "file", Filetype.REGULAR_FILE, "pipe", Filetype.UNKNOWN, "unknown", Filetype.UNKNOWN);

    static StdioType parse(String spec) {
        int eq = spec.indexOf('=');
        int fd = -1;
        if (eq >= 0) {
            String n = spec.substring(0, eq);
            fd = switch (n) {
                case "0", "stdin" -> 0;
                case "1", "stdout" -> 1;
                case "2", "stderr" -> 2;
                default -> throw usage(spec);
            };
        }
        Integer type = KINDS.get(spec.substring(eq + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw usage(spec);
        }
        return new StdioType(fd, type);
    }

    boolean appliesTo(int stream) {
        return fd < 0 || fd == stream;
    }

    private static CliException usage(String spec) {
        return new CliException(ExitCodes.USAGE, "--stdio-type " + spec
                + ": expected [0|1|2=]auto|tty|file|pipe|unknown");
    }
}
