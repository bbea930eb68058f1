package dev.trapdoor.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trapdoor.engine.testing.FreshJvm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compiled Wasm calls are JVM calls, so on a thread with a small stack the JVM's stack runs out before the engine's
 * call-depth limit. That is still a "call stack exhausted" trap, and it says so: the depth it reports is the number
 * of frames it lists (the counters at the innermost frame leave out typed frames), the message names the cause, and
 * the engine goes on trapping normally after it. A fresh JVM ({@link SmallThreadStackMain}), so that no other test's
 * traps came first (a test JVM where the first use of {@code TrapKind} was such a trap kept the class broken:
 * "Could not initialize class"; {@code JitRt} now readies those classes before compiled code runs).
 */
class SmallThreadStackTest {
    @Test
    void theJvmStackRunningOutIsACallStackTrapWithItsRealDepth() throws IOException, InterruptedException {
        List<String> out = FreshJvm.run(SmallThreadStackMain.class).lines().toList();
        assertEquals(3, out.size(), String.join("\n", out));
        assertEquals("shallow " + 136L * 100 * 101 / 2, out.get(0));
        assertTrue(out.get(1).startsWith("deep CALL_STACK_EXHAUSTED, depth = frames: call stack exhausted: call depth "),
                out.get(1));
        assertTrue(out.get(1).endsWith("the thread's JVM stack ran out first (run the guest on a thread with a larger"
                + " stack)"), out.get(1));
        assertTrue(out.get(2).startsWith("then dev.trapdoor.engine.trap.Trap: unreachable"), out.get(2));
    }
}
