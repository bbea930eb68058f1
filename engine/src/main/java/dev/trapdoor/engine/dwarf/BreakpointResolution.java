package dev.trapdoor.engine.dwarf;

import java.util.List;

/**
 * Where a source breakpoint goes.
 *
 * @param file          the matched source file (after path mapping), or the requested file when nothing matched
 * @param requestedLine the line the user asked for
 * @param line          the line the breakpoint was placed on: the requested one, or the next line with code
 * @param moduleOffsets module offsets to break at, ascending; empty when no line at or after the request has code
 * @param reason        why there are none, for the user; null when resolved
 */
public record BreakpointResolution(String file, int requestedLine, int line, List<Integer> moduleOffsets,
                                   String reason) {
    public BreakpointResolution {
        moduleOffsets = List.copyOf(moduleOffsets);
    }

    public BreakpointResolution(String file, int requestedLine, int line, List<Integer> moduleOffsets) {
        this(file, requestedLine, line, moduleOffsets, moduleOffsets.isEmpty()
                ? "no code at or after line " + requestedLine + " of " + file : null);
    }

    static BreakpointResolution unresolved(String file, int requestedLine) {
        return new BreakpointResolution(file, requestedLine, requestedLine, List.of());
    }

    static BreakpointResolution unresolved(String file, int requestedLine, String reason) {
        return new BreakpointResolution(file, requestedLine, requestedLine, List.of(), reason);
    }

    public boolean resolved() {
        return !moduleOffsets.isEmpty();
    }

    /** Whether the breakpoint moved to a later line because the requested one has no code. */
    public boolean moved() {
        return resolved() && line != requestedLine;
    }
}
