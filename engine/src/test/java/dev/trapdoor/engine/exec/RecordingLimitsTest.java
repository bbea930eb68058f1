package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A module whose state a snapshot cannot hold is refused when recording starts, naming what it uses. */
class RecordingLimitsTest {
    @Test
    void gcObjectsAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> record(
                "(module (type $p (struct (field (mut i32)))) (func (export \"f\") (result i32) (i32.const 1)))"));
        assertEquals("not supported in recordings: GC objects (the module declares struct or array types)",
                e.getMessage());
    }

    @Test
    void exceptionReferencesAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> record(
                "(module (func (export \"f\") (local exnref)))"));
        assertEquals("not supported in recordings: exception references (exnref)", e.getMessage());
    }

    @Test
    void plainExceptionsAreRecorded() {
        assertNotNull(record("(module (tag $t (param i32)) (func (export \"f\") (result i32)"
                + " (block $h (result i32) (try_table (catch $t $h) (throw $t (i32.const 7)))"
                + " (i32.const 0))))"));
    }

    private static Recording record(String wat) {
        Store store = new Store(EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
        Instance instance = store.instantiate(Wasm.load(Wat.compile("limits.wat", wat).binary()),
                ImportResolver.NONE);
        return store.debugger().record(instance, Recording.DEFAULT_INTERVAL, Recording.DEFAULT_BUDGET_BYTES);
    }
}
