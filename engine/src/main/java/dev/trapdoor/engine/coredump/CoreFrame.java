package dev.trapdoor.engine.coredump;

import java.util.List;

/**
 * One frame of a coredump's stack. {@code codeOffset} is the instruction's offset from the start of its function's
 * body (the byte after the body's size field, where the local declarations begin: DWARF's {@code DW_AT_low_pc} for
 * the function); {@link CoreOffsets} converts it to and from module offsets.
 */
public record CoreFrame(int instanceIndex, int funcIndex, int codeOffset, List<CoreValue> locals,
                        List<CoreValue> stack) {
    public CoreFrame {
        locals = List.copyOf(locals);
        stack = List.copyOf(stack);
    }
}
