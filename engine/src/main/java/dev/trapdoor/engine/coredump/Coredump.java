package dev.trapdoor.engine.coredump;

import java.util.List;

/**
 * A whole coredump: the process name ({@code core}), module names ({@code coremodules}), instances
 * ({@code coreinstances}), one thread's frames innermost first ({@code corestack}), and the memories and globals the
 * instances refer to. {@code trap} is Trapdoor's record of the trap, or {@code null} in a dump written elsewhere.
 */
public record Coredump(String processName, List<String> modules, List<CoreInstance> instances, String threadName,
                       List<CoreFrame> frames, List<CoreMemory> memories, List<CoreGlobal> globals, CoreTrap trap) {
    public Coredump {
        modules = List.copyOf(modules);
        instances = List.copyOf(instances);
        frames = List.copyOf(frames);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
    }
}
