package dev.trapdoor.engine.dwarf;

/**
 * One frame of an inlined chain at a code location. The innermost frame's position is the line-table row; each outer
 * frame's position is the call site of the frame inside it, so a stack trace reads like calls that never happened.
 *
 * @param function          the function's source name, or {@code "??"} when nothing names it
 * @param inlined           true when this frame was inlined into the next (outer) one: a virtual frame with no Wasm
 *                          frame
 * @param qualifiedFunction the name with its namespaces and classes ({@code geo::Rect::area}), built from the DIE
 *                          tree; the same as {@code function} for C and where nothing qualifies it
 */
public record SourceFrame(String function, String file, int line, int column, boolean inlined,
                          String qualifiedFunction) {
    public SourceFrame(String function, String file, int line, int column, boolean inlined) {
        this(function, file, line, column, inlined, function);
    }
}
