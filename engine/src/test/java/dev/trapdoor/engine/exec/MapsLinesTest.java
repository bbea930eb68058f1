package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only a range covered without a gap by private, writable mappings of no file counts as anonymous: the lines are
 * shaped as Linux 6 writes them.
 */
class MapsLinesTest {
    private static final String MAPS = """
            55d4c6c3a000-55d4c6c3c000 r--p 00000000 fe:01 1234                       /usr/bin/java
            55d4c6e00000-55d4c6e21000 rw-p 00000000 00:00 0                          [heap]
            7f0000000000-7f0010000000 rw-p 00000000 00:00 0
            7f0010000000-7f0020000000 rw-p 00000000 00:00 0                          [anon:glibc: malloc]
            7f0020000000-7f0021000000 rw-p 00000000 00:00 0
            7f0022000000-7f0023000000 rw-p 00000000 00:00 0
            7f0023000000-7f0024000000 rw-s 00000000 00:01 77                         /dev/zero (deleted)
            7f0024000000-7f0025000000 rw-p 00000000 fe:01 99                         /tmp/trapdoor-memory-1 (deleted)
            7f0025000000-7f0026000000 r--p 00000000 00:00 0
            7f0026000000-7f0027000000 rw-p 00000000 00:0f 5                          /anon_hugepage (deleted)
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
            """;

    private static boolean anonymous(long from, long to) {
        return MapsLines.coverAnonymously(MAPS.getBytes(StandardCharsets.US_ASCII), from, to);
    }

    @Test
    void anonymousPrivateMappingsAndTheHeapCount() {
        assertTrue(anonymous(0x7f0000001000L, 0x7f0000002000L), "inside one line");
        assertTrue(anonymous(0x55d4c6e00010L, 0x55d4c6e20000L), "[heap]");
        assertTrue(anonymous(0x7f0000000010L, 0x7f0020800000L), "across three adjacent lines, one named anon");
    }

    @Test
    void aGapFilesSharedMemoryAndReadOnlyMemoryDoNot() {
        assertFalse(anonymous(0x7f0020800000L, 0x7f0022001000L), "a gap between two anonymous lines");
        assertFalse(anonymous(0x7f0023000000L, 0x7f0023001000L), "shared /dev/zero");
        assertFalse(anonymous(0x7f0024000000L, 0x7f0024001000L), "a private file mapping (its holes read the file)");
        assertFalse(anonymous(0x7f0025000000L, 0x7f0025001000L), "not writable");
        assertFalse(anonymous(0x7f0026000000L, 0x7f0026001000L), "hugetlbfs");
        assertFalse(anonymous(0x55d4c6c3a000L, 0x55d4c6c3b000L), "the program's file");
        assertFalse(anonymous(0x7f0021800000L, 0x7f0021801000L), "no mapping at all");
        assertFalse(anonymous(0x7f0022800000L, 0x7f0023800000L), "running on into shared memory");
    }

    @Test
    void aLineThatDoesNotParseAnswersNo() {
        byte[] bad = "7f0000000000-7f00zz000000 rw-p 00000000 00:00 0\n".getBytes(StandardCharsets.US_ASCII);
        assertFalse(MapsLines.coverAnonymously(bad, 0x7f0000001000L, 0x7f0000002000L));
        byte[] cut = "7f0000000000-7f0010000000 rw".getBytes(StandardCharsets.US_ASCII);
        assertFalse(MapsLines.coverAnonymously(cut, 0x7f0000001000L, 0x7f0000002000L));
    }
}
