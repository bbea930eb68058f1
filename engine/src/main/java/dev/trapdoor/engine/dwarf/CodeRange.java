package dev.trapdoor.engine.dwarf;

/** A half-open range {@code [start, end)} of code offsets (DWARF addresses). */
record CodeRange(long start, long end) {
    boolean contains(long codeOffset) {
        return codeOffset >= start && codeOffset < end;
    }
}
