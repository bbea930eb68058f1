package dev.trapdoor.engine.testing;

import dev.trapdoor.engine.trap.Trap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Trap parity between tiers: two traps equal field by field (kind, offset, function, detail, frames, message). */
public final class SameTrap {
    private SameTrap() {
    }

    public static void assertSameTrap(Trap expected, Trap actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.moduleOffset(), actual.moduleOffset());
        assertEquals(expected.funcIndex(), actual.funcIndex());
        assertEquals(expected.detail(), actual.detail());
        assertEquals(expected.stack(), actual.stack());
        assertEquals(expected.getMessage(), actual.getMessage());
    }
}
