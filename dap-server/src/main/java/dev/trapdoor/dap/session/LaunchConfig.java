package dev.trapdoor.dap.session;

import dev.trapdoor.engine.exec.Tier;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code launch} request (see {@link LaunchArguments} for the JSON keys).
 *
 * @param program   the module, resolved against {@code cwd}
 * @param args      the guest's arguments after argv[0], or the export's arguments with {@code invoke}
 * @param dirs      preopens: host directory → guest path
 * @param invoke    an export to call instead of {@code _start}, or {@code null}
 * @param sourceMap build path prefix → local path prefix, for DWARF paths
 * @param stdin     a file for the guest's stdin, or {@code null} for an empty stdin
 * @param traceWasi send one output event per WASI call (the {@code trapdoor run --trace-wasi} line)
 * @param tier      which code runs the program (the engine keeps to the interpreter while a debugger is attached)
 * @param shortFunctionNames frames show DW_AT_name ({@code area}) instead of the qualified name
 *                           ({@code geo::Rect::area})
 * @param justMyCode         step-in steps over functions whose source file is not found here (library code)
 * @param limits             the host's limits on the guest (table size, time)
 * @param maxMemory          bytes of linear memory the program may reserve, or {@code null} for no limit of its own
 *                           (a server started with {@code --max-memory} still caps all its sessions together)
 * @param coredump           a Wasm coredump of {@code program} to open post-mortem instead of running it, or
 *                           {@code null}
 * @param coredumpOnTrap     where to write a Wasm coredump when the program traps, or {@code null}
 * @param record             record the run so that it can step back ({@link RecordingSetup})
 */
public record LaunchConfig(Path program, List<String> args, Map<String, String> env, Path cwd,
                           Map<Path, String> dirs, boolean stopOnEntry, String invoke,
                           boolean emulateFunctionPointerCasts, Integer maxCallDepth, Map<String, String> sourceMap,
                           Path stdin, boolean traceWasi, Tier tier, boolean shortFunctionNames,
                           boolean justMyCode, GuestLimits limits, Long maxMemory, Path coredump,
                           Path coredumpOnTrap, boolean record) {
}
