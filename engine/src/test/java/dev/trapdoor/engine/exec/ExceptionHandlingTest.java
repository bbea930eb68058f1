package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.FuncType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wasm exceptions through the Java API and across tiers: a host function throws into Wasm and catches what Wasm
 * throws, an exception crosses a host frame between two runs of the interpreter, and compiled frames (functions
 * without handlers compile) pass an interpreted thrower's exception to an interpreted catcher.
 */
class ExceptionHandlingTest {
    private static final FuncType I32_TO_NONE = new FuncType(new ValType[]{ValType.I32}, new ValType[0]);

    private static final String WAT = """
            (module
              (import "host" "tag" (tag $host (param i32)))
              (import "host" "raise" (func $raise (param i32)))
              (import "host" "reenter" (func $reenter (param i32) (result i32)))
              (tag $e (export "e") (param i32 i64))
              (func $thrower (export "thrower") (param i32)
                (throw $e (local.get 0) (i64.extend_i32_u (i32.mul (local.get 0) (i32.const 2)))))
              ;; no handler here: the compiled tier compiles it, and exceptions pass through it
              (func $middle (export "middle") (param i32) (result i32)
                (call $thrower (local.get 0))
                (i32.const -1))
              (func $deep (param i32)
                (if (i32.eqz (local.get 0)) (then (call $thrower (i32.const 9)) (return)))
                (call $deep (i32.sub (local.get 0) (i32.const 1))))
              (func (export "catchFromMiddle") (param i32) (result i32)
                (block $h (result i32 i64)
                  (try_table (catch $e $h) (drop (call $middle (local.get 0))))
                  (return (i32.const 0)))
                (drop))
              (func (export "loopCatches") (param i32) (result i32) (local $sum i32)
                (loop $l
                  (block $h (result i32 i64)
                    (try_table (catch $e $h) (drop (call $middle (local.get 0))))
                    (unreachable))
                  (drop)
                  (local.set $sum (i32.add (local.get $sum)))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get $sum))
              (func (export "catchDeep") (result i32)
                (block $h (result i32 i64)
                  (try_table (catch $e $h) (call $deep (i32.const 400)))
                  (return (i32.const 0)))
                (drop))
              (func (export "catchHost") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $host $h) (call $raise (local.get 0)))
                  (return (i32.const -1)))
                (i32.add (i32.const 1000)))
              (func (export "catchThroughHost") (param i32) (result i32)
                (block $h (result i32 i64)
                  (try_table (catch $e $h) (drop (call $reenter (local.get 0))))
                  (return (i32.const -1)))
                (drop))
              (func (export "catchAllRef") (result exnref)
                (block $h (result exnref)
                  (try_table (catch_all_ref $h) (call $thrower (i32.const 4)))
                  (unreachable)))
              (func (export "rethrow") (param exnref) (throw_ref (local.get 0))))
            """;

    static List<EngineConfig> configs() {
        return List.of(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER), EngineConfig.DEFAULT.withTier(Tier.COMPILED),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(64),
                EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
    }

    private static Instance instance(EngineConfig config, TagInstance hostTag) {
        Store store = new Store(config);
        FunctionInstance raise = store.hostFunction("raise", I32_TO_NONE, (caller, args) -> {
            throw new WasmThrow(hostTag, args[0]);
        });
        Instance[] self = new Instance[1];
        FunctionInstance reenter = store.hostFunction("reenter", new FuncType(new ValType[]{ValType.I32},
                new ValType[]{ValType.I32}), (caller, args) -> self[0].invoke("middle", args[0]));
        self[0] = store.instantiate(Wasm.load(Wat.compile("eh.wat", WAT).binary()), (module, name) -> switch (name) {
            case "tag" -> hostTag;
            case "raise" -> raise;
            case "reenter" -> reenter;
            default -> null;
        });
        return self[0];
    }

    @ParameterizedTest
    @MethodSource("configs")
    void wasmCatchesThroughCompiledAndHostFrames(EngineConfig config) {
        Instance inst = instance(config, new TagInstance(I32_TO_NONE, "host"));
        assertEquals(21, inst.invoke("catchFromMiddle", 21)[0]);
        assertEquals(9, inst.invoke("catchDeep")[0]);
        assertEquals(1007, inst.invoke("catchHost", 7)[0]);
        assertEquals(33, inst.invoke("catchThroughHost", 33)[0]);
        // Many catches in a loop: no frame or compiled-depth count leaks (it would end in call stack exhausted).
        assertEquals(5000 * 5001 / 2, inst.invoke("loopCatches", 5000)[0]);
        assertEquals(21, inst.invoke("catchFromMiddle", 21)[0]);
    }

    /**
     * A host function's call back into Wasm whose compiled entry deoptimizes for the throw ran the rebuilt frames
     * from its own depth and left that as the run's entry depth: the caller's run then searched below its first frame
     * for the handler (an ArrayIndexOutOfBoundsException in about one of seven tiered runs, by when the background
     * compiler had finished). Many fresh stores cover the timings.
     */
    @Test
    void aCallbackThatDeoptimizesLeavesItsCallersRunAsItFoundIt() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Instance inst = instance(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2),
                    new TagInstance(I32_TO_NONE, "host"));
            assertEquals(21, inst.invoke("catchFromMiddle", 21)[0]);
            assertEquals(9, inst.invoke("catchDeep")[0]);
            assertEquals(1007, inst.invoke("catchHost", 7)[0]);
            assertEquals(33, inst.invoke("catchThroughHost", 33)[0]);
            assertEquals(5000 * 5001 / 2, inst.invoke("loopCatches", 5000)[0]);
            assertEquals(21, inst.invoke("catchFromMiddle", 21)[0]);
            // The background compiler finishes at different points of the next round.
            Thread.sleep(i % 13);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theHostCatchesWhatWasmThrows(EngineConfig config) {
        Instance inst = instance(config, new TagInstance(I32_TO_NONE, "host"));
        WasmThrow thrown = assertThrows(WasmThrow.class, () -> inst.invoke("middle", 6));
        assertSame(inst.export("e"), thrown.tag());
        assertArrayEquals(new long[]{6, 12}, thrown.payload());
        assertEquals("e", thrown.tag().name());
        assertTrue(thrown.getMessage().contains("$e") && thrown.getMessage().contains("i32:6"), thrown.getMessage());
        // An exnref leaves and comes back: throw_ref rethrows the identical exception.
        long ref = inst.invoke("catchAllRef")[0];
        WasmThrow again = assertThrows(WasmThrow.class, () -> inst.invoke("rethrow", ref));
        assertArrayEquals(new long[]{4, 8}, again.payload());
        assertSame(again, assertThrows(WasmThrow.class, () -> inst.invoke("rethrow", ref)));
    }
}
