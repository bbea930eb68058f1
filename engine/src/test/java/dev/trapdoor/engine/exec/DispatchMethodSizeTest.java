package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HotSpot never JIT-compiles a method whose bytecode exceeds 8000 bytes (HugeMethodLimit), so an interpreter loop
 * that grows past it silently runs interpreted. This reads the {@code Code} attribute lengths from the class files.
 */
class DispatchMethodSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    /**
     * C2 stops inlining into a method once its own bytecode plus everything already inlined reaches 8000 bytes
     * (DesiredMethodLimit). The hot cases call the VarHandle accessors, {@code ea} and some helpers, which only
     * inline while the dispatch loop leaves room for them.
     */
    private static final int INLINING_ROOM = 1000;

    @Test
    void dispatchLoopStaysCompilable() throws IOException {
        assertUnderLimit(Interpreter.class, "run");
    }

    @Test
    void dispatchLoopLeavesRoomToInlineItsHelpers() throws IOException {
        int size = codeLengths(Interpreter.class).get("run");
        assertTrue(size <= HUGE_METHOD_LIMIT - INLINING_ROOM, "Interpreter.run has " + size
                + " bytes; above " + (HUGE_METHOD_LIMIT - INLINING_ROOM) + " C2 runs out of inlining budget");
    }

    /** HotSpot inlines a hot callee only below FreqInlineSize (325 bytes); these run inside the dispatch loop. */
    @Test
    void hotFloatHelpersStayInlinable() throws IOException {
        for (String m : new String[]{"f32Compare"}) {
            int size = codeLengths(FloatOps.class).get(m);
            assertTrue(size < 325, "FloatOps." + m + " has " + size + " bytes; HotSpot inlines hot methods under 325");
        }
    }

    @Test
    void delegatedOpsStayCompilable() throws IOException {
        assertUnderLimit(FloatOps.class, "unary");
        assertUnderLimit(FloatOps.class, "rounding");
        assertUnderLimit(FloatOps.class, "binary");
        assertUnderLimit(SlowOps.class, "exec");
    }

    private static void assertUnderLimit(Class<?> type, String method) throws IOException {
        Map<String, Integer> sizes = codeLengths(type);
        Integer size = sizes.get(method);
        assertTrue(size != null, () -> "no method " + method + " in " + type.getName() + ": " + sizes.keySet());
        assertTrue(size < HUGE_METHOD_LIMIT, () -> type.getSimpleName() + "." + method + " has " + size
                + " bytes of bytecode; HotSpot does not compile methods over " + HUGE_METHOD_LIMIT);
        System.out.println(type.getSimpleName() + "." + method + ": " + size + " bytes of bytecode");
    }

    static Map<String, Integer> codeLengths(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream raw = type.getResourceAsStream(resource)) {
            return dev.trapdoor.engine.testing.ClassFiles.codeLengths(raw);
        }
    }
}
