package dev.trapdoor.engine.model;

/**
 * The engine's one place that converts between the two ways of naming a byte of code: a {@code moduleOffset} counts
 * from the start of the module's bytes, a {@code codeOffset} from the start of the code section's contents (its
 * function count), which is what DWARF for WebAssembly uses as addresses. Every other package converts through here so
 * that an off-by-one in the base is fixed once.
 */
public final class CodeOffsets {
    private final int codeSectionOffset;
    private final int codeSectionEnd;

    private CodeOffsets(int codeSectionOffset, int codeSectionEnd) {
        this.codeSectionOffset = codeSectionOffset;
        this.codeSectionEnd = codeSectionEnd;
    }

    public static CodeOffsets of(WasmModule module) {
        int start = module.codeSectionOffset();
        // Bodies are in section order and nothing follows the last, so its end is the section's end. O(1): this
        // runs when a source map is made, which must stay free however many functions there are.
        int count = module.bodies().size();
        int end = count == 0 ? start : module.bodies().get(count - 1).endOffset();
        return new CodeOffsets(start, end);
    }

    /** Whether the module has a code section at all; without one no code offset means anything. */
    public boolean hasCode() {
        return codeSectionOffset >= 0;
    }

    /** The module offset of a code offset, or -1 when the code offset lies outside the code section's contents. */
    public int toModuleOffset(long codeOffset) {
        if (!isCode(codeOffset)) {
            return -1;
        }
        return (int) (codeSectionOffset + codeOffset);
    }

    /** The code offset of a module offset, or -1 when the module offset lies outside the code section's contents. */
    public long toCodeOffset(int moduleOffset) {
        if (!hasCode() || moduleOffset < codeSectionOffset || moduleOffset > codeSectionEnd) {
            return -1;
        }
        return moduleOffset - codeSectionOffset;
    }

    /**
     * Whether a code offset names a byte of the code section's contents, or its end (a range's exclusive end may sit
     * there). Offset 0 is the function count, never code, which is also why a linker's 0 tombstone fails this test.
     */
    public boolean isCode(long codeOffset) {
        return hasCode() && codeOffset > 0 && codeOffset <= codeSectionEnd - codeSectionOffset;
    }

    /** Length of the code section's contents in bytes (0 without a code section). */
    public int codeSize() {
        return hasCode() ? codeSectionEnd - codeSectionOffset : 0;
    }
}
