package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.debug.DebugEvent;
import dev.trapdoor.engine.debug.DebugFrame;
import dev.trapdoor.engine.debug.Resume;
import dev.trapdoor.engine.model.WasmModule;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unreachable GC objects are collected, so an allocation loop runs in a bounded table, while every object some root
 * still reaches keeps its handle and its values: one in a global's linked list, in a table, in a global alone, in a
 * local of a frame below the allocating one (the debugger stopped above it too), or held by the host.
 */
class GcCollectionTest {
    static final String WAT = """
            (module
              (type $node (struct (field $value i64) (field $next (ref null $node))))
              (type $bytes (array (mut i8)))
              (global $kept (mut (ref null $node)) (ref.null $node))
              (global $only (mut (ref null $bytes)) (ref.null $bytes))
              (table $t 2 (ref null $node))
              (func $probe (export "probe"))
              ;; n iterations, each a struct and an array dropped at once; every keepEvery-th struct joins $kept.
              (func $churn (export "churn") (param $n i32) (param $keepEvery i32) (local $i i32)
                (loop $l
                  (drop (struct.new $node (i64.extend_i32_u (local.get $i)) (ref.null $node)))
                  (drop (array.new_default $bytes (i32.const 16)))
                  (if (i32.eqz (i32.rem_u (local.get $i) (local.get $keepEvery)))
                    (then (global.set $kept
                      (struct.new $node (i64.extend_i32_u (local.get $i)) (global.get $kept)))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
              (func (export "setup")
                (table.set $t (i32.const 1) (struct.new $node (i64.const 4242) (ref.null $node)))
                (global.set $only (array.new $bytes (i32.const 7) (i32.const 100))))
              ;; The kept list: how many, and the sum of their values.
              (func (export "kept") (result i32 i64) (local $p (ref null $node)) (local $n i32) (local $s i64)
                (local.set $p (global.get $kept))
                (block $done (loop $l
                  (br_if $done (ref.is_null (local.get $p)))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (local.set $s (i64.add (local.get $s) (struct.get $node $value (local.get $p))))
                  (local.set $p (struct.get $node $next (local.get $p)))
                  (br $l)))
                (local.get $n) (local.get $s))
              (func (export "table") (result i64)
                (struct.get $node $value (table.get $t (i32.const 1))))
              (func (export "global") (result i32) (local $a (ref $bytes)) (local $i i32) (local $s i32)
                (local.set $a (ref.as_non_null (global.get $only)))
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
                  (local.set $s (i32.add (local.get $s) (array.get_u $bytes (local.get $a) (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $s))
              ;; An object only a local of this frame holds, while the churn below it collects.
              (func (export "local") (param $n i32) (result i64) (local $mine (ref null $node))
                (local.set $mine (struct.new $node (i64.const 777) (struct.new $node (i64.const 1) (ref.null $node))))
                (call $churn (local.get $n) (i32.const 2000000000))
                (call $probe)
                (i64.add (struct.get $node $value (local.get $mine))
                  (struct.get $node $value (struct.get $node $next (local.get $mine)))))
              (func (export "make") (param i64) (result (ref $node))
                (struct.new $node (local.get 0) (ref.null $node)))
              (func (export "value") (param (ref $node)) (result i64)
                (struct.get $node $value (local.get 0))))
            """;

    static WasmModule module() {
        return Wasm.load(Wat.compile("collect.wat", WAT).binary());
    }

    @Test
    void tenMillionObjectsRunInABoundedTable() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance inst = store.instantiate(module(), (m, n) -> null);
        inst.invoke("setup");
        int iterations = 5_000_000;
        inst.invoke("churn", iterations, 1_000_000);
        GcHeap heap = store.gcHeap();
        assertTrue(heap.collections() >= 50, heap.collections() + " collections");
        assertTrue(heap.capacity() <= 4 * GcHeap.FIRST_COLLECTION,
                "the table grew to " + heap.capacity() + " for " + 2 * iterations + " objects");
        // Kept: 0, 1000000, ..., 4000000, each with its own value.
        assertArrayEquals(new long[]{5, 10_000_000}, inst.invoke("kept"));
        assertEquals(4242, inst.invoke("table")[0]);
        assertEquals(700, inst.invoke("global")[0]);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void rootsKeepTheirObjectsInEveryTier(Tier tier) {
        Store store = new Store(EngineConfig.DEFAULT.withTier(tier).withTierUpThreshold(2));
        Instance inst = store.instantiate(module(), (m, n) -> null);
        inst.invoke("setup");
        long held = inst.invoke("make", 31)[0];
        assertEquals(778, inst.invoke("local", 300_000)[0]);
        inst.invoke("churn", 300_000, 100_000);
        assertTrue(store.gcHeap().collections() >= 4, store.gcHeap().collections() + " collections");
        assertTrue(store.gcHeap().size() < GcHeap.FIRST_COLLECTION, store.gcHeap().size() + " objects left");
        // "local"'s churn kept its first struct (value 0), this one 0, 100000 and 200000.
        assertArrayEquals(new long[]{4, 300_000}, inst.invoke("kept"));
        assertEquals(4242, inst.invoke("table")[0]);
        assertEquals(700, inst.invoke("global")[0]);
        // The host's reference still names its struct: invoke results are pinned.
        assertEquals(31, inst.invoke("value", held)[0]);
    }

    @Test
    void aStoppedDebuggerSeesTheCallersLocalObjectAfterCollections() {
        Store store = new Store(EngineConfig.DEFAULT);
        Instance inst = store.instantiate(module(), (m, n) -> null);
        List<Long> seen = new ArrayList<>();
        Debugger debugger = store.debugger();
        debugger.addFunctionBreakpoint(inst, funcIndex(inst, "probe"));
        debugger.setHandler((event, frames) -> {
            // Stopped in $probe, called by "local" after the churn; the caller's local 1 is $mine.
            if (!(event instanceof DebugEvent.BreakpointHit)) {
                return Resume.CONTINUE;
            }
            DebugFrame caller = frames.get(1);
            GcObject mine = GcView.object(store, caller.local(1));
            assertNotNull(mine, "the caller's local no longer names an object");
            seen.add(mine.get(0));
            seen.add(GcView.object(store, mine.get(1)).get(0));
            seen.add((long) store.gcHeap().collections());
            return Resume.CONTINUE;
        });
        assertEquals(778, inst.invoke("local", 300_000)[0]);
        assertEquals(3, seen.size(), "one stop in $probe");
        assertEquals(777, seen.get(0));
        assertEquals(1, seen.get(1));
        assertTrue(seen.get(2) >= 4, seen.get(2) + " collections before the stop");
    }

    private static int funcIndex(Instance inst, String export) {
        return inst.function(export).funcIndex;
    }
}
