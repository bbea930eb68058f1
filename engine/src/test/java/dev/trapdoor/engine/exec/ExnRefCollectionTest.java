package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.GlobalType;
import dev.trapdoor.engine.model.ValType;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exceptions caught by reference and then dropped are collected: a million catches in a loop leave a bounded table,
 * while the ones a local, a global or the host still holds stay the identical exceptions.
 */
class ExnRefCollectionTest {
    private static final int CATCHES = 1_000_000;

    private static final String WAT = """
            (module
              (import "host" "kept" (global $kept (mut exnref)))
              (tag $e (export "e") (param i32))
              (func $catch (export "catch") (param i32) (result exnref) (local $x exnref)
                (block $h (result i32 exnref)
                  (try_table (catch_ref $e $h) (throw $e (local.get 0)))
                  (unreachable))
                (local.set $x)
                (drop)
                (local.get $x))
              (func $payload (param exnref) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (throw_ref (local.get 0)))
                  (unreachable)))
              (func (export "loop") (param $n i32) (result i32) (local $first exnref) (local $i i32)
                (local.set $first (call $catch (i32.const -1)))
                (global.set $kept (call $catch (i32.const -2)))
                (loop $l
                  (drop (call $catch (local.get $i)))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (i32.add (call $payload (local.get $first)) (call $payload (global.get $kept))))
              (func (export "rethrow") (param exnref) (throw_ref (local.get 0))))
            """;

    static List<EngineConfig> configs() {
        return List.of(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER),
                EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2),
                EngineConfig.DEFAULT.withTier(Tier.COMPILED));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aMillionCaughtReferencesLeaveABoundedTable(EngineConfig config) {
        Store store = new Store(config);
        GlobalInstance kept = new GlobalInstance(new GlobalType(ValType.EXNREF, true), Values.NULL_REF);
        Instance inst = store.instantiate(Wasm.load(Wat.compile("exnrefs.wat", WAT).binary()),
                (m, n) -> n.equals("kept") ? kept : null);
        long held = inst.invoke("catch", 77)[0];
        assertEquals(-3, inst.invoke("loop", CATCHES)[0]);
        int size = store.exnRefs.size();
        assertTrue(size < 10_000, "the table still holds " + size + " exceptions after " + CATCHES + " catches");
        // The reference the host kept through all of it still names the same exception.
        WasmThrow again = assertThrows(WasmThrow.class, () -> inst.invoke("rethrow", held));
        assertArrayEquals(new long[]{77}, again.payload());
        assertEquals(-3, inst.invoke("loop", 10)[0]);
    }
}
