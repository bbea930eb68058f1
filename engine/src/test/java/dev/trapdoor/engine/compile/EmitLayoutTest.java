package dev.trapdoor.engine.compile;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The typed entry's leading parameters occupy exactly the chunk's fixed JVM locals, so one body serves both. */
class EmitLayoutTest {
    @Test
    void theFixedLocalsDescriptorCoversTheFixedLocals() {
        Type[] fixed = Type.getArgumentTypes("(" + Emit.FIXED_LOCALS_DESC + ")V");
        int size = 0;
        for (Type t : fixed) {
            size += t.getSize();
        }
        assertEquals(Emit.SLOT0, size);
        assertEquals(Type.INT_TYPE, at(fixed, Emit.FP));
        assertEquals(Type.INT_TYPE, at(fixed, Emit.ENTRY));
        assertEquals(Type.getType(long[].class), at(fixed, Emit.S));
        assertEquals(Type.LONG_TYPE, at(fixed, Emit.MEM));
        assertEquals(Type.INT_TYPE, at(fixed, Emit.MEM_SIZE));
    }

    /** The parameter that starts at JVM local {@code slot} (a long takes two). */
    private static Type at(Type[] params, int slot) {
        int local = 0;
        for (Type t : params) {
            if (local == slot) {
                return t;
            }
            local += t.getSize();
        }
        throw new AssertionError("no parameter starts at local " + slot);
    }
}
