package dev.trapdoor.dap.cli;

import dev.trapdoor.dap.session.GuestLimits;
import dev.trapdoor.engine.exec.MemoryBudget;
import dev.trapdoor.engine.exec.Tier;
import dev.trapdoor.engine.exec.TranslationLevel;

import java.util.List;

/**
 * What {@code trapdoor run} was asked to do, after parsing.
 *
 * @param program   the module path as the user wrote it (also the guest's {@code argv[0]})
 * @param args      the guest's further arguments, or the export's arguments with {@code invoke}
 * @param invoke    the export to call instead of {@code _start}, or {@code null}
 * @param stdioTypes the {@code --stdio-type} overrides, later ones winning
 * @param traceWasi  print one line per WASI call to stderr
 * @param translation how the interpreter translates functions
 * @param limits     the host's limits on the guest ({@code --max-table-elements}, {@code --time-limit})
 * @param shortNames the trap report names source functions by their short name ({@code add}), not the qualified one
 * @param maxMemory  bytes of linear memory the program may reserve ({@code MemoryBudget.UNLIMITED} for no limit)
 * @param coredumpOnTrap where to write a Wasm coredump when the program traps, or {@code null}
 */
record RunRequest(String program, List<String> args, List<DirMapping> dirs, List<EnvSetting> env, String invoke,
                  List<StdioType> stdioTypes, boolean traceWasi, Tier tier, TranslationLevel translation,
                  GuestLimits limits, boolean shortNames, long maxMemory, java.nio.file.Path coredumpOnTrap) {
    RunRequest(String program, List<String> args, List<DirMapping> dirs, List<EnvSetting> env, String invoke,
               List<StdioType> stdioTypes, boolean traceWasi, Tier tier, TranslationLevel translation,
               GuestLimits limits, boolean shortNames, long maxMemory) {
        this(program, args, dirs, env, invoke, stdioTypes, traceWasi, tier, translation, limits, shortNames, maxMemory,
                null);
    }

    RunRequest(String program, List<String> args, List<DirMapping> dirs, List<EnvSetting> env, String invoke) {
        this(program, args, dirs, env, invoke, List.of(), false, Tier.TIERED, TranslationLevel.OPTIMIZED,
                GuestLimits.NONE, false, MemoryBudget.UNLIMITED);
    }

    RunRequest(String program, List<String> args, List<DirMapping> dirs, List<EnvSetting> env, String invoke,
               List<StdioType> stdioTypes, boolean traceWasi, Tier tier) {
        this(program, args, dirs, env, invoke, stdioTypes, traceWasi, tier, TranslationLevel.OPTIMIZED,
                GuestLimits.NONE, false, MemoryBudget.UNLIMITED);
    }
}
