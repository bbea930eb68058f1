package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled frames are roots of the GC heap's collections: a compiled loop allocates enough for several collections
 * while the only references to a list it builds, to an array it keeps and to each callee's own array are in compiled
 * frames (the allocating one, its callers, typed entries among them, and with 64-byte chunks frames that crossed
 * chunks), and every object survives with its contents.
 */
class GcCompiledRootsTest {
    private static final String WAT = """
            (module
              (type $node (struct (field $v i32) (field $next (ref null $node))))
              (type $arr (array (mut i32)))
              ;; Garbage: k arrays dropped at once, allocated below frames that hold references.
              (func $garbage (param $k i32)
                (loop $l
                  (drop (array.new_default $arr (i32.const 8)))
                  (br_if $l (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
              ;; Holds an array of its own across the garbage its callee makes: answers 2k when it survived.
              (func $middle (param $k i32) (result i32) (local $mine (ref null $arr))
                (local.set $mine (array.new $arr (local.get $k) (i32.const 3)))
                (call $garbage (i32.const 20))
                (i32.add (array.get $arr (local.get $mine) (i32.const 0))
                  (array.get $arr (local.get $mine) (i32.const 2))))
              ;; Builds a list of n nodes (n-1 at the head) held only by a local, between garbage of its own and its
              ;; callees', then walks it; answers how many values were wrong.
              (func (export "run") (param $n i32) (result i32)
                (local $head (ref null $node)) (local $keep (ref null $arr)) (local $p (ref null $node))
                (local $i i32) (local $bad i32)
                (local.set $keep (array.new $arr (i32.const 7) (i32.const 100)))
                (loop $build
                  (local.set $head (struct.new $node (local.get $i) (local.get $head)))
                  (drop (array.new_default $arr (i32.const 64)))
                  (if (i32.ne (call $middle (local.get $i)) (i32.shl (local.get $i) (i32.const 1)))
                    (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
                  (br_if $build (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.set $p (local.get $head))
                (loop $walk
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (if (i32.ne (struct.get $node $v (local.get $p)) (local.get $i))
                    (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
                  (local.set $p (struct.get $node $next (local.get $p)))
                  (br_if $walk (i32.eqz (ref.is_null (local.get $p)))))
                (if (i32.or (i32.ne (array.len (local.get $keep)) (i32.const 100))
                      (i32.ne (array.get $arr (local.get $keep) (i32.const 99)) (i32.const 7)))
                  (then (local.set $bad (i32.add (local.get $bad) (i32.const 1000)))))
                (i32.add (local.get $bad) (local.get $i))))
            """;

    /** 12,000 iterations of 23 allocations each: about four collections, each with some 12,000 objects alive. */
    private static final int N = 12_000;

    @ParameterizedTest
    @ValueSource(ints = {7600, 64})
    void objectsOnlyCompiledFramesHoldSurviveCollections(int chunkBudget) {
        WasmModule module = Wasm.load(Wat.compile("roots.wat", WAT).binary());
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.COMPILED).withChunkBudget(chunkBudget));
        Instance inst = store.instantiate(module, ImportResolver.NONE);
        List<String> interpreted = new ArrayList<>();
        for (int f = 0; f < module.functionCount(); f++) {
            if (inst.functions[f].jit == null) {
                interpreted.add("function " + f);
            }
        }
        assertEquals(List.of(), interpreted, "declined");
        assertArrayEquals(new long[]{0}, inst.function("run").call(N));
        int collections = store.gcHeap().collections();
        assertTrue(collections >= 3, "only " + collections + " collections");
        // The list was collected once the call returned and nothing held it: the table did not just grow.
        assertTrue(store.gcHeap().capacity() < 4 * N * 23 / 10, "table of " + store.gcHeap().capacity());
    }

    @ParameterizedTest
    @ValueSource(ints = {7600, 64})
    void tieredLoopsMovedIntoCompiledCodeKeepTheirObjects(int chunkBudget) {
        WasmModule module = Wasm.load(Wat.compile("roots.wat", WAT).binary());
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.TIERED).withTierUpThreshold(2)
                .withChunkBudget(chunkBudget));
        Instance inst = store.instantiate(module, ImportResolver.NONE);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new long[]{0}, inst.function("run").call(N));
        }
        assertTrue(store.gcHeap().collections() >= 3, "only " + store.gcHeap().collections() + " collections");
    }
}
