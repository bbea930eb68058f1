package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.error.UninstantiableException;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory64 and multi-memory past what the spec suite pins down: the limit of one Java array (a clear error at
 * instantiation, a failing grow), addresses past 2^32 in a 64-bit memory, and memory 0's code staying on its fast
 * path while memory 1's goes through {@link WideMemoryOps}, in the interpreter and the compiled tier alike.
 */
class WideMemoryTest {
    private static Instance instantiate(String wat, EngineConfig config) {
        WasmModule module = Wasm.load(Wat.compile("test.wat", wat).binary());
        return new Store(config).instantiate(module, ImportResolver.NONE);
    }

    @Test
    void aSixtyFourBitMemoryLargerThanAJavaArrayFailsAtInstantiationNamingBothSizes() {
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> instantiate("(module (memory i64 65536))", EngineConfig.DEFAULT));
        assertTrue(e.getMessage().contains("65536 pages (4294967296 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("32767 pages (2147418112 bytes"), e.getMessage());
    }

    @Test
    void aGrowPastTheLimitFailsAndAddressesPastFourGibTrap() {
        Instance inst = instantiate("""
                (module
                  (memory i64 1)
                  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
                  (func (export "size") (result i64) (memory.size))
                  (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0)))
                  (func (export "store") (param i64 i32) (i32.store offset=0x10 (local.get 0) (local.get 1))))
                """, EngineConfig.DEFAULT);
        assertEquals(-1, inst.invoke("grow", 1L << 32)[0]);
        assertEquals(-1, inst.invoke("grow", 32767)[0], "32768 pages in all is past one array");
        assertEquals(1, inst.invoke("grow", 1)[0]);
        assertEquals(2, inst.invoke("size")[0]);
        inst.invoke("store", 0x20, 0x0102_0304);
        assertEquals(4, inst.invoke("load", 0x30)[0]);
        // 2^32 + 0x30 would read address 0x30 if the address were cut to 32 bits.
        Trap trap = assertThrows(Trap.class, () -> inst.invoke("load", (1L << 32) + 0x30));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        assertThrows(Trap.class, () -> inst.invoke("store", -0x10L, 1), "address + offset wraps past 2^64");
    }

    @Test
    void twoMemoriesStayApartInEveryTier() {
        String wat = """
                (module
                  (memory $a 1)
                  (memory $b (export "b") 1)
                  (data (memory $b) (i32.const 8) "\\2a")
                  (func (export "copy") (param i32)
                    (i32.store $a (local.get 0) (i32.load8_u $b (i32.const 8)))
                    (memory.copy $b $a (i32.const 100) (local.get 0) (i32.const 4)))
                  (func (export "read") (param i32) (result i32) (i32.load (local.get 0)))
                  (func (export "readB") (param i32) (result i32) (i32.load $b (local.get 0)))
                  (func (export "sizes") (result i32 i32) (memory.size $a) (memory.grow $b (i32.const 2))))
                """;
        for (EngineConfig config : new EngineConfig[] {EngineConfig.DEFAULT,
                EngineConfig.DEFAULT.withTier(Tier.COMPILED)}) {
            Instance inst = instantiate(wat, config);
            inst.invoke("copy", 40);
            assertEquals(42, inst.invoke("read", 40)[0], config.tier().toString());
            assertEquals(0, inst.invoke("read", 8)[0], "memory 0 has no data at 8");
            assertEquals(42, inst.invoke("readB", 100)[0]);
            assertArrayEquals(new long[] {1, 1}, inst.invoke("sizes"));
            assertEquals(3, inst.memory("b").pages());
            assertEquals(1, inst.memory().pages());
        }
    }
    @Test
    void aGrowThroughAnotherIndexOfMemoryZerosInstanceIsSeenByMemoryZerosCode() {
        // Memory 0 and memory 1 are one instance: compiled code keeps memory 0's size in a local, which the grow
        // through index 1 must refresh, or the store at 70000 would trap.
        for (EngineConfig config : new EngineConfig[] {EngineConfig.DEFAULT,
                EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Store store = new Store(config);
            Instance exporter = store.instantiate(Wasm.load(Wat.compile("a.wat",
                    "(module (memory (export \"m\") 1 4))").binary()), ImportResolver.NONE);
            Instance inst = store.instantiate(Wasm.load(Wat.compile("b.wat", """
                    (module
                      (import "a" "m" (memory 1 4))
                      (import "a" "m" (memory $b 1 4))
                      (func (export "f") (param i32) (result i32)
                        (drop (memory.grow $b (i32.const 1)))
                        (i32.store (local.get 0) (i32.const 5))
                        (i32.add (i32.load (local.get 0)) (i32.load $b (local.get 0)))))
                    """).binary()), (module, name) -> exporter.export(name));
            assertEquals(10, inst.invoke("f", 70000)[0], config.tier().toString());
            assertEquals(2, exporter.memory("m").pages());
        }
    }
}
