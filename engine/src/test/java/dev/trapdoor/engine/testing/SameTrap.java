package dev.trapdoor.engine.testing;

import dev.trapdoor.engine.trap.Trap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Trap parity between tiers: two traps equal field by field (kind, offset, function, detail, frames, message). */
public final class SameTrap {
    private SameTrap() {
    }

    public static void assertSameTrap(Trap expected, Trap actual) {
        assertSameTrap(expected, actual, null);
    }

    /** The same, naming the case ({@code what}) in a failure's message. */
    public static void assertSameTrap(Trap expected, Trap actual, String what) {
        assertEquals(expected.kind(), actual.kind(), what);
        assertEquals(expected.moduleOffset(), actual.moduleOffset(), what);
        assertEquals(expected.funcIndex(), actual.funcIndex(), what);
        assertEquals(expected.detail(), actual.detail(), what);
        assertEquals(expected.stack(), actual.stack(), what);
        assertEquals(expected.getMessage(), actual.getMessage(), what);
    }
}
