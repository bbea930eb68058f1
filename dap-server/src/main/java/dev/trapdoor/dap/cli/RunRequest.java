package dev.trapdoor.dap.cli;

import dev.trapdoor.engine.exec.MemoryBudget;
import dev.trapdoor.engine.exec.Tier;

import java.util.List;

/**
 * What {@code trapdoor run} was asked to do, after parsing.
 *
 * @param program   the module path as the user wrote it (also the guest's {@code argv[0]})
 * @param args      the guest's further arguments, or the export's arguments with {@code invoke}
 * @param invoke    the export to call instead of {@code _start}, or {@code null}
 * @param stdioTypes the {@code --stdio-type} overrides, later ones winning
 * @param traceWasi  print one line per WASI call to stderr
 * @param maxMemory  bytes of linear memory the program may reserve ({@code MemoryBudget.UNLIMITED} for no limit)
 */
record RunRequest(String program, List<String> args, List<DirMapping> dirs, List<EnvSetting> env, String invoke,
                  List<StdioType> stdioTypes, boolean traceWasi, Tier tier, long maxMemory) {
    RunRequest(String program, List<String> args, List<DirMapping> dirs, List<EnvSetting> env, String invoke) {
        this(program, args, dirs, env, invoke, List.of(), false, Tier.TIERED, MemoryBudget.UNLIMITED);
    }
}
