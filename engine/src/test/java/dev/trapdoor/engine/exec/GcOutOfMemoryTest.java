package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.testing.FreshJvm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guest that fills the JVM heap with reachable objects traps "out of memory"; no {@code OutOfMemoryError} escapes
 * the engine. Run in a JVM of its own with a 64 MiB heap ({@link GcOutOfMemoryMain}), so that running out is real:
 * once for one array the JVM cannot allocate at all (an {@code OutOfMemoryError} caught), once for many small ones
 * (the GC heap's share of the JVM's heap).
 */
class GcOutOfMemoryTest {
    @Test
    void aFullHeapIsATrapNotAnError() throws IOException, InterruptedException {
        String out = FreshJvm.run(GcOutOfMemoryMain.class, "-Xmx64m");
        assertTrue(out.matches("(?s)huge: .*out of memory: the JVM heap cannot hold the object\\R"
                + "trapped after \\d+ arrays: .*out of memory.*\\R" + "then 5\\R"), out);
        assertTrue(!out.contains("OutOfMemoryError"), out);
        int arrays = Integer.parseInt(out.replaceAll("(?s).*trapped after (\\d+) arrays.*", "$1"));
        // 8 KiB each: the guest had about half the 64 MiB heap before it trapped.
        assertTrue(arrays > 2000, out);
    }

    @Test
    void gcObjectsCountAgainstTheStoresMemoryLimit() {
        Store store = new Store(EngineConfig.DEFAULT.withMaxMemory(8L << 20));
        Instance inst = store.instantiate(Wasm.load(Wat.compile("hoard.wat", GcOutOfMemoryMain.WAT).binary()),
                (m, n) -> null);
        Trap t = assertThrows(Trap.class, () -> inst.invoke("hoard"));
        assertEquals(TrapKind.OUT_OF_MEMORY, t.kind());
        assertTrue(t.getMessage().contains("memory limit (8388608 bytes)"), t.getMessage());
        long arrays = inst.invoke("count")[0];
        assertTrue(arrays > 900 && arrays < 1024, arrays + " arrays of 8 KiB in 8 MiB");
        assertTrue(store.memoryBudget().used() <= 8L << 20);
        // Dropped, they are collected and their bytes charged no more: the next hoard gets as far.
        inst.invoke("drop");
        assertThrows(Trap.class, () -> inst.invoke("hoard"));
        assertTrue(inst.invoke("count")[0] >= 2 * arrays - 1, inst.invoke("count")[0] + " arrays in total");
    }
}
