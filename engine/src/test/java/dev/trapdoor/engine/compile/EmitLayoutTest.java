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
        assertEquals(Type.INT_TYPE, fixed[Emit.FP]);
        assertEquals(Type.INT_TYPE, fixed[Emit.ENTRY]);
        assertEquals(Type.getType(long[].class), fixed[Emit.S]);
        assertEquals(Type.getType(byte[].class), fixed[Emit.MEM]);
        assertEquals(Type.INT_TYPE, fixed[Emit.MEM_SIZE]);
    }
}
