package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import dev.trapdoor.engine.trap.Trap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A Lua-style {@code pcall}/{@code error} ({@code exceptions/longjmp-across-runs.wat}) whose exception crosses three
 * interpreter runs with compiled frames between them and is caught in the middle run. Each run that a deoptimization
 * (or a trap) leaves once kept its frames on the interpreter's frame stack, so the run below listed them again as its
 * own: the rebuilt stack then held stale frames under the catching one, and the catch "returned" into one of them
 * (the Lua benchmark's {@code unreachable} in {@code luaD_throw}, tiered mode).
 */
class ThrowAcrossRunsTest {
    /** The functions that stay interpreted, so that the exception crosses three runs. */
    private static final Set<String> INTERPRETED = Set.of("run", "loop", "protect", "raise", "raiseInner");
    private static final List<String> COMPILED = List.of("pcall", "body", "longjmp");
    private Predicate<FunctionInstance> saved;

    @BeforeEach
    void keepSomeInterpreted() {
        saved = JitInstaller.faultInjector;
        JitInstaller.faultInjector = f -> INTERPRETED.contains(f.name());
    }

    @AfterEach
    void restore() {
        JitInstaller.faultInjector = saved;
    }

    static List<EngineConfig> configs() {
        return List.of(EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2));
    }

    private static Instance instance(EngineConfig config) throws IOException {
        String wat;
        try (InputStream in = ThrowAcrossRunsTest.class.getResourceAsStream("/exceptions/longjmp-across-runs.wat")) {
            wat = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Store(config).instantiate(Wasm.load(Wat.compile("longjmp-across-runs.wat", wat).binary()),
                (m, n) -> null);
    }

    /** In the tiered mode, runs pcalls until the background compiler has compiled the compiled ones. */
    private static void compileInTiers(Instance inst, EngineConfig config) {
        if (config.tier() != Tier.TIERED) {
            return;
        }
        for (String name : COMPILED) {
            FunctionInstance f = named(inst, name);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (f.jit == null && System.nanoTime() < deadline) {
                assertEquals(10L, inst.invoke("run", 20, 0)[0]);
            }
        }
        for (String name : COMPILED) {
            assertNotNull(named(inst, name).jit, name + " is compiled");
        }
        for (String name : INTERPRETED) {
            assertNull(named(inst, name).jit, name + " stays interpreted");
        }
    }

    private static FunctionInstance named(Instance inst, String name) {
        for (FunctionInstance f : inst.functions) {
            if (name.equals(f.name())) {
                return f;
            }
        }
        throw new AssertionError("no function " + name);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyErrorIsCaughtByItsOwnPcall(EngineConfig config) throws Exception {
        // 1000 pcalls, half of them erroring: the interpreter's count, and the shadow stack pointer restored
        assertEquals(500L, instance(EngineConfig.DEFAULT).invoke("run", 1000, 0)[0]);
        Instance inst = instance(config);
        compileInTiers(inst, config);
        assertEquals(500L, inst.invoke("run", 1000, 0)[0]);
        assertEquals(500L, inst.invoke("run", 1000, 0)[0]);
    }

    /** The catching frame compiled too: it alone moves into the interpreter to run its handler. */
    @ParameterizedTest
    @MethodSource("configs")
    void aCompiledCatcherCatchesEveryError(EngineConfig config) throws Exception {
        JitInstaller.faultInjector = f -> INTERPRETED.contains(f.name()) && !f.name().equals("protect");
        Instance inst = instance(config);
        FunctionInstance protect = named(inst, "protect");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (protect.jit == null && System.nanoTime() < deadline) {
            assertEquals(10L, inst.invoke("run", 20, 0)[0]);
        }
        assertNotNull(protect.jit, "protect is compiled");
        assertEquals(500L, inst.invoke("run", 1000, 0)[0]);
        assertEquals(500L, inst.invoke("run", 1000, 0)[0]);
    }

    /** An inner catch by reference (which moves the invocation) comes first: an outer catch by value must not. */
    @ParameterizedTest
    @MethodSource("configs")
    void anInnerCatchByReferenceWinsOverAnOuterOne(EngineConfig config) {
        String wat = """
                (module
                  (tag $e (param i32))
                  (func $thrower (param i32) (throw $e (local.get 0)))
                  (func $inner (param i32) (result i32)
                    (block $h (result i32 exnref)
                      (try_table (catch_ref $e $h) (call $thrower (local.get 0)))
                      (return (i32.const -1)))
                    (drop)
                    (i32.add (i32.const 1000)))
                  (func (export "outer") (param i32) (result i32)
                    (block $h (result i32)
                      (try_table (catch $e $h) (return (call $inner (local.get 0))))
                      (unreachable))
                    (drop)
                    (i32.const -2)))
                """;
        Instance inst = new Store(config).instantiate(Wasm.load(Wat.compile("byref.wat", wat).binary()),
                (m, n) -> null);
        for (int i = 0; i < 200; i++) {
            assertEquals(1000L + i, inst.invoke("outer", i)[0]);
        }
        if (config.tier() == Tier.COMPILED) {
            assertNotNull(named(inst, "inner").jit, "inner compiled");
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aTrapAcrossTheRunsListsEachFrameOnce(EngineConfig config) throws Exception {
        Trap expected = assertThrows(Trap.class, () -> instance(EngineConfig.DEFAULT).invoke("run", 0, -1));
        Instance inst = instance(config);
        compileInTiers(inst, config);
        Trap actual = assertThrows(Trap.class, () -> inst.invoke("run", 0, -1));
        // longjmp, raiseInner, raise, body, protect, pcall, loop, run
        assertEquals(8, expected.stack().size(), expected.stack().toString());
        assertEquals(expected.stack(), actual.stack());
        assertEquals(expected.moduleOffset(), actual.moduleOffset());
    }
}
