package dev.trapdoor.engine.exec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GC references the host holds: kept until it releases them ({@link Store#release}), then collected like any other
 * object; and the host's arguments must have the parameter's type, so a stale or made-up handle is refused before
 * Wasm code trusts it.
 */
class GcHostReferencesTest {
    private static final int MADE = 200_000;

    private static Instance instance(Store store) {
        return store.instantiate(GcCollectionTest.module(), (m, n) -> null);
    }

    @Test
    void releasedReferencesAreCollected() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance inst = instance(store);
        long kept = inst.invoke("make", 42)[0];
        for (int i = 0; i < MADE; i++) {
            store.release(inst.invoke("make", i)[0]);
        }
        GcHeap heap = store.gcHeap();
        assertTrue(heap.collections() >= 1, heap.collections() + " collections");
        assertTrue(heap.size() < 2 * GcHeap.FIRST_COLLECTION, heap.size() + " objects for " + MADE + " released");
        assertEquals(1, heap.hostHeld());
        assertEquals(42, inst.invoke("value", kept)[0], "the reference not released still names its struct");
    }

    @Test
    void unreleasedReferencesStay() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance inst = instance(store);
        long first = inst.invoke("make", 7)[0];
        for (int i = 0; i < MADE; i++) {
            inst.invoke("make", i);
        }
        assertTrue(store.gcHeap().collections() >= 1, store.gcHeap().collections() + " collections");
        assertEquals(MADE + 1, store.gcHeap().hostHeld());
        assertTrue(store.gcHeap().size() >= MADE + 1, store.gcHeap().size() + " objects");
        assertEquals(7, inst.invoke("value", first)[0]);
    }

    @Test
    void anI64ThatLooksLikeAHandlePinsNothing() {
        String wat = """
                (module
                  (type $n (struct (field i32)))
                  (global $g (mut (ref null $n)) (ref.null $n))
                  (func (export "make") (global.set $g (struct.new $n (i32.const 1))))
                  (func (export "echo") (param i64) (result i64) (local.get 0)))
                """;
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance inst = store.instantiate(dev.trapdoor.engine.Wasm.load(
                dev.trapdoor.engine.text.Wat.compile("echo.wat", wat).binary()), ImportResolver.NONE);
        inst.invoke("make");
        long lookalike = GcRefs.ref(0, false);
        assertTrue(GcView.object(store, lookalike) != null, "handle 0 is the global's struct");
        assertEquals(lookalike, inst.invoke("echo", lookalike)[0]);
        assertEquals(0, store.gcHeap().hostHeld());
    }

    @Test
    void argumentsOfAnotherTypeAreRefused() {
        Store store = new Store(EngineConfig.DEFAULT.withTier(Tier.INTERPRETER));
        Instance inst = instance(store);
        inst.invoke("setup");
        long node = inst.invoke("make", 5)[0];
        long array = GcRefs.ref(1, true); // setup's $only
        assertTrue(GcView.object(store, array).isArray());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> inst.invoke("value", array));
        assertTrue(wrong.getMessage().contains("which is not a (ref $node)"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inst.invoke("value", 12345L));
        assertThrows(IllegalArgumentException.class, () -> inst.invoke("value", Values.NULL_REF));
        store.release(node);
        store.gcHeap().collect(null, 0, -1, null);
        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class,
                () -> inst.invoke("value", node), "a released, collected handle");
        assertTrue(stale.getMessage().contains("argument 0"), stale.getMessage());
        assertEquals(4242, inst.invoke("table")[0], "what the table holds survives the collection");
    }
}
