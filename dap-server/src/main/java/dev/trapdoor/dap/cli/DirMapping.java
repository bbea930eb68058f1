package dev.trapdoor.dap.cli;

import java.nio.file.Path;

/** One {@code --dir HOST[::GUEST]}: a host directory and the name the guest sees it under (the host path if none). */
record DirMapping(Path host, String guest) {
    static DirMapping parse(String spec) {
        int sep = spec.indexOf("::");
        String host = sep < 0 ? spec : spec.substring(0, sep);
        String guest = sep < 0 ? spec : spec.substring(sep + 2);
        if (host.isEmpty() || guest.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "--dir " + spec + ": expected HOST or HOST::GUEST");
        }
        return new DirMapping(Path.of(host), guest);
    }
}
