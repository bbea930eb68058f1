package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.trap.TrapDetail;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A typed entry's frame check has two forms ({@code -Dtrapdoor.jit.splitEntryCheck}): two compares, or one sign
 * test of both bounds. Both must pass, grow the stack and trap at exactly the same frames: at the edges of the value
 * stack's first length, of the slot limit and of the depth slack.
 */
class TypedEntryCheckTest {
    private static final int MAX_SLOTS = 10_000;

    private interface Check {
        void enter(Interpreter in, int fp, int frameSize, int slack);
    }

    /** What one check did: the trap it raised (null if none) and the stack's length afterwards. */
    private record Outcome(TrapKind kind, TrapDetail detail, int stackLength) {
    }

    private static Outcome run(Check check, int fp, int frameSize, int slack) {
        Interpreter in = new Store(new EngineConfig(1000, MAX_SLOTS, false)).interpreter();
        try {
            check.enter(in, fp, frameSize, slack);
            return new Outcome(null, null, in.stack.length);
        } catch (TrapSignal t) {
            return new Outcome(t.kind, t.detail, in.stack.length);
        }
    }

    @Test
    void bothFormsPassGrowAndTrapAtTheSameFrames() {
        int room = Interpreter.INITIAL_SLOTS;
        int traps = 0;
        int grown = 0;
        for (int frameSize : new int[]{1, 7, 300}) {
            for (int end : new int[]{0, 1, room - 1, room, room + 1, MAX_SLOTS - 1, MAX_SLOTS, MAX_SLOTS + 1}) {
                int fp = end - frameSize;
                if (fp < 0) {
                    continue;
                }
                for (int slack : new int[]{-2, -1, 0, 1, 999}) {
                    Outcome split = run(TypedEntryCheck::split, fp, frameSize, slack);
                    Outcome joined = run(TypedEntryCheck::joined, fp, frameSize, slack);
                    String at = "fp " + fp + ", frame " + frameSize + ", slack " + slack;
                    assertEquals(joined, split, at);
                    boolean shouldTrap = slack < 0 || end > MAX_SLOTS;
                    assertEquals(shouldTrap, split.kind() != null, at);
                    if (shouldTrap) {
                        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, split.kind(), at);
                        traps++;
                    } else if (end > room) {
                        assertTrue(split.stackLength() >= end, "grew to hold the frame: " + at);
                        grown++;
                    } else {
                        assertNull(split.detail(), at);
                        assertEquals(room, split.stackLength(), "the first length holds it: " + at);
                    }
                }
            }
        }
        // Every kind of outcome was reached.
        assertTrue(traps > 0 && grown > 0, traps + " traps, " + grown + " grown");
    }
}
