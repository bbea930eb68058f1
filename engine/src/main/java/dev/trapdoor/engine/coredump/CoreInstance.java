package dev.trapdoor.engine.coredump;

import java.util.List;

/** An instance in a coredump: which module it instantiates, and its memories and globals as indices into the dump's. */
public record CoreInstance(int moduleIndex, List<Integer> memories, List<Integer> globals) {
    public CoreInstance {
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
    }
}
