package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.compile.CompiledClass;
import dev.trapdoor.engine.compile.JvmCompiler;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.testing.ClassFiles;
import dev.trapdoor.engine.testing.Wabt;
import dev.trapdoor.engine.trap.Trap;
import dev.trapdoor.engine.trap.TrapKind;
import dev.trapdoor.engine.validate.ModuleContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.trapdoor.engine.testing.SameTrap.assertSameTrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compiled loads and stores as calls to {@link JitMemory} ({@code -Dtrapdoor.jit.memoryCalls}, on by default): every
 * width at offsets 0, small and large, at addresses around the end of memory and past 2^31, give the interpreter's
 * values, traps (field by field) and memory, cold and after a warm-up long enough for the JVM to compile the chunks;
 * the helpers keep the sizes their point rests on; and the switch decides the shape.
 */
class JitMemoryTest {
    private static final boolean CALLS = !"false".equals(System.getProperty("trapdoor.jit.memoryCalls"))
            && !"false".equals(System.getProperty("trapdoor.jit.smearedChecks"));
    /** Whom the inline shape calls: {@code sun.misc.Unsafe}, or {@code RawMemory}'s accessors (the switch off). */
    private static final String INLINE = "false".equals(System.getProperty("trapdoor.jit.directUnsafe"))
            ? "RawMemory." : "Unsafe.";

    // One page. Every access takes its address as a parameter; stores write a value and read it back with the load of
    // the same width, so the stores' bytes show in the results as well as in memory.
    private static final String MODULE = """
            (module
              (memory 1)
              (func (export "ld") (param $a i32) (result i64)
                (i64.add (i64.add (i64.add (i64.extend_i32_u (i32.load (local.get $a)))
                                           (i64.extend_i32_u (i32.load offset=5 (local.get $a))))
                                  (i64.add (i64.load offset=65520 (local.get $a)) (i64.load (local.get $a))))
                         (i64.add (i64.add (i64.extend_i32_s (i32.load8_s offset=1 (local.get $a)))
                                           (i64.load8_u (local.get $a)))
                                  (i64.add (i64.extend_i32_u (i32.load16_u offset=3 (local.get $a)))
                                           (i64.load16_s (local.get $a))))))
              (func (export "ld32") (param $a i32) (result i32)
                (i32.add (i32.load offset=65532 (local.get $a)) (i32.load8_u offset=65535 (local.get $a))))
              (func (export "st") (param $a i32) (param $v i64) (result i64)
                (i64.store offset=2 (local.get $a) (local.get $v))
                (i32.store (local.get $a) (i32.wrap_i64 (local.get $v)))
                (i64.store16 offset=9 (local.get $a) (local.get $v))
                (i32.store8 (local.get $a) (i32.const 0x1ff))
                (i32.store16 (local.get $a) (i32.const 0x12345))
                (f64.store offset=1 (local.get $a) (f64.reinterpret_i64 (local.get $v)))
                (f32.store offset=65531 (local.get $a) (f32.const 1.5))
                (i64.store32 offset=4 (local.get $a) (local.get $v))
                (i64.add (i64.load offset=2 (local.get $a)) (i64.load16_u offset=9 (local.get $a)))))
            """;

    /** {@code bin/trapdoor run}'s chunk budget, under which chunks call the helpers. */
    private static final int RUN_BUDGET = 4000;

    private static final long[] ADDRESSES = {0, 1, 2, 7, 8, 9, 100, 65520, 65525, 65526, 65528, 65529, 65530, 65531, 65532,
            65533, 65534, 65535, 65536, 65537, 0x7FFF_FFF8L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFF8L, 0xFFFF_FFFFL};

    private static Instance instance(EngineConfig config) {
        return new Store(config).instantiate(Wasm.load(Wabt.wat(MODULE)), ImportResolver.NONE);
    }

    /** What a call gives: its results, or its trap; the memory after it. */
    private record Outcome(long[] results, Trap trap, byte[] memory) {
    }

    private static Outcome call(Instance inst, String f, long... args) {
        long[] results = null;
        Trap trap = null;
        try {
            results = inst.invoke(f, args);
        } catch (Trap t) {
            trap = t;
        }
        return new Outcome(results, trap, inst.memory().read(0, inst.memory().byteSize()));
    }

    private static void assertSame(Outcome expected, Outcome actual, String what) {
        if (expected.trap() != null) {
            if (actual.trap() == null) {
                fail(what + ": expected " + expected.trap() + ", returned " + Arrays.toString(actual.results()));
            }
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, expected.trap().kind(), what);
            assertSameTrap(expected.trap(), actual.trap());
        } else {
            assertArrayEquals(expected.results(), actual.results(), what);
        }
        assertArrayEquals(expected.memory(), actual.memory(), what + ": memory");
    }

    private static void sweep(Instance interpreted, Instance compiled, String label) {
        long v = 0x0102_0304_0506_0708L;
        for (long a : ADDRESSES) {
            assertSame(call(interpreted, "st", a, v), call(compiled, "st", a, v), label + " st at " + a);
            assertSame(call(interpreted, "ld", a), call(compiled, "ld", a), label + " ld at " + a);
            assertSame(call(interpreted, "ld32", a), call(compiled, "ld32", a), label + " ld32 at " + a);
            v = v * 31 + 17;
        }
    }

    @Test
    void everyWidthAndOffsetGivesTheInterpretersValuesTrapsAndMemory() {
        for (EngineConfig config : new EngineConfig[] {EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(RUN_BUDGET),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64)}) {
            Instance interpreted = instance(EngineConfig.DEFAULT);
            Instance compiled = instance(config);
            sweep(interpreted, compiled, "cold, budget " + config.chunkBudget());
            // Warm: enough calls in bounds for the JVM to compile the chunks (and C2 to inline the helpers), then the
            // sweep again, faults included.
            for (int i = 0; i < 20_000; i++) {
                long a = i % 2;
                interpreted.invoke("st", a, (long) i);
                compiled.invoke("st", a, (long) i);
                assertEquals(interpreted.invoke("ld", a)[0], compiled.invoke("ld", a)[0]);
                assertEquals(interpreted.invoke("ld32", 0L)[0], compiled.invoke("ld32", 0L)[0]);
            }
            sweep(interpreted, compiled, "warm, budget " + config.chunkBudget());
        }
    }

    /**
     * C1 inlines a callee of at most 35 bytes of bytecode ({@code C1MaxInlineSize}); C2 inlines one of up to 325
     * ({@code FreqInlineSize}) at a call site that ran often. Each helper must fall between, or the point is lost.
     */
    @Test
    void everyHelperIsTooBigForC1ToInlineAndSmallEnoughForC2() throws Exception {
        Map<String, Integer> sizes;
        try (InputStream in = JitMemory.class.getResourceAsStream("JitMemory.class")) {
            sizes = ClassFiles.codeLengths(in);
        }
        int helpers = 0;
        for (Map.Entry<String, Integer> m : sizes.entrySet()) {
            if (m.getKey().startsWith("get") || m.getKey().startsWith("put")) {
                helpers++;
                assertTrue(m.getValue() > 35 && m.getValue() <= 325, m.getKey() + " is " + m.getValue() + " bytes");
            }
        }
        assertEquals(8, helpers, sizes.toString());
    }

    /** What the compiled code of {@code wat}'s functions calls, at chunk budget {@code budget}. */
    private static Set<String> calls(String wat, int budget) throws Exception {
        WasmModule module = Wasm.load(Wabt.wat(wat));
        Set<String> calls = new HashSet<>();
        for (int f = 0; f < module.functionCount(); f++) {
            CompiledClass cc = JvmCompiler.compile(new ModuleContext(module), f, budget,
                    "dev/trapdoor/engine/exec/Jit$M", false, true);
            for (byte[] bytes : cc.classes()) {
                for (String method : ClassFiles.codeLengths(new ByteArrayInputStream(bytes)).keySet()) {
                    calls.addAll(ClassFiles.calls(new ByteArrayInputStream(bytes), method));
                }
            }
        }
        return calls;
    }

    /**
     * At the default budget (7,600 bytes) no chunk calls the helpers: C2's inlining budget is the chunk's own size
     * plus what it inlines, and there the inline shape already fills it.
     */
    @Test
    void theDefaultBudgetKeepsTheInlineShape() throws Exception {
        Set<String> calls = calls(MODULE, EngineConfig.DEFAULT_CHUNK_BUDGET);
        assertTrue(calls.contains(INLINE + "getInt") && calls.contains(INLINE + "putLong"), calls.toString());
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("JitMemory.")), calls.toString());
    }

    /** A chunk's calls stop at what its share of C2's inlining budget pays for; the accesses after keep the shape. */
    @Test
    void aChunkCallsTheHelpersUpToItsShareOfC2sBudget() throws Exception {
        StringBuilder wat = new StringBuilder("(module (memory 1) (func (param $a i32) (result i32) (local.get $a)");
        for (int i = 0; i < 100; i++) {
            wat.append(" (i32.load offset=").append(i * 4).append(" (local.get $a)) i32.add");
        }
        wat.append("))");
        WasmModule module = Wasm.load(Wabt.wat(wat.toString()));
        CompiledClass cc = JvmCompiler.compile(new ModuleContext(module), 0, RUN_BUDGET,
                "dev/trapdoor/engine/exec/Jit$M", false, true);
        assertEquals(1, cc.classes().length);
        byte[] bytes = cc.classes()[0];
        // The body is more than one chunk at this budget; each chunk calls for its first 40 accesses.
        int methods = 0;
        int accesses = 0;
        for (String method : ClassFiles.codeLengths(new ByteArrayInputStream(bytes)).keySet()) {
            int helpers = ClassFiles.countCalls(new ByteArrayInputStream(bytes), method, "JitMemory.getInt");
            int inline = ClassFiles.countCalls(new ByteArrayInputStream(bytes), method, INLINE + "getInt");
            if (helpers + inline == 0) {
                continue;
            }
            methods++;
            assertEquals(CALLS ? Math.min(40, helpers + inline) : 0, helpers, method + ": helper calls");
            accesses += helpers + inline;
        }
        assertTrue(methods > 1, "chunks");
        assertEquals(100, accesses);
    }

    @Test
    void theSwitchDecidesWhetherAccessesCallTheHelpers() throws Exception {
        Set<String> calls = calls(MODULE, RUN_BUDGET);
        if (CALLS) {
            assertTrue(calls.containsAll(Set.of("JitMemory.getInt", "JitMemory.getLong", "JitMemory.getByte",
                    "JitMemory.getShort", "JitMemory.putInt", "JitMemory.putLong", "JitMemory.putByte",
                    "JitMemory.putShort")), calls.toString());
            assertFalse(calls.contains(INLINE + "getInt") || calls.contains(INLINE + "putLong"), calls.toString());
        } else {
            assertTrue(calls.contains(INLINE + "getInt") && calls.contains(INLINE + "putLong"), calls.toString());
            assertFalse(calls.stream().anyMatch(c -> c.startsWith("JitMemory.")), calls.toString());
        }
    }
}
