package dev.trapdoor.dap.cli;

import java.util.Map;

/** One {@code --env}: {@code NAME=VALUE}, or a bare {@code NAME} to pass the host's value on. */
record EnvSetting(String name, String value) {
    static EnvSetting parse(String spec, Map<String, String> hostEnv) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        if (name.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "--env " + spec + ": expected NAME=VALUE or NAME");
        }
        if (eq >= 0) {
            return new EnvSetting(name, spec.substring(eq + 1));
        }
        String inherited = hostEnv.get(name);
        if (inherited == null) {
            throw new CliException(ExitCodes.USAGE, "--env " + name + ": not set in this environment");
        }
        return new EnvSetting(name, inherited);
    }
}
