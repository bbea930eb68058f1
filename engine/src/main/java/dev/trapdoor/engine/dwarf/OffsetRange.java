package dev.trapdoor.engine.dwarf;

/** A half-open range {@code [startModuleOffset, endModuleOffset)} of module offsets. */
public record OffsetRange(int startModuleOffset, int endModuleOffset) {
    public boolean contains(int moduleOffset) {
        return moduleOffset >= startModuleOffset && moduleOffset < endModuleOffset;
    }
}
