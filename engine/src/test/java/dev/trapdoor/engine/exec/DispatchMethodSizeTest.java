package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
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

    /** The largest code length per method name, from the class file format (JVMS 4). */
    static Map<String, Integer> codeLengths(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream raw = type.getResourceAsStream(resource); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int poolCount = in.readUnsignedShort();
            String[] utf8 = new String[poolCount];
            for (int i = 1; i < poolCount; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.skipNBytes(6);
            in.skipNBytes(2L * in.readUnsignedShort());
            skipMembers(in);
            Map<String, Integer> sizes = new HashMap<>();
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()];
                in.skipNBytes(2);
                int attrs = in.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    String attr = utf8[in.readUnsignedShort()];
                    int len = in.readInt();
                    if (attr.equals("Code")) {
                        in.skipNBytes(4);
                        int codeLength = in.readInt();
                        sizes.merge(name, codeLength, Math::max);
                        in.skipNBytes(len - 8);
                    } else {
                        in.skipNBytes(len);
                    }
                }
            }
            return sizes;
        }
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipNBytes(6);
            int attrs = in.readUnsignedShort();
            for (int a = 0; a < attrs; a++) {
                in.skipNBytes(2);
                in.skipNBytes(in.readInt());
            }
        }
    }
}
