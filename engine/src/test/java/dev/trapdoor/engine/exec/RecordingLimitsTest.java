package dev.trapdoor.engine.exec;

import dev.trapdoor.engine.Wasm;
import dev.trapdoor.engine.text.Wat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A module whose state a snapshot cannot hold is refused when recording starts, naming what it uses; an exception
 * reference is found in every place a value type can be written, each module below hiding it in one place only.
 */
class RecordingLimitsTest {
    private static final String EXNREF = "not supported in recordings: exception references (exnref)";

    @Test
    void gcObjectsAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> record(
                "(module (type $p (struct (field (mut i32)))) (func (export \"f\") (result i32) (i32.const 1)))"));
        assertEquals("not supported in recordings: GC objects (the module declares struct or array types)",
                e.getMessage());
    }

    @Test
    void anExnrefLocalIsRefused() {
        assertRefused("(module (func (export \"f\") (local exnref)))");
    }

    @Test
    void anExnrefParameterIsRefused() {
        assertRefused("(module (func (export \"f\") (param exnref)))");
    }

    @Test
    void anInlineBlockTypeIsRefused() {
        assertRefused("(module (func (export \"f\") (drop (block (result exnref) (ref.null exn)))))");
    }

    @Test
    void anInlineLoopTypeIsRefused() {
        assertRefused("(module (func (export \"f\") (drop (loop (result exnref) (ref.null exn)))))");
    }

    @Test
    void anInlineIfTypeIsRefused() {
        assertRefused("(module (func (export \"f\") (drop (if (result exnref) (i32.const 1)"
                + " (then (ref.null exn)) (else (ref.null exn))))))");
    }

    @Test
    void aTryTableBlockTypeIsRefused() {
        assertRefused("(module (func (export \"f\") (drop (try_table (result exnref) (ref.null exn)))))");
    }

    @Test
    void aTypedSelectIsRefused() {
        assertRefused("(module (func (export \"f\")"
                + " (drop (select (result exnref) (ref.null exn) (ref.null exn) (i32.const 0)))))");
    }

    @Test
    void anExnrefGlobalIsRefused() {
        assertRefused("(module (global (mut exnref) (ref.null exn)) (func (export \"f\")))");
    }

    @Test
    void anExnrefTableIsRefused() {
        assertRefused("(module (table 1 exnref) (func (export \"f\")))");
    }

    @Test
    void anExnrefElementSegmentIsRefused() {
        assertRefused("(module (elem exnref (ref.null exn)) (func (export \"f\")))");
    }

    @Test
    void aTagCarryingAnExnrefIsRefused() {
        assertRefused("(module (tag (param exnref)) (func (export \"f\")))");
    }

    /**
     * Block types in the binary forms the text does not choose: {@code (ref null exn)} spelled out, {@code (ref exn)}
     * and the null-only {@code nullexnref} (the body ends in {@code unreachable}, which any result type allows).
     */
    @ParameterizedTest
    @ValueSource(strings = {"63 69", "64 69", "74", "63 74"})
    void aBlockTypeInAnyBinaryFormIsRefused(String blockType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x02); // block
        for (String b : blockType.split(" ")) {
            body.write(Integer.parseInt(b, 16));
        }
        body.writeBytes(new byte[] {0x00, 0x0B, 0x1A, 0x0B}); // unreachable end drop end
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> record(moduleWithBody(body.toByteArray())));
        assertEquals(EXNREF, e.getMessage());
    }

    @Test
    void plainExceptionsAreRecorded() {
        assertNotNull(record("(module (tag $t (param i32)) (func (export \"f\") (result i32)"
                + " (block $h (result i32) (try_table (catch $t $h) (throw $t (i32.const 7)))"
                + " (i32.const 0))))"));
    }

    @Test
    void otherReferencesInTheSamePlacesAreRecorded() {
        assertNotNull(record("(module (table 1 funcref) (global (mut externref) (ref.null extern))"
                + " (elem funcref (ref.null func)) (func (export \"f\") (local funcref)"
                + " (drop (block (result funcref) (ref.null func)))"
                + " (drop (select (result externref) (ref.null extern) (ref.null extern) (i32.const 0)))))"));
        assertNotNull(record(moduleWithBody(new byte[] {0x02, 0x63, 0x70, 0x00, 0x0B, 0x1A, 0x0B})));
    }

    private static void assertRefused(String wat) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> record(wat));
        assertEquals(EXNREF, e.getMessage());
    }

    private static Recording record(String wat) {
        return record(Wat.compile("limits.wat", wat).binary());
    }

    private static Recording record(byte[] wasm) {
        Store store = new Store(EngineConfig.DEFAULT.withTranslation(TranslationLevel.EXACT));
        Instance instance = store.instantiate(Wasm.load(wasm), ImportResolver.NONE);
        return store.debugger().record(instance, Recording.DEFAULT_INTERVAL, Recording.DEFAULT_BUDGET_BYTES);
    }

    /** A module of one function {@code () -> ()} with no locals and the given instructions (its final end included). */
    private static byte[] moduleWithBody(byte[] instructions) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        m.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}); // type section: () -> ()
        m.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00}); // function section: one function of type 0
        int entry = 1 + instructions.length; // local declaration count, then the instructions
        m.write(0x0A); // code section
        m.write(entry + 2);
        m.write(1);
        m.write(entry);
        m.write(0);
        m.writeBytes(instructions);
        return m.toByteArray();
    }
}
