package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.testing.ClassFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugger's {@code BREAK} hook runs outside the dispatch method ({@link Unwinder#run}): a call that a
 * recording makes once per block, inside the loop, made C2 keep the loop's hot variables in stack slots
 * (benchmarks/RESULTS.md, session 13). This reads the invoke instructions of {@code Interpreter.run} from its class
 * file.
 */
class DispatchLoopCallsTest {
    @Test
    void dispatchLoopCallsNoDebuggerHook() throws IOException {
        Set<String> calls;
        try (InputStream raw = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            calls = ClassFiles.calls(raw, "run");
        }
        // The reader sees the loop's calls at all: the poll and the delegated instructions are there.
        assertTrue(calls.contains("Interpreter.pollCall") && calls.contains("SlowOps.exec"), calls.toString());
        for (String call : calls) {
            assertFalse(call.startsWith("DebugSupport.") || call.startsWith("Recording."),
                    "Interpreter.run calls " + call + ": the BREAK hook belongs in Unwinder.run");
        }
    }
}
