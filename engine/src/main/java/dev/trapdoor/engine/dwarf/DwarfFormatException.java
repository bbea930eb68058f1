package dev.trapdoor.engine.dwarf;

/**
 * Damaged or unsupported DWARF. Internal: {@link SourceMap} catches it at its boundary and turns it into a warning,
 * because debug info is an aid and must never stop a program from being run or debugged.
 */
final class DwarfFormatException extends RuntimeException {
    DwarfFormatException(String section, long offset, String reason) {
        super(section + "+0x" + Long.toHexString(offset) + ": " + reason);
    }
}
