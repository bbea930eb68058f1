package dev.trapdoor.engine.dwarf;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over one {@code .debug_*} section. Positions are section offsets (0 = the section's first
 * payload byte), as DWARF's cross-section references are. Every read is bounds-checked against the current limit and
 * fails with {@link DwarfFormatException}, so damaged data cannot read into a neighbouring section.
 */
final class SectionReader {
    private final DwarfSection section;
    private long pos;
    private long limit;

    SectionReader(DwarfSection section, long pos) {
        this.section = section;
        this.pos = pos;
        this.limit = section.length();
        if (pos < 0 || pos > limit) {
            throw fail("offset outside the section");
        }
    }

    long pos() {
        return pos;
    }

    void pos(long pos) {
        if (pos < 0 || pos > limit) {
            throw fail("offset 0x" + Long.toHexString(pos) + " outside the data");
        }
        this.pos = pos;
    }

    long limit() {
        return limit;
    }

    /** Narrows reads to {@code [pos, limit)}, e.g. to one unit; a limit past the section's end is damage. */
    void limit(long limit) {
        if (limit < pos || limit > section.length()) {
            throw fail("length 0x" + Long.toHexString(limit - pos) + " runs past the section's end");
        }
        this.limit = limit;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    DwarfFormatException fail(String reason) {
        return new DwarfFormatException(section.name(), pos, reason);
    }

    private int at(long offset) {
        return section.bytes()[(int) (section.moduleOffset() + offset)] & 0xFF;
    }

    private void need(long n) {
        if (n < 0 || n > limit - pos) {
            throw fail("unexpected end");
        }
    }

    int u8() {
        need(1);
        return at(pos++);
    }

    int u16() {
        need(2);
        int v = at(pos) | at(pos + 1) << 8;
        pos += 2;
        return v;
    }

    long u32() {
        need(4);
        long v = at(pos) | at(pos + 1) << 8 | at(pos + 2) << 16 | (long) at(pos + 3) << 24;
        pos += 4;
        return v;
    }

    long u64() {
        long lo = u32();
        long hi = u32();
        return lo | hi << 32;
    }

    /** An unsigned value of {@code size} bytes (1, 2, 4 or 8), e.g. an address of the unit's address size. */
    long unsigned(int size) {
        return switch (size) {
            case 1 -> u8();
            case 2 -> u16();
            case 4 -> u32();
            case 8 -> u64();
            default -> throw fail("unsupported size " + size);
        };
    }

    /** ULEB128. Bits beyond 64 are dropped rather than rejected: producers pad, and such values are damage anyway. */
    long uleb() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    long sleb() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A ULEB128 that must fit an int, for counts and indices; larger values are damage. */
    int ulebInt() {
        long v = uleb();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw fail("value too large: " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    void skip(long n) {
        need(n);
        pos += n;
    }

    /** A NUL-terminated UTF-8 string. */
    String cString() {
        long start = pos;
        while (u8() != 0) {
            // Scan to the terminator; u8 stops at the limit.
        }
        int from = (int) (section.moduleOffset() + start);
        return new String(section.bytes(), from, (int) (pos - 1 - start), StandardCharsets.UTF_8);
    }
}
